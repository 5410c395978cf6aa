import type { Db } from "../db";
import { queueEmail } from "../email/outbox";
import type { Tx } from "../forms/types";
import { siteConfig } from "../site-config";
import { commentableArticle } from "./articles";
import { parseFlags, type CommentFlag } from "./flags";
import { threadComments, type CommentThread, type PublishedComment } from "./thread";

/**
 * Moderation of article comments: the console's queue and its four actions, the published
 * threads the article pages render, and the commenter's emails.
 *
 * States: pending → approved | rejected | spam. An approved comment can still be rejected
 * or marked spam (it is unpublished); a rejected or spam one can be approved after all.
 * Replies are staff-only, published at once, threaded under the comment they answer.
 * Each email is keyed by the event (`comment:<id>:published`, `comment:<reply id>:reply`),
 * so a double click or a retried action never sends one twice.
 */

export const COMMENT_STATUSES = ["pending", "approved", "rejected", "spam"] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type ModerationDecision = "approve" | "reject" | "spam";

const TARGET: Record<ModerationDecision, CommentStatus> = { approve: "approved", reject: "rejected", spam: "spam" };

/** Which states each decision may start from (a repeat of the same decision is a no-op). */
export const ALLOWED_FROM: Record<ModerationDecision, readonly CommentStatus[]> = {
  approve: ["pending", "rejected", "spam"],
  reject: ["pending", "approved", "spam"],
  spam: ["pending", "approved", "rejected"],
};

export const REPLY_LIMIT = 3000;

export type ModerationOutcome =
  { ok: true; articlePath: string; changed: boolean; publicChange: boolean } | { ok: false; reason: "not-found" | "not-allowed" | "invalid"; message: string };

export type CommentEmailData = {
  name: string;
  articleTitle: string;
  articleUrl: string;
  comment: string;
  /** comment-reply only */
  reply?: string;
  replyAuthor?: string;
};

const excerpt = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function articleInfo(path: string, siteUrl: string) {
  return { articleTitle: commentableArticle(path)?.title ?? path, articleUrl: `${siteUrl}${path}#comments` };
}

async function queueCommenterEmail(
  tx: Tx,
  comment: { id: string; email: string | null; authorName: string; body: string; articlePath: string; contactId: string | null },
  event: { template: "comment-published" | "comment-reply"; key: string; reply?: { body: string; author: string } },
  siteUrl: string,
): Promise<boolean> {
  if (!comment.email) return false;
  // The commenter used "Stop these emails" in an earlier notification.
  const contact = comment.contactId
    ? await tx.contact.findUnique({ where: { id: comment.contactId }, select: { commentEmailsOptOutAt: true } })
    : await tx.contact.findUnique({ where: { email: comment.email.trim().toLowerCase() }, select: { commentEmailsOptOutAt: true } });
  if (contact?.commentEmailsOptOutAt) return false;
  const data: CommentEmailData = {
    name: comment.authorName,
    ...articleInfo(comment.articlePath, siteUrl),
    comment: excerpt(comment.body),
    ...(event.reply ? { reply: event.reply.body, replyAuthor: event.reply.author } : {}),
  };
  // Their own category: the one-click opt-out in these emails stops comment notifications
  // only (lib/email/manage.ts), and a newsletter unsubscribe does not stop them.
  return queueEmail(tx, {
    to: comment.email,
    template: event.template,
    data,
    category: "comments",
    unsubscribable: true,
    idempotencyKey: event.key,
    contactId: comment.contactId ?? undefined,
  });
}

export const publishedKey = (commentId: string) => `comment:${commentId}:published`;
export const replyKey = (replyId: string) => `comment:${replyId}:reply`;

/** Approve, reject or mark as spam. Returns whether the public page changed. */
export async function moderateComment(
  db: Db,
  args: { commentId: string; decision: ModerationDecision; staffUserId: string; siteUrl: string; now?: Date },
): Promise<ModerationOutcome> {
  const now = args.now ?? new Date();
  const result = await db.$transaction(async (tx): Promise<ModerationOutcome & { queued?: boolean }> => {
    const c = await tx.comment.findUnique({ where: { id: args.commentId } });
    if (!c || c.parentId !== null) return { ok: false, reason: "not-found", message: "That comment no longer exists." };
    const target = TARGET[args.decision];
    if (c.status === target) return { ok: true, articlePath: c.articlePath, changed: false, publicChange: false };
    if (!ALLOWED_FROM[args.decision].includes(c.status as CommentStatus)) {
      return { ok: false, reason: "not-allowed", message: "That comment has changed since you opened the queue. Reload the page." };
    }
    // Compare-and-set on the status read above: two moderators clicking at once decide once.
    const { count } = await tx.comment.updateMany({
      where: { id: c.id, status: c.status },
      data: {
        status: target,
        moderatedById: args.staffUserId,
        moderatedAt: now,
        ...(target === "approved" && !c.publishedAt ? { publishedAt: now } : {}),
      },
    });
    if (count !== 1) return { ok: true, articlePath: c.articlePath, changed: false, publicChange: false };
    let queued = false;
    if (target === "approved") queued = await queueCommenterEmail(tx, c, { template: "comment-published", key: publishedKey(c.id) }, args.siteUrl);
    return { ok: true, articlePath: c.articlePath, changed: true, publicChange: target === "approved" || c.status === "approved", queued };
  });
  return result;
}

