import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";

export const POINTS_PER_REFERRAL = 100;

type Tx = Prisma.TransactionClient | Db;

export type PointsBalance = { pending: number; confirmed: number };

/** Balances are sums over the append-only ledger. */
export async function pointsBalance(db: Tx, contactId: string): Promise<PointsBalance> {
  const rows = await db.pointsEntry.groupBy({ by: ["bucket"], where: { contactId }, _sum: { amount: true } });
  const sum = (bucket: string) => rows.find((r) => r.bucket === bucket)?._sum.amount ?? 0;
  return { pending: sum("pending"), confirmed: sum("confirmed") };
}

/**
 * Awards the referrer 100 pending points for a friend who is new to the database. The
 * ledger key makes it happen at most once per friend, however often it is called.
 */
export async function awardReferralPoints(tx: Prisma.TransactionClient, a: { referrerId: string; friendId: string; leadId: string }) {
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
    },
  });
  return true;
}

/**
 * The friend responded (confirmed interest, or submitted a form): the referrer's pending
 * points for them become confirmed. Two ledger rows move the amount between buckets; the
 * keys make it happen at most once.
 */
export async function confirmReferralPoints(tx: Prisma.TransactionClient, friendId: string): Promise<boolean> {
  const award = await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:pending` } });
  if (!award) return false;
  const doneKey = `referral:${friendId}:confirmed`;
  if (await tx.pointsEntry.findUnique({ where: { key: doneKey }, select: { id: true } })) return false;
  await tx.pointsEntry.create({
    data: {
      contactId: award.contactId,
      friendContactId: friendId,
      leadId: award.leadId,
      amount: -award.amount,
      bucket: "pending",
      reason: "referral_confirmed",
      key: `referral:${friendId}:release`,
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
    },
  });
  return true;
}
