import type { Metadata } from "next";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { DEFAULT_TIME_ZONE, attributionFrom, formPermalink, queryParam, timeZoneOptions, type SearchParams } from "@/components/forms/page-data";
import { QuoteForm } from "@/lib/forms/quote/form";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { pageMetadata } from "@/app/(forms)/page-metadata";
import { submitQuote } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

const path = "/quote";

export const metadata: Metadata = pageMetadata({
  title: "Get a price quote for you or your team",
  description:
    "Ask for a Loomstack Academy quote for yourself or for a team: choose the courses, tell us how many seats, and we email you a quote, and call at a time that suits you if you ask.",
  path,
});

export default async function QuotePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const programs = await listProgramsForForms(db());
  const program = programs.find((p) => p.slug === queryParam(params, "program"))?.slug;
  const audience = queryParam(params, "audience");

  return (
    <FormPage
      path={path}
      crumb="Get a quote"
      eyebrow="Pricing and team training"
      title="Get a quote"
      intro="Tell us who the training is for and which courses interest you. After you send the form, we email you a confirmation and an adviser prepares your quote. If you ask for a call, they call you at the time you chose to go through it."
    >
      <FormCard id="quote-request" title="Your quote request">
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
          attribution={attributionFrom(params)}
          path={path}
          permalink={formPermalink(path, params, "quote-request")}
        />
      </FormCard>
    </FormPage>
  );
}