/**
 * A staff reply, published at once under the comment. Replying to a comment that still
 * waits approves it too (a reply to an unpublished comment would make no sense).
 */
export async function replyToComment(
  db: Db,
  args: { commentId: string; body: string; staffUserId: string; staffName: string; siteUrl: string; now?: Date },
): Promise<ModerationOutcome & { replyId?: string }> {
  const now = args.now ?? new Date();
  const body = args.body.trim();
  if (!body) return { ok: false, reason: "invalid", message: "Write your reply." };
  if (body.length > REPLY_LIMIT) return { ok: false, reason: "invalid", message: `Keep the reply under ${REPLY_LIMIT} characters.` };
  return db.$transaction(async (tx) => {
    const c = await tx.comment.findUnique({ where: { id: args.commentId } });
    if (!c || c.parentId !== null) return { ok: false as const, reason: "not-found" as const, message: "That comment no longer exists." };
    if (c.status === "rejected" || c.status === "spam") {
      return { ok: false as const, reason: "not-allowed" as const, message: "Approve the comment before replying to it." };
    }
    if (c.status === "pending") {
      const { count } = await tx.comment.updateMany({
        where: { id: c.id, status: "pending" },
        data: { status: "approved", moderatedById: args.staffUserId, moderatedAt: now, publishedAt: c.publishedAt ?? now },
      });
      if (count === 1) await queueCommenterEmail(tx, c, { template: "comment-published", key: publishedKey(c.id) }, args.siteUrl);
    }
    const reply = await tx.comment.create({
      data: {
        articlePath: c.articlePath,
        parentId: c.id,
        status: "approved",
        authorName: args.staffName,
        body,
        staffUserId: args.staffUserId,
        moderatedById: args.staffUserId,
        moderatedAt: now,
        publishedAt: now,
        createdAt: now,
      },
      select: { id: true },
    });
    await queueCommenterEmail(
      tx,
      c,
      { template: "comment-reply", key: replyKey(reply.id), reply: { body: excerpt(body, 1500), author: args.staffName } },
      args.siteUrl,
    );
    return { ok: true as const, articlePath: c.articlePath, changed: true, publicChange: true, replyId: reply.id };
  });
}

export type QueueItem = {
  id: string;
  articlePath: string;
  articleTitle: string;
  status: CommentStatus;
  flags: CommentFlag[];
  authorName: string;
  email: string | null;
  website: string | null;
  body: string;
  advisorContact: boolean;
  leadId: string | null;
  createdAt: Date;
  replies: { id: string; authorName: string; body: string; publishedAt: Date | null }[];
};

/** The console's queue: one status (pending by default), oldest first so nothing waits forever. */
export async function listCommentQueue(db: Db, status: CommentStatus = "pending", limit = 100): Promise<QueueItem[]> {
  const rows = await db.comment.findMany({
    where: { status, parentId: null },
    orderBy: [{ createdAt: status === "pending" ? "asc" : "desc" }, { id: "asc" }],
    take: limit,
    include: { replies: { orderBy: { createdAt: "asc" }, select: { id: true, authorName: true, body: true, publishedAt: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    articlePath: r.articlePath,
    articleTitle: commentableArticle(r.articlePath)?.title ?? r.articlePath,
    status: r.status as CommentStatus,
    flags: parseFlags(r.flags),
    authorName: r.authorName,
    email: r.email,
    website: r.website,
    body: r.body,
    advisorContact: r.advisorContact,
    leadId: r.leadId,
    createdAt: r.createdAt,
    replies: r.replies,
  }));
}

export async function countByStatus(db: Db): Promise<Record<CommentStatus, number>> {
  const groups = await db.comment.groupBy({ by: ["status"], where: { parentId: null }, _count: { _all: true } });
  const out = { pending: 0, approved: 0, rejected: 0, spam: 0 };
  for (const g of groups) if (g.status in out) out[g.status as CommentStatus] = g._count._all;
  return out;
}

/** The published threads of one article, as its static page renders them. */
export async function publishedThreads(db: Db, articlePath: string): Promise<CommentThread[]> {
  const rows = await db.comment.findMany({
    where: { articlePath, status: "approved", publishedAt: { not: null } },
    select: { id: true, parentId: true, authorName: true, website: true, body: true, publishedAt: true },
  });
  const published: PublishedComment[] = rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    authorName: r.authorName,
    website: r.website,
    body: r.body,
    byStaff: r.parentId !== null,
    publishedAt: r.publishedAt!.toISOString(),
  }));
  return threadComments(published);
}

export const organizationName = siteConfig.name;
