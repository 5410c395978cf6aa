import { courseOptions, formPrograms } from "@/components/forms/page-data";
import { SyllabusForm } from "@/lib/forms/syllabus/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitSyllabus } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("syllabus");

/** The syllabus request; a program page's "Get the syllabus" link preselects its program. */
export default async function SyllabusPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const { programs, linked } = await formPrograms(params);
  return (
    <FormPageLayout name="syllabus">
      <SyllabusForm
        action={submitSyllabus}
        initialState={initialFormState("syllabus", { program: linked?.slug })}
        programs={courseOptions(programs)}
        {...formLinkProps("syllabus", params)}
      />
    </FormPageLayout>
  );
}
