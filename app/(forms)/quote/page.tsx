import { courseOptions, DEFAULT_TIME_ZONE, formPrograms, queryParam, timeZoneChoices } from "@/components/forms/page-data";
import { QuoteForm } from "@/lib/forms/quote/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitQuote } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("quote");

export default async function QuotePage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const { programs, linked } = await formPrograms(params);
  const audience = queryParam(params, "audience");

  return (
    <FormPageLayout name="quote">
      <QuoteForm
        action={submitQuote}
        initialState={initialFormState("quote", {
          courses: linked ? [linked.slug] : [],
          audience: audience === "team" || audience === "individual" ? audience : undefined,
          timeZone: DEFAULT_TIME_ZONE,
        })}
        courses={courseOptions(programs)}
        {...timeZoneChoices()}
        {...formLinkProps("quote", params)}
      />
    </FormPageLayout>
  );
}
