import { CallbackForm } from "@/lib/forms/callback/form";
import { DEFAULT_TIME_ZONE, programFromQuery, timeZoneOptions } from "@/components/forms/page-data";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitCallback } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("callBack");

export default async function CallBackPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const programs = await listProgramsForForms(db());
  const course = programFromQuery(programs, params)?.slug;

  return (
    <FormPageLayout name="callBack">
      <CallbackForm
        action={submitCallback}
        initialState={initialFormState("callback", { course, timeZone: DEFAULT_TIME_ZONE })}
        courses={[...programs.map((p) => ({ value: p.slug, label: p.name })), { value: "not-sure", label: "Not sure yet" }]}
        timeZones={timeZoneOptions()}
        defaultTimeZone={DEFAULT_TIME_ZONE}
        {...formLinkProps("callBack", params)}
      />
    </FormPageLayout>
  );
}
