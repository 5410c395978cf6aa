import { NewsletterForm } from "@/lib/forms/newsletter/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitNewsletter } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("newsletter");

export default async function NewsletterPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  return (
    <FormPageLayout name="newsletter" aside={<NewsletterPerks />}>
      <NewsletterForm action={submitNewsletter} initialState={initialFormState("newsletter")} {...formLinkProps("newsletter", params)} />
    </FormPageLayout>
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
