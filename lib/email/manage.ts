import type { Db } from "../db";
import { newestPage, pageCount } from "../console/paging";

/** Unsubscribe tokens are 24 random bytes, base64url. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** What the link stops: marketing (and the newsletter), or a commenter's notifications. */
export type UnsubscribeScope = "marketing" | "comments";

export type UnsubscribeResult = { ok: true; address: string; already: boolean; scope: UnsubscribeScope } | { ok: false };

/** The scope an unsubscribe link in a message of this category stops. */
export const unsubscribeScopeOf = (category: string): UnsubscribeScope => (category === "comments" ? "comments" : "marketing");

/**
 * The one-click unsubscribe behind every unsubscribable message.
 *
 * - From a marketing message: no more marketing email to that address, and a newsletter
 *   subscription (if any) ends.
 * - From a comment notification ("Stop these emails"): no more emails about that person's
 *   comments, and the ones still waiting in the outbox are withdrawn. Marketing and the
 *   newsletter are left as they are.
 *
 * Transactional email (the confirmation of a form the person sends later) still arrives.
 */
export async function unsubscribeByToken(db: Db, token: string, now = new Date()): Promise<UnsubscribeResult> {
  if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) return { ok: false };
  return db.$transaction(async (tx) => {
    const message = await tx.emailMessage.findUnique({ where: { unsubscribeToken: token }, select: { toAddress: true, category: true } });
    if (!message) return { ok: false as const };
    const address = message.toAddress.trim().toLowerCase();
    if (unsubscribeScopeOf(message.category) === "comments") {
      const contact = await tx.contact.findUnique({ where: { email: address }, select: { id: true, commentEmailsOptOutAt: true } });
      const already = Boolean(contact?.commentEmailsOptOutAt);
      if (contact && !already) await tx.contact.update({ where: { id: contact.id }, data: { commentEmailsOptOutAt: now } });
      // Withdraw what is queued and not being sent right now (a claimed row is in flight).
      await tx.emailMessage.updateMany({
        where: {
          toAddress: message.toAddress,
          category: "comments",
          status: "pending",
          OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
        },
        data: { status: "suppressed", lastError: "Suppressed (comments:unsubscribe)", lockedBy: null, lockedUntil: null },
      });
      return { ok: true as const, address, already, scope: "comments" as const };
    }
    const existing = await tx.emailSuppression.findUnique({ where: { address } });
    if (!existing) await tx.emailSuppression.create({ data: { address, scope: "marketing", reason: "unsubscribe" } });
    const contact = await tx.contact.findUnique({ where: { email: address }, select: { id: true, marketingOptOutAt: true } });
    if (contact) {
      if (!contact.marketingOptOutAt) await tx.contact.update({ where: { id: contact.id }, data: { marketingOptOutAt: now } });
      await tx.newsletterSubscription.updateMany({ where: { contactId: contact.id, unsubscribedAt: null }, data: { unsubscribedAt: now } });
    }
    return { ok: true as const, address, already: Boolean(existing), scope: "marketing" as const };
  });
}

/** Puts a failed (or suppressed) message back in the queue, as staff's "retry". */
export async function retryMessage(db: Db, id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.$transaction((tx) =>
    tx.emailMessage.updateMany({
      where: { id, status: { in: ["failed", "suppressed"] } },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null, lockedBy: null, failedAt: null },
    }),
  );
  return count === 1;
}

export const MAILBOX_PAGE_SIZE = 50;

export type MailboxFilter = { status?: string; to?: string; page?: number };

/** Messages newest first, for the mailbox / outbox page. */
export async function listMessages(db: Db, filter: MailboxFilter = {}) {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const where = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.to ? { toAddress: { contains: filter.to.toLowerCase() } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.emailMessage.count({ where }),
    db.emailMessage.findMany({
      where,
      ...newestPage(page, MAILBOX_PAGE_SIZE),
      select: {
        id: true,
        toAddress: true,
        template: true,
        category: true,
        status: true,
        subject: true,
        attempts: true,
        lastError: true,
        transport: true,
        createdAt: true,
        sentAt: true,
        deliveredAt: true,
        nextAttemptAt: true,
      },
    }),
  ]);
  return { total, page, pages: pageCount(total, MAILBOX_PAGE_SIZE), rows };
}

export async function getMessage(db: Db, id: string) {
  return db.emailMessage.findUnique({ where: { id }, include: { events: { orderBy: { occurredAt: "asc" } } } });
}

export const MESSAGE_STATUSES = ["pending", "sent", "delivered", "bounced", "complained", "failed", "suppressed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
