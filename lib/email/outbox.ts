import { randomBytes } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";

/** Email templates the outbox can hold; rendering and delivery are the dispatcher's job. */
export const EMAIL_TEMPLATES = [
  "enroll-confirmation",
  "quote-confirmation",
  "referral-confirmation",
  "newsletter-welcome",
  "callback-confirmation",
  "redemption-confirmation",
  "redemption-decision",
  "referral-invitation",
  "staff-new-lead",
  "ownership-link",
  "invite-confirmation",
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/**
 * Messages that carry a one-click unsubscribe link and List-Unsubscribe header: the
 * marketing invitation to a referred friend, and the newsletter's welcome.
 */
export const UNSUBSCRIBE_TEMPLATES: ReadonlySet<EmailTemplate> = new Set(["referral-invitation", "newsletter-welcome"]);

export type QueuedEmail = {
  to: string;
  template: EmailTemplate;
  data: Record<string, unknown>;
  category: "transactional" | "marketing";
  /** Unique per logical email: queuing the same key twice is a no-op. */
  idempotencyKey: string;
  leadId?: string;
  contactId?: string;
};

/**
 * Queues an email inside the caller's transaction, so a lead and its emails are written
 * together or not at all. Returns false if an email with the same key was already queued.
 */
export async function queueEmail(tx: Prisma.TransactionClient, email: QueuedEmail): Promise<boolean> {
  const existing = await tx.emailMessage.findUnique({ where: { idempotencyKey: email.idempotencyKey }, select: { id: true } });
  if (existing) return false;
  await tx.emailMessage.create({ data: row(email) });
  return true;
}

function row(email: QueuedEmail) {
  return {
    toAddress: email.to,
    template: email.template,
    data: JSON.stringify(email.data),
    category: email.category,
    idempotencyKey: email.idempotencyKey,
    leadId: email.leadId,
    contactId: email.contactId,
    unsubscribeToken: UNSUBSCRIBE_TEMPLATES.has(email.template) ? randomBytes(24).toString("base64url") : null,
  };
}

/**
 * Queues emails whose keys cannot exist yet (they name a row created in the same
 * transaction) in one statement. A clash is still a unique violation, never a second send.
 */
export async function queueNewEmails(tx: Prisma.TransactionClient, emails: QueuedEmail[]): Promise<void> {
  if (emails.length) await tx.emailMessage.createMany({ data: emails.map(row) });
}
