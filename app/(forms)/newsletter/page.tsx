import type { Metadata } from "next";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { NewsletterForm } from "@/lib/forms/newsletter/form";
import { attributionFrom, formPermalink, type SearchParams } from "@/components/forms/page-data";
import { initialFormState } from "@/lib/leads/initial-state";
import { pageMetadata } from "@/app/(forms)/page-metadata";
import { submitNewsletter } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

const path = "/newsletter";

export const metadata: Metadata = pageMetadata({
  title: "Newsletter: career advice and 20% off your next course",
  description:
    "Subscribe to the Loomstack Academy newsletter for career guides, new cohort dates and events, and get a personal code for 20% off your next course.",
  path,
});

export default async function NewsletterPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  return (
    <FormPage
      path={path}
      crumb="Newsletter"
      eyebrow="Newsletter"
      title="Get 20% off your next course"
      intro="Subscribe for career guides, new cohort dates and events. As soon as you send the form, your personal discount code appears on this page: 20% off your next course. You can unsubscribe from any email."
      aside={<NewsletterPerks />}
    >
      <FormCard id="newsletter-sign-up" title="Subscribe">
        <NewsletterForm
          action={submitNewsletter}
          initialState={initialFormState("newsletter")}
          attribution={attributionFrom(params)}
          path={path}
          permalink={formPermalink(path, params, "newsletter-sign-up")}
        />
      </FormCard>
    </FormPage>
  );
}

function NewsletterPerks() {
  return (
    <aside aria-labelledby="newsletter-perks-heading" className="rounded-2xl bg-brand-soft/70 p-6">
      <h2 id="newsletter-perks-heading" className="text-lg font-semibold">
        What you get
      </h2>
      <ul className="mt-3 space-y-3 leading-7 text-ink/85">
        {[
          "New career guides, with salary and job-outlook figures from named sources.",
          "Start dates for new cohorts, before they fill up.",
          "A personal code for 20% off your next course.",
        ].map((item) => (
          <li key={item} className="flex gap-3">
            <span aria-hidden="true" className="mt-2.5 h-2 w-2 shrink-0 rounded-full bg-accent" />
            <span>{item}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
