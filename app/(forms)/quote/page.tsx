import { DEFAULT_TIME_ZONE, programFromQuery, queryParam, timeZoneOptions } from "@/components/forms/page-data";
import { QuoteForm } from "@/lib/forms/quote/form";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitQuote } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("quote");

export default async function QuotePage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const programs = await listProgramsForForms(db());
  const program = programFromQuery(programs, params)?.slug;
  const audience = queryParam(params, "audience");

  return (
    <FormPageLayout name="quote">
      <QuoteForm
        action={submitQuote}
        initialState={initialFormState("quote", {
          courses: program ? [program] : [],
          audience: audience === "team" || audience === "individual" ? audience : undefined,
          timeZone: DEFAULT_TIME_ZONE,
        })}
        courses={programs.map((p) => ({ value: p.slug, label: p.name }))}
        timeZones={timeZoneOptions()}
        defaultTimeZone={DEFAULT_TIME_ZONE}
        {...formLinkProps("quote", params)}
      />
    </FormPageLayout>
  );
}
