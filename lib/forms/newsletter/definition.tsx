import { Section, Text } from "@react-email/components";
import { siteConfig } from "../../site-config";
import type { ConfirmationEmailData, RenderContext } from "../../email/template-data";
import { SafeLink } from "../../email/templates/layout";
import { s } from "../../email/templates/styles";
import { discountPercent, origin, str } from "../../email/templates/values";
import { subscribe } from "../../newsletter/subscribe";
import { summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { NEWSLETTER_CONSENT, newsletterSchema, type NewsletterInput } from "./schema";

/** "5 March 2027", or null. */
function dateText(iso: unknown): string | null {
  const d = typeof iso === "string" ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** The personal discount code, in the welcome email sent once the subscription is confirmed. */
function DiscountCode({ data, ctx }: { data: ConfirmationEmailData; ctx: RenderContext }) {
  const code = str(data.discountCode);
  const until = dateText(data.discountExpiresAt);
  const manage = (
    <Text style={{ ...s.small, margin: "16px 0 0" }}>
      Choose the topics you get, or stop them all, on <SafeLink href={`${origin(ctx.siteUrl)}/emails`}>Manage my emails</SafeLink>.
    </Text>
  );
  if (!code) return manage;
  const percent = discountPercent(data);
  return (
    <>
      <Section style={s.codeBox}>
        <Text style={{ ...s.p, fontWeight: 700, margin: 0 }}>Your code: {percent}% off your next course</Text>
        <Text style={s.code}>{code}</Text>
        <Text style={{ ...s.small, margin: 0 }}>
          How to use it: enter it in the &quot;discount or referral code&quot; field when you apply, and {percent}% comes off the tuition of your course. It
          works once{until ? `, until ${until}` : ""}. <SafeLink href={`${origin(ctx.siteUrl)}/apply`}>Apply for a course</SafeLink>
        </Text>
      </Section>
      {manage}
    </>
  );
}

/**
 * The newsletter sign-up (/newsletter), double opt-in: the form records consent and emails a
 * confirmation link (lib/newsletter/subscribe.ts); the 20% code comes once that link is used
 * (lib/newsletter/confirm.ts), in the welcome email below and on the confirmation page.
 */
export const newsletterForm = {
  type: "newsletter" as const,
  label: "Newsletter sign-up",
  consent: NEWSLETTER_CONSENT,
  schema: newsletterSchema,
  nextSteps: {
    headline: "Check your inbox to confirm",
    receipt: "If this address is not on our list yet, we have emailed it a link to confirm your subscription. Nothing is sent to it until the link is used.",
    steps: [
      "Once you confirm, your personal 20% discount code appears on the page and arrives by email.",
      "No email? Check your spam folder. You can ask for a new link by signing up again after an hour.",
    ],
  },
  summary: (i) =>
    summaryRows([
      ["Email", text(i.email)],
      ["Name", text(i.name)],
    ]),
  ownEmail: true,
  afterSave: async ({ tx, deps, contact, leadId, now }) => {
    await subscribe(tx, { contactId: contact.id, email: contact.email, name: contact.name, leadId, siteUrl: deps.siteUrl, now });
    return {};
  },
  email: {
    template: "newsletter-welcome" as const,
    subject: (d) => {
      const code = str(d.discountCode);
      return code ? `Your ${discountPercent(d)}% discount code: ${code}` : `Welcome to the ${siteConfig.name} newsletter`;
    },
    preview: (d) => {
      const code = str(d.discountCode);
      return code ? `Your code ${code} takes ${discountPercent(d)}% off your next course.` : `Welcome to the ${siteConfig.name} newsletter.`;
    },
    title: "You are subscribed",
    intro: `Thank you for confirming your subscription to the ${siteConfig.name} newsletter: career guides, new cohort dates and events.`,
    steps: (d) =>
      str(d.discountCode)
        ? [
            "Your personal discount code is below. Keep this email so you have it when you apply.",
            `Use it when you apply to take ${discountPercent(d)}% off your next course.`,
            "Every newsletter has a one-click unsubscribe link.",
          ]
        : [
            "As you are already one of our students, there is no discount code: it is for people choosing their first course.",
            "Every newsletter has a one-click unsubscribe link.",
          ],
    unsubscribe: { prompt: "Changed your mind?", action: "Unsubscribe in one click" },
    Extra: DiscountCode,
  },
  example: {
    input: { email: "linus.chen@example.com", name: "Linus Chen", consent: true },
    extras: { discountCode: "LOOM20-9XK4TQ2M", discountPercent: 20, discountExpiresAt: "2027-03-05T12:00:00.000Z" },
    unsubscribeUrl: "http://localhost:3000/unsubscribe/8f3a1c2e9b7d4e6f",
  },
} satisfies PostedFormDefinition<NewsletterInput>;
