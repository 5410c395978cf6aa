import { randomBytes } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { at, newId, type Sql } from "../db/sql";

export type { EmailTemplate } from "./template-data";
import type { EmailAttachment, EmailTemplate } from "./template-data";

export type QueuedEmail = {
  to: string;
  template: EmailTemplate;
  data: Record<string, unknown>;
  /**
   * "marketing" stops at a marketing unsubscribe; "comments" (a commenter's own
   * notifications) has an opt-out of its own (Contact.commentEmailsOptOutAt); "staff" (a
   * message a staff member wrote to a lead) stops at a complaint as well as a hard bounce,
   * not at a marketing unsubscribe. A hard bounce stops everything.
   */
  category: "transactional" | "marketing" | "comments" | "staff";
  /** Gets a one-click unsubscribe link and header (marketing: invitations, the newsletter; comment notifications). */
  unsubscribable?: boolean;
  /** Unique per logical email: queuing the same key twice is a no-op. */
  idempotencyKey: string;
  leadId?: string;
  contactId?: string;
  /** A later send (an event reminder): the dispatcher leaves the row until then. */
  sendAt?: Date;
  /** Where replies go instead of the site's EMAIL_REPLY_TO (the advisor who wrote a staff message). */
  replyTo?: string;
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
    replyTo: email.replyTo ?? null,
    unsubscribeToken: email.unsubscribable ? randomBytes(24).toString("base64url") : null,
    ...(email.sendAt ? { nextAttemptAt: email.sendAt } : {}),
  };
}

/**
 * Queues emails whose keys cannot exist yet (they name a row created in the same
 * transaction) in one statement, typed SQL in the caller's transaction (lib/db/sql.ts). A
 * clash is still a unique violation, never a second send.
 */
export async function queueNewEmails(sql: Sql, emails: QueuedEmail[]): Promise<void> {
  if (!emails.length) return;
  // As the model's defaults: due, created and updated at the moment of writing (the clock
  // the dispatcher compares with), not the submission's own `now`.
  const written = new Date();
  const values = emails.map((email) => ({
    ...row(email),
    id: newId(),
    leadId: email.leadId ?? null,
    contactId: email.contactId ?? null,
    status: "pending",
    attempts: 0,
    nextAttemptAt: at(email.sendAt ?? written),
    createdAt: at(written),
    updatedAt: at(written),
  }));
  await sql.run(sql.q.insertInto("EmailMessage").values(values).compile());
}

/**
 * The attachments saved with a sent message (EmailMessage.attachments, JSON), or none. Entries
 * that are not a filename, a type and text are dropped.
 */
export function storedAttachments(json: string | null): EmailAttachment[] {
  if (!json) return [];
  const list: unknown = JSON.parse(json);
  if (!Array.isArray(list)) return [];
  return list.filter(
    (a): a is EmailAttachment =>
      typeof a === "object" && a !== null && typeof a.filename === "string" && typeof a.contentType === "string" && typeof a.content === "string",
  );
}
