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

/** The personal discount code: in the welcome email, never on the page. */
function DiscountCode({ data, ctx }: { data: ConfirmationEmailData; ctx: RenderContext }) {
  const code = str(data.discountCode);
  if (!code) return null;
  const percent = discountPercent(data);
  return (
    <Section style={s.codeBox}>
      <Text style={{ ...s.p, fontWeight: 700, margin: 0 }}>Your code: {percent}% off your next course</Text>
      <Text style={s.code}>{code}</Text>
      <Text style={{ ...s.small, margin: 0 }}>
        How to use it: when you enroll, give this code to your admissions advisor as you confirm your place and payment plan, and {percent}% comes off the price
        of your next course. <SafeLink href={`${origin(ctx.siteUrl)}/apply`}>Apply for a course</SafeLink>
      </Text>
    </Section>
  );
}

/** The newsletter sign-up (/newsletter), with its 20% code. */
export const newsletterForm = {
  type: "newsletter" as const,
  label: "Newsletter sign-up",
  consent: NEWSLETTER_CONSENT,
  schema: newsletterSchema,
  nextSteps: {
    headline: "Thanks for subscribing",
    receipt: "Your welcome email is on its way to the address you gave, with your personal 20% discount code.",
    steps: ["Use the code when you enroll to take 20% off your next course.", "Every newsletter has a one-click unsubscribe link."],
  },
  summary: (i) =>
    summaryRows([
      ["Email", text(i.email)],
      ["Name", text(i.name)],
    ]),
  afterSave: ({ tx, contact, now }) => subscribe(tx, contact.id, contact.email, now),
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
    intro: `Thank you for subscribing to the ${siteConfig.name} newsletter: career guides, new cohort dates and events.`,
    steps: (d) => [
      ...(str(d.discountCode) ? ["Your personal discount code is below. Keep this email so you have it when you enroll."] : []),
      `Use it when you enroll to take ${discountPercent(d)}% off your next course.`,
      "Every newsletter has a one-click unsubscribe link.",
    ],
    unsubscribe: { prompt: "Changed your mind?", action: "Unsubscribe in one click" },
    Extra: DiscountCode,
  },
  example: {
    input: { email: "linus.chen@example.com", name: "Linus Chen", consent: true },
    extras: { discountCode: "LOOM20-9XK4TQ2M", discountPercent: 20 },
    unsubscribeUrl: "http://localhost:3000/unsubscribe/8f3a1c2e9b7d4e6f",
  },
} satisfies PostedFormDefinition<NewsletterInput>;
