import { randomUUID } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { CONSENT } from "../leads/consent";
import { consentDocumentVersions } from "../legal/consent";
import { issueOwnershipLink } from "../ownership/tokens";

type Tx = Prisma.TransactionClient;

/** At most one confirmation email per address in this many minutes: a sign-up form is not a mail cannon. */
export const CONFIRMATION_INTERVAL_MINUTES = 60;

/**
 * `NewsletterSubscription.discountCode` predates DiscountCode and must be unique and set. A
 * new subscription stores this opaque placeholder: codes live in DiscountCode, issued when
 * the subscription is confirmed (./confirm.ts).
 */
export const placeholderCode = () => `unissued:${randomUUID()}`;

export type SubscribeInput = {
  contactId: string;
  email: string | null;
  name: string | null;
  leadId?: string;
  siteUrl: string;
  now: Date;
};

/** What the sign-up did; the page's answer never depends on it. */
export type SubscribeOutcome = "confirmation-sent" | "recently-sent" | "already-confirmed" | "no-email";

/**
 * A newsletter sign-up, in the lead's transaction (double opt-in). It records the consent and
 * queues one confirmation email with a one-time link (lib/ownership, purpose
 * "newsletter-confirm"); nothing else is sent, and no code is issued, until that link is used.
 *
 * - A confirmed, active subscription is left as it is, and gets no email.
 * - A past unsubscribe is undone only by confirming again: the subscription goes back to
 *   unconfirmed, so a typed address can never put someone back on the list.
 * - At most one confirmation email per address per CONFIRMATION_INTERVAL_MINUTES: a
 *   compare-and-set on `confirmationSentAt`, so concurrent sign-ups cannot both send.
 */
export async function subscribe(tx: Tx, input: SubscribeInput): Promise<SubscribeOutcome> {
  const { contactId, now } = input;
  const consent = CONSENT.newsletter;
  const { privacyVersion } = consentDocumentVersions("newsletter", now);
  const consentData = { consentVersion: consent.version, consentText: consent.text, consentAt: now, privacyVersion };
  let sub = await tx.newsletterSubscription.findUnique({ where: { contactId } });
  if (!sub) {
    sub = await tx.newsletterSubscription.create({ data: { contactId, discountCode: placeholderCode(), ...consentData, createdAt: now } });
  } else if (sub.unsubscribedAt) {
    sub = await tx.newsletterSubscription.update({ where: { id: sub.id }, data: { ...consentData, unsubscribedAt: null, confirmedAt: null } });
  } else if (sub.confirmedAt) {
    return "already-confirmed";
  } else {
    sub = await tx.newsletterSubscription.update({ where: { id: sub.id }, data: consentData });
  }
  if (!input.email) return "no-email";

  const since = new Date(now.getTime() - CONFIRMATION_INTERVAL_MINUTES * 60_000);
  const claimed = await tx.newsletterSubscription.updateMany({
    where: { id: sub.id, confirmedAt: null, OR: [{ confirmationSentAt: null }, { confirmationSentAt: { lte: since } }] },
    data: { confirmationSentAt: now },
  });
  if (claimed.count !== 1) return "recently-sent";
  const link = await issueOwnershipLink(tx, {
    email: input.email,
    contactId,
    purpose: "newsletter-confirm",
    name: input.name,
    leadId: input.leadId ?? null,
    siteUrl: input.siteUrl,
    now,
  });
  return link ? "confirmation-sent" : "recently-sent";
}
