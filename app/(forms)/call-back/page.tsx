import type { Metadata } from "next";
import { CallbackForm } from "@/lib/forms/callback/form";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { DEFAULT_TIME_ZONE, attributionFrom, formPermalink, queryParam, timeZoneOptions, type SearchParams } from "@/components/forms/page-data";
import { listProgramsForForms } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { initialFormState } from "@/lib/leads/initial-state";
import { pageMetadata } from "@/app/(forms)/page-metadata";
import { submitCallback } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

const path = "/call-back";

export const metadata: Metadata = pageMetadata({
  title: "Let's get in touch: request a call back",
  description:
    "Leave your number and the best time to reach you, and a Loomstack Academy adviser calls you back to talk through programs, start dates and paying.",
  path,
});

export default async function CallBackPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const programs = await listProgramsForForms(db());
  const course = programs.find((p) => p.slug === queryParam(params, "program"))?.slug;

  return (
    <FormPage
      path={path}
      crumb="Request a call"
      eyebrow="Talk to an adviser"
      title="Let's get in touch"
      intro="Leave your number and tell us when suits you. After you send the form, an admissions adviser calls you in the time window you chose, in your time zone, to answer your questions about programs, dates and paying."
    >
      <FormCard id="call-back-request" title="Request a call back">
        <CallbackForm
          action={submitCallback}
          initialState={initialFormState("callback", { course, timeZone: DEFAULT_TIME_ZONE })}
          courses={[...programs.map((p) => ({ value: p.slug, label: p.name })), { value: "not-sure", label: "Not sure yet" }]}
          timeZones={timeZoneOptions()}
          defaultTimeZone={DEFAULT_TIME_ZONE}
          attribution={attributionFrom(params)}
          path={path}
          permalink={formPermalink(path, params, "call-back-request")}
        />
      </FormCard>
    </FormPage>
  );
}
