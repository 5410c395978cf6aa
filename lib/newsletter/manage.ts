import { requestOwnershipLink } from "../ownership/request-link";
import { z } from "zod/mini";
import type { Db } from "../db";
import type { FormState, SuccessDetails } from "../leads/form-state";
import type { SubmissionContext, SubmissionDeps } from "../leads/pipeline";
import { manageLinkSchema } from "./manage-schema";
import { NEWSLETTER_TOPICS, storedTopics, topicsOf, type NewsletterTopic } from "./topics";

export const MANAGE_LINK_SENT: SuccessDetails = {
  headline: "Check your inbox",
  nextSteps: [
    "If we know this address, we have emailed it a link to your email settings. The link works once, for one hour.",
    "No email after a few minutes? Check your spam folder, or make sure you typed the address our emails go to.",
  ],
};

/**
 * "Manage my emails": someone asks for the settings of an address. They are sent to that
 * inbox as a one-time link (lib/ownership, purpose "manage-emails"); the answer is the same
 * whether or not the address is known, nothing is sent to an address we do not know, and
 * both the form's rate limit and the links-per-hour cap apply.
 */
export async function requestManageLink(deps: SubmissionDeps, raw: Record<string, unknown>, ctx: SubmissionContext): Promise<FormState> {
  return requestOwnershipLink(deps, raw, ctx, { formType: "newsletter", purpose: "manage-emails", schema: manageLinkSchema, sent: MANAGE_LINK_SENT });
}

export type SubscriptionState = "confirmed" | "waiting" | "unsubscribed" | "none";

export type EmailSettings = {
  email: string;
  state: SubscriptionState;
  topics: NewsletterTopic[];
  /** The address gets no email at all (a bounce or a spam complaint). */
  blocked: boolean;
};

/** What the settings page shows to the proven owner of `email` (null: the proof no longer matches the contact). */
export async function emailSettings(db: Db, proof: { contactId: string; email: string }): Promise<EmailSettings | null> {
  const contact = await db.contact.findUnique({ where: { id: proof.contactId }, select: { email: true, newsletter: true } });
  if (!contact || contact.email !== proof.email) return null;
  const sub = contact.newsletter;
  const suppression = await db.emailSuppression.findUnique({ where: { address: proof.email }, select: { scope: true } });
  const state: SubscriptionState = !sub ? "none" : sub.unsubscribedAt ? "unsubscribed" : sub.confirmedAt ? "confirmed" : "waiting";
  return { email: proof.email, state, topics: sub ? topicsOf(sub.topics) : [], blocked: suppression?.scope === "all" };
}

const topicsSchema = z.array(z.enum(NEWSLETTER_TOPICS.map((t) => t.key) as [NewsletterTopic, ...NewsletterTopic[]]));

export type SaveTopicsResult = "saved" | "none-chosen" | "not-subscribed" | "invalid";

/** The proven owner picks the topics they get. At least one: "none" is the unsubscribe button. */
export async function saveTopics(db: Db, proof: { contactId: string; email: string }, chosen: unknown, now: Date): Promise<SaveTopicsResult> {
  const parsed = topicsSchema.safeParse(chosen);
  if (!parsed.success) return "invalid";
  if (parsed.data.length === 0) return "none-chosen";
  const settings = await emailSettings(db, proof);
  if (!settings || settings.state !== "confirmed") return "not-subscribed";
  const done = await db.newsletterSubscription.updateMany({
    where: { contactId: proof.contactId, unsubscribedAt: null, confirmedAt: { not: null } },
    data: { topics: storedTopics(parsed.data), updatedAt: now },
  });
  return done.count === 1 ? "saved" : "not-subscribed";
}

/**
 * "Unsubscribe from everything": as the one-click link in a marketing email does
 * (lib/email/manage.ts), for the proven owner of the address: a marketing suppression, the
 * contact's opt-out and the subscription ended. Bounces and complaints stay as they are.
 */
export async function unsubscribeEverything(db: Db, proof: { contactId: string; email: string }, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: proof.contactId }, select: { email: true, marketingOptOutAt: true } });
    if (!contact || contact.email !== proof.email) return false;
    const existing = await tx.emailSuppression.findUnique({ where: { address: proof.email } });
    if (!existing) await tx.emailSuppression.create({ data: { address: proof.email, scope: "marketing", reason: "unsubscribe", createdAt: now } });
    if (!contact.marketingOptOutAt) await tx.contact.update({ where: { id: proof.contactId }, data: { marketingOptOutAt: now } });
    await tx.newsletterSubscription.updateMany({ where: { contactId: proof.contactId, unsubscribedAt: null }, data: { unsubscribedAt: now } });
    return true;
  });
}
