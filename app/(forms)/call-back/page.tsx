import { CallbackForm } from "@/lib/forms/callback/form";
import { courseOptions, DEFAULT_TIME_ZONE, formPrograms, timeZoneChoices } from "@/components/forms/page-data";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitCallback } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("callBack");

export default async function CallBackPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const { programs, linked } = await formPrograms(params);

  return (
    <FormPageLayout name="callBack">
      <CallbackForm
        action={submitCallback}
        initialState={initialFormState("callback", { course: linked?.slug, timeZone: DEFAULT_TIME_ZONE })}
        courses={[...courseOptions(programs), { value: "not-sure", label: "Not sure yet" }]}
        {...timeZoneChoices()}
        {...formLinkProps("callBack", params)}
      />
    </FormPageLayout>
  );
}
