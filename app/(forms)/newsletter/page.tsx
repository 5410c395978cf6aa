import { AsideBox } from "@/components/forms/form-page";
import { DotList } from "@/components/site/dot-list";
import { NewsletterForm } from "@/lib/forms/newsletter/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { FormPageLayout, formLinkProps, formPageMetadata, type FormPageArgs } from "../form-page";
import { submitNewsletter } from "../actions";

// Every rendering carries a fresh submission token.
export const dynamic = "force-dynamic";

export const metadata = formPageMetadata("newsletter");

const PERKS = [
  "New career guides, with salary and job-outlook figures from named sources.",
  "Start dates for new cohorts, before they fill up.",
  "A personal code for 20% off your next course, once you confirm your address.",
];

export default async function NewsletterPage({ searchParams }: FormPageArgs) {
  const params = await searchParams;
  const perks = (
    <AsideBox id="newsletter-perks" title="What you get">
      <DotList items={PERKS} className="mt-3 space-y-3 text-ink/85" />
      <p className="mt-4 text-sm text-ink/80">
        We email you a link to confirm first; the code comes once you do. Already subscribed?{" "}
        <a className="font-semibold text-brand underline" href="/emails">
          Manage my emails
        </a>
        .
      </p>
    </AsideBox>
  );
  return (
    <FormPageLayout name="newsletter" aside={perks}>
      <NewsletterForm action={submitNewsletter} initialState={initialFormState("newsletter")} {...formLinkProps("newsletter", params)} />
    </FormPageLayout>
  );
}
