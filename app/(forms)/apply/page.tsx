import { EnrollForm } from "@/lib/forms/enroll/form";
import { programChoices, programFromQuery, queryParam } from "@/components/forms/page-data";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitEnroll } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("apply");

export default async function ApplyPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const programs = programChoices(await listProgramsForForms(db()));

  // ?program=<slug>&cohort=<id>, from the program pages' "Apply" links. A cohort alone is
  // enough to find its program; values that match nothing are dropped.
  const cohortParam = queryParam(params, "cohort");
  const program = programFromQuery(programs, params) ?? programs.find((p) => p.cohorts.some((c) => c.value === cohortParam));
  const cohort = program?.cohorts.find((c) => c.value === cohortParam)?.value;

  return (
    <FormPageLayout name="apply">
      <EnrollForm
        action={submitEnroll}
        initialState={initialFormState("enroll", { program: program?.slug, cohort })}
        programs={programs}
        {...formLinkProps("apply", params)}
      />
    </FormPageLayout>
  );
}
