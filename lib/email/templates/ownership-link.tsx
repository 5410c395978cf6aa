import { siteConfig } from "../../site-config";
import type { OwnershipLinkData, RenderContext } from "../template-data";
import { CallToAction, EmailLayout, Paragraph, Subtitle, Title } from "./layout";
import { SummaryTable } from "./summary-table";
import { greeting, rows, str } from "./values";

/** What each kind of link is for, in the email that carries it. */
export const OWNERSHIP_COPY = {
  redemption: {
    title: "Confirm your points request",
    intro: "Someone asked to spend the referral points of this email address. If it was you, confirm the request below.",
    button: "Confirm my request",
    after: "Nothing is filed until you confirm, and points are only deducted once our team approves the request.",
  },
  "referral-status": {
    title: "Your referral link and points",
    intro: "Someone asked to see the referral link and points of this email address. If it was you, open them below.",
    button: "Show my link and points",
    after: "The page shows your personal referral link, your points and the friends you referred.",
  },
  "verify-email": {
    title: "Confirm your email address",
    intro: "Please confirm that this email address is yours.",
    button: "Confirm my email address",
    after: "",
  },
  "newsletter-confirm": {
    title: "Confirm your newsletter subscription",
    intro: `Someone signed this email address up for the ${siteConfig.name} newsletter. If it was you, confirm below and we will send your personal 20% discount code.`,
    button: "Confirm my subscription",
    after: "Until you confirm, we send this address nothing else. If you do not confirm, you stay off the list.",
  },
  "manage-emails": {
    title: "Manage your emails",
    intro: "Someone asked to change which emails this address gets from us. If it was you, open your email settings below.",
    button: "Open my email settings",
    after: "There you can pick the newsletter topics you want, or unsubscribe from everything.",
  },
} as const;

/** "Monday, March 1, 2027 at 14:05 UTC": the moment a link stops working. */
export function untilText(iso: unknown): string | null {
  const d = typeof iso === "string" ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return null;
  return `${d.toLocaleString("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" })} UTC`;
}

export function OwnershipLinkEmail({ data, ctx }: { data: OwnershipLinkData; ctx: RenderContext }) {
  const copy = OWNERSHIP_COPY[data.purpose] ?? OWNERSHIP_COPY["verify-email"];
  const until = untilText(data.expiresAt);
  const summary = rows(data.summary);
  return (
    <EmailLayout
      preview={copy.intro}
      ctx={ctx}
      footerNote={<>If it was not you, ignore this email: nothing happens unless the button is used. Questions? Write to {siteConfig.contact.email}.</>}
    >
      <Title>{copy.title}</Title>
      <Paragraph>{greeting(str(data.name))}</Paragraph>
      <Paragraph>{copy.intro}</Paragraph>
      {summary.length > 0 ? (
        <>
          <Subtitle>The request</Subtitle>
          <SummaryTable rows={summary} />
        </>
      ) : null}
      <CallToAction href={data.url}>{copy.button}</CallToAction>
      <Paragraph>
        The button works once{until ? `, until ${until}` : ""}. {copy.after}
      </Paragraph>
    </EmailLayout>
  );
}
