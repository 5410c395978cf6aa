import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { queueEmail } from "../email/outbox";
import type { OwnershipLinkData } from "../email/template-data";

/**
 * Proof that someone owns an email address: a one-time link sent to that inbox. Whatever a
 * form reveals or files on behalf of an address (a points balance, a redemption, a referral
 * link) waits until the link is used. Only a hash of the secret is stored; the link works
 * once, before it expires, and only through a POST (a button on the page it opens), so mail
 * scanners that fetch links cannot spend it.
 */
export const OWNERSHIP_PURPOSES = ["redemption", "referral-status", "verify-email", "newsletter-confirm", "manage-emails"] as const;
export type OwnershipPurpose = (typeof OWNERSHIP_PURPOSES)[number];

export const OWNERSHIP_TTL_MINUTES: Record<OwnershipPurpose, number> = {
  redemption: 24 * 60,
  "referral-status": 60,
  "verify-email": 7 * 24 * 60,
  "newsletter-confirm": 7 * 24 * 60,
  "manage-emails": 60,
};

/** At most this many links per address and purpose per hour: a form is not a mail cannon. */
export const OWNERSHIP_LINKS_PER_HOUR = 3;

export const OWNERSHIP_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type Tx = Prisma.TransactionClient;

export function hashOwnershipToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function ownershipUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/confirm/${token}`;
}

export type IssueInput = {
  email: string;
  contactId: string | null;
  purpose: OwnershipPurpose;
  /** What using the link will do (stored as JSON, shown on the page the link opens). */
  payload?: Record<string, unknown>;
  /** Shown in the email: the person's name and what the link is for. */
  name: string | null;
  summary?: { label: string; value: string }[];
  leadId?: string | null;
  siteUrl: string;
  now: Date;
};

/**
 * Creates a link and queues its email, in the caller's transaction. Returns the URL, or
 * null when this address already got OWNERSHIP_LINKS_PER_HOUR links for this purpose in the
 * last hour (the caller answers the same either way).
 */
export async function issueOwnershipLink(tx: Tx, input: IssueInput): Promise<{ url: string; tokenId: string } | null> {
  const since = new Date(input.now.getTime() - 60 * 60_000);
  const recent = await tx.ownershipToken.count({ where: { email: input.email, purpose: input.purpose, createdAt: { gt: since } } });
  if (recent >= OWNERSHIP_LINKS_PER_HOUR) return null;

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + OWNERSHIP_TTL_MINUTES[input.purpose] * 60_000);
  const row = await tx.ownershipToken.create({
    data: {
      tokenHash: hashOwnershipToken(token),
      email: input.email,
      contactId: input.contactId,
      purpose: input.purpose,
      payload: input.payload ? JSON.stringify(input.payload) : null,
      expiresAt,
      createdAt: input.now,
    },
  });
  const url = ownershipUrl(input.siteUrl, token);
  // verify-email links travel inside a confirmation email; the others get their own.
  if (input.purpose !== "verify-email") {
    const data: OwnershipLinkData = {
      purpose: input.purpose,
      name: input.name,
      url,
      expiresAt: expiresAt.toISOString(),
      summary: input.summary ?? [],
    };
    await queueEmail(tx, {
      to: input.email,
      template: "ownership-link",
      data,
      category: "transactional",
      idempotencyKey: `ownership:${row.id}`,
      leadId: input.leadId ?? undefined,
      contactId: input.contactId ?? undefined,
    });
  }
  return { url, tokenId: row.id };
}

export type OwnershipTokenRow = {
  id: string;
  email: string;
  contactId: string | null;
  purpose: OwnershipPurpose;
  payload: Record<string, unknown>;
  expiresAt: Date;
  usedAt: Date | null;
};

export type TokenState = { ok: true; token: OwnershipTokenRow } | { ok: false; reason: "unknown" | "used" | "expired" };

function toRow(r: {
  id: string;
  email: string;
  contactId: string | null;
  purpose: string;
  payload: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}): OwnershipTokenRow | null {
  if (!(OWNERSHIP_PURPOSES as readonly string[]).includes(r.purpose)) return null;
  let payload: Record<string, unknown> = {};
  try {
    const parsed: unknown = r.payload ? JSON.parse(r.payload) : {};
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) payload = parsed as Record<string, unknown>;
  } catch {
    payload = {};
  }
  return { id: r.id, email: r.email, contactId: r.contactId, purpose: r.purpose as OwnershipPurpose, payload, expiresAt: r.expiresAt, usedAt: r.usedAt };
}

/** Looks a link up without using it (the page a link opens shows what it will do). */
export async function peekOwnershipToken(db: Db | Tx, token: string, now: Date): Promise<TokenState> {
  if (!OWNERSHIP_TOKEN_PATTERN.test(token)) return { ok: false, reason: "unknown" };
  const found = await db.ownershipToken.findUnique({ where: { tokenHash: hashOwnershipToken(token) } });
  const row = found ? toRow(found) : null;
  if (!row) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, token: row };
}

/**
 * Uses a link, in the caller's transaction: exactly one caller ever succeeds for a token
 * (a compare-and-set on `usedAt`), however many clicks or servers race.
 */
export async function consumeOwnershipToken(tx: Tx, token: string, now: Date): Promise<TokenState> {
  const state = await peekOwnershipToken(tx, token, now);
  if (!state.ok) return state;
  const claimed = await tx.ownershipToken.updateMany({ where: { id: state.token.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return { ok: false, reason: "used" };
  return { ok: true, token: { ...state.token, usedAt: now } };
}
