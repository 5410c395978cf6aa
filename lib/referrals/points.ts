import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { dialectOf } from "../db/dialect";
import { versionInForce } from "../legal/registry";

export const POINTS_PER_REFERRAL = 100;

type Tx = Prisma.TransactionClient | Db;

/**
 * A person's points, from the append-only ledger (PointsEntry). Every entry sits in one of
 * two buckets, so `pending + confirmed` is always the sum of all their entries:
 * - pending: awarded for a friend who has not confirmed yet (cannot be spent);
 * - confirmed: spendable now: confirmed awards, less redemptions and reversals.
 * Two running totals explain where confirmed points went, as positive figures:
 * - redeemed: points spent on approved redemptions (reason "redemption");
 * - reversed: points taken back from rejected or refunded referrals (reasons below).
 */
export type PointsBalance = { pending: number; confirmed: number; redeemed: number; reversed: number };

/** Ledger reasons that take points back; each such entry names the award it reverses (`reversesId`). */
export const REVERSAL_REASONS = ["referral_rejected", "referral_reversed"] as const;

/** Balances are sums over the append-only ledger. */
export async function pointsBalance(db: Tx, contactId: string): Promise<PointsBalance> {
  const rows = await db.pointsEntry.groupBy({ by: ["bucket", "reason"], where: { contactId }, _sum: { amount: true } });
  return balanceFromSums(rows.map((r) => ({ bucket: r.bucket, reason: r.reason, amount: r._sum.amount ?? 0 })));
}

/** The four figures from ledger amounts (or their sums by bucket and reason). */
export function balanceFromSums(rows: { bucket: string; reason: string; amount: number }[]): PointsBalance {
  const b: PointsBalance = { pending: 0, confirmed: 0, redeemed: 0, reversed: 0 };
  for (const r of rows) {
    if (r.bucket === "pending") b.pending += r.amount;
    else if (r.bucket === "confirmed") b.confirmed += r.amount;
    if (r.reason === "redemption") b.redeemed -= r.amount;
    if ((REVERSAL_REASONS as readonly string[]).includes(r.reason)) b.reversed -= r.amount;
  }
  return b;
}

/**
 * Queues this transaction behind any other that spends or takes back the same person's
 * points, until it ends: a balance read after this stays true until the write. SQLite runs
 * one write transaction at a time already; PostgreSQL takes an advisory lock.
 */
export async function lockPoints(db: Db, tx: Prisma.TransactionClient, contactId: string): Promise<void> {
  await dialectOf(db).lockPerson(tx, `points:${contactId}`);
}

/** The referral terms version in force at `now` (/referral-terms/v/<n>), recorded on every award. */
export function referralTermsVersion(now: Date): number | null {
  return versionInForce("referral-terms", now)?.version ?? null;
}

/**
 * Awards the referrer 100 pending points for a friend who is new to the database. The
 * ledger key makes it happen at most once per friend, however often it is called.
 */
export async function awardReferralPoints(tx: Prisma.TransactionClient, a: { referrerId: string; friendId: string; leadId: string; now?: Date }) {
  const key = `referral:${a.friendId}:pending`;
  if (await tx.pointsEntry.findUnique({ where: { key }, select: { id: true } })) return false;
  await tx.pointsEntry.create({
    data: {
      contactId: a.referrerId,
      friendContactId: a.friendId,
      leadId: a.leadId,
      amount: POINTS_PER_REFERRAL,
      bucket: "pending",
      reason: "referral",
      key,
      termsVersion: referralTermsVersion(a.now ?? new Date()),
    },
  });
  return true;
}

/**
 * The friend responded (confirmed interest, or submitted a form): the referrer's pending
 * points for them become confirmed. Two ledger rows move the amount between buckets; the
 * keys make it happen at most once. An award already reversed (rejected) is never confirmed.
 */
export async function confirmReferralPoints(tx: Prisma.TransactionClient, friendId: string, now: Date = new Date()): Promise<boolean> {
  const award = await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:pending` }, include: { reversedBy: { select: { id: true } } } });
  if (!award || award.reversedBy) return false;
  const doneKey = `referral:${friendId}:confirmed`;
  if (await tx.pointsEntry.findUnique({ where: { key: doneKey }, select: { id: true } })) return false;
  const termsVersion = referralTermsVersion(now);
  await tx.pointsEntry.create({
    data: {
      contactId: award.contactId,
      friendContactId: friendId,
      leadId: award.leadId,
      amount: -award.amount,
      bucket: "pending",
      reason: "referral_confirmed",
      key: `referral:${friendId}:release`,
      termsVersion,
    },
  });
  await tx.pointsEntry.create({
    data: {
      contactId: award.contactId,
      friendContactId: friendId,
      leadId: award.leadId,
      amount: award.amount,
      bucket: "confirmed",
      reason: "referral_confirmed",
      key: doneKey,
      termsVersion,
    },
  });
  return true;
}

export type ReverseError = "not_found" | "not_an_award" | "already_reversed" | "already_spent";
export type ReverseResult = { ok: true; contactId: string; amount: number } | { ok: false; error: ReverseError; confirmed?: number };

export const REVERSE_MESSAGES: Record<ReverseError, string> = {
  not_found: "That ledger entry does not exist.",
  not_an_award: "Only confirmed referral points can be reversed here. Pending ones are reversed by rejecting the referral in the review queue.",
  already_reversed: "These points have already been reversed.",
  already_spent: "The referrer has already spent these points, so reversing them would take the balance below zero.",
};

/**
 * A confirmed referral is refunded: a negative entry in the confirmed bucket, linked to the
 * award (`reversesId`, unique, so it can happen once). The ledger is never edited. Refused
 * when the referrer has already spent the points: a balance never goes below zero. Call
 * inside a transaction that holds `lockPoints` for the award's owner.
 */
export async function reverseConfirmedAward(tx: Prisma.TransactionClient, entryId: string, now: Date): Promise<ReverseResult> {
  const award = await tx.pointsEntry.findUnique({ where: { id: entryId }, include: { reversedBy: { select: { id: true } } } });
  if (!award) return { ok: false, error: "not_found" };
  if (award.bucket !== "confirmed" || award.reason !== "referral_confirmed" || award.amount <= 0) return { ok: false, error: "not_an_award" };
  if (award.reversedBy) return { ok: false, error: "already_reversed" };
  const { confirmed } = await pointsBalance(tx, award.contactId);
  if (confirmed < award.amount) return { ok: false, error: "already_spent", confirmed };
  await tx.pointsEntry.create({
    data: {
      contactId: award.contactId,
      friendContactId: award.friendContactId,
      leadId: award.leadId,
      amount: -award.amount,
      bucket: "confirmed",
      reason: "referral_reversed",
      key: `reversal:${award.id}`,
      reversesId: award.id,
      createdAt: now,
    },
  });
  return { ok: true, contactId: award.contactId, amount: award.amount };
}
