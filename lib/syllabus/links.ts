import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/**
 * The syllabus download link: a random secret in the confirmation email, of which only a
 * SHA-256 hash is stored. Unlike an ownership link it reveals nothing about the person (the
 * PDF is the same for everyone who asks), so it is a plain GET that works any number of
 * times until it expires; after that the page it opens offers a new request.
 */
export const SYLLABUS_LINK_DAYS = 7;

export const SYLLABUS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type Tx = Prisma.TransactionClient;

export function hashSyllabusToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function syllabusDownloadPath(token: string): string {
  return `/syllabus/download/${token}`;
}

/** When a link made at `now` stops working. */
export function syllabusLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + SYLLABUS_LINK_DAYS * 24 * 60 * 60_000);
}

export type IssuedSyllabusLink = { url: string; expiresAt: Date };

/** Makes a link for a lead's program, in the caller's transaction. */
export async function issueSyllabusLink(
  tx: Tx,
  args: { leadId: string; contactId: string; programId: string; siteUrl: string; now: Date },
): Promise<IssuedSyllabusLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = syllabusLinkExpiry(args.now);
  await tx.syllabusLink.create({
    data: { tokenHash: hashSyllabusToken(token), leadId: args.leadId, contactId: args.contactId, programId: args.programId, expiresAt, createdAt: args.now },
  });
  return { url: `${args.siteUrl}${syllabusDownloadPath(token)}`, expiresAt };
}

export type SyllabusLinkState =
  | { ok: true; linkId: string; programSlug: string }
  /** Expired links still name their program, so the page can offer that program's form again. */
  | { ok: false; reason: "expired"; programSlug: string }
  | { ok: false; reason: "unknown" };

/** What a link from an email is worth at `now`; a malformed token is simply unknown. */
export async function findSyllabusLink(db: Db | Tx, token: string, now: Date): Promise<SyllabusLinkState> {
  if (!SYLLABUS_TOKEN_PATTERN.test(token)) return { ok: false, reason: "unknown" };
  const row = await db.syllabusLink.findUnique({
    where: { tokenHash: hashSyllabusToken(token) },
    select: { id: true, expiresAt: true, program: { select: { slug: true, published: true } } },
  });
  if (!row || !row.program.published) return { ok: false, reason: "unknown" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired", programSlug: row.program.slug };
  return { ok: true, linkId: row.id, programSlug: row.program.slug };
}

/** Counts a download (best effort: staff see interest; a failed count never blocks the PDF). */
export async function recordSyllabusDownload(db: Db, linkId: string, now: Date): Promise<void> {
  await db.syllabusLink.update({ where: { id: linkId }, data: { downloads: { increment: 1 }, lastDownloadedAt: now } }).catch(() => undefined);
}
