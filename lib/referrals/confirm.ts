import type { Prisma } from "../generated/prisma/client";
import { referralReasons, type Signal } from "./fraud";
import { confirmReferralPoints, POINTS_PER_REFERRAL } from "./points";
import { getReferralRules, type ReferralRules } from "./rules";

type Tx = Prisma.TransactionClient;

/**
 * confirmed: the points moved to confirmed now. held: they wait for staff (ReferralReview).
 * pending: the friend has not yet done what the rules in force ask (apply, enrol, or the
 * holding period has not passed). none: there are no unsettled points for this friend.
 */
export type ConfirmOutcome = "confirmed" | "held" | "pending" | "none";

/** Something happened that may confirm a friend's points: what it was, and where it came from. */
export type SettleEvent = Signal & { rules?: ReferralRules };

/**
 * Whether the friend has done what the rules ask for their referrer's points to be
 * confirmed. A form typed by anyone proves nothing about an address, so "interest" and
 * "applied" both need the address proven from its own inbox (emailVerifiedAt); an
 * enrolment is a staff decision, and counts once the holding period has passed with the
 * lead still enrolled.
 */
export async function friendQualifies(tx: Tx, friendId: string, rules: ReferralRules, now: Date): Promise<boolean> {
  const friend = await tx.contact.findUnique({ where: { id: friendId }, select: { emailVerifiedAt: true } });
  if (!friend) return false;
  switch (rules.confirmWhen) {
    case "interest":
      return friend.emailVerifiedAt !== null;
    case "applied":
      return friend.emailVerifiedAt !== null && (await tx.lead.count({ where: { contactId: friendId, formType: "enroll" } })) > 0;
    case "enrolled": {
      const before = new Date(now.getTime() - rules.holdDays * 86_400_000);
      return (await tx.lead.count({ where: { contactId: friendId, status: "enrolled", statusChangedAt: { lte: before } } })) > 0;
    }
  }
}

/**
 * Something happened to a referred friend (they proved their address, applied, were marked
 * enrolled, or a holding period may have passed): if the rules in force are now met, their
 * referrer's pending points are confirmed, or held for review when a fraud signal shows
 * (lib/referrals/fraud.ts). Safe to call any number of times: the ledger keys and the
 * review's unique friend make every step happen at most once.
 */
export async function settleFriendPoints(tx: Tx, friendId: string, event: SettleEvent): Promise<ConfirmOutcome> {
  const award = await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:pending` }, select: { id: true } });
  if (!award) return "none";
  const rules = event.rules ?? (await getReferralRules(tx));
  if (!(await friendQualifies(tx, friendId, rules, event.at))) {
    const settled = await tx.pointsEntry.findFirst({
      where: { key: { in: [`referral:${friendId}:confirmed`, `referral:${friendId}:rejected`] } },
      select: { id: true },
    });
    return settled ? "none" : "pending";
  }
  return confirmFriendPoints(tx, friendId, event, rules.hourlyLimit);
}

/**
 * The rules are met: the referrer's pending points for this friend are confirmed, unless a
 * fraud signal shows (the friend looks like the referrer under another address, a
 * throwaway inbox, a burst of referrals), in which case they wait for staff.
 */
export async function confirmFriendPoints(tx: Tx, friendId: string, signal: Signal, hourlyLimit: number): Promise<ConfirmOutcome> {
  const award = await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:pending` } });
  if (!award) return "none";
  const settled = await tx.pointsEntry.findFirst({
    where: { key: { in: [`referral:${friendId}:confirmed`, `referral:${friendId}:rejected`] } },
    select: { id: true },
  });
  if (settled) return "none";
  const review = await tx.referralReview.findUnique({ where: { friendContactId: friendId } });
  if (review) return review.status === "pending" ? "held" : "none";

  const reasons = await referralReasons(tx, award.contactId, friendId, signal, hourlyLimit);
  if (reasons.length > 0) {
    await tx.referralReview.create({
      data: { friendContactId: friendId, referrerId: award.contactId, reasons: JSON.stringify(reasons), createdAt: signal.at },
    });
    return "held";
  }
  return (await confirmReferralPoints(tx, friendId, signal.at)) ? "confirmed" : "none";
}

/** Staff turned a held referral down: its pending points are reversed (ledger stays append-only). */
export async function rejectFriendPoints(tx: Tx, friendId: string): Promise<boolean> {
  const award = await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:pending` } });
  if (!award) return false;
  if (await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:confirmed` }, select: { id: true } })) return false;
  const key = `referral:${friendId}:rejected`;
  if (await tx.pointsEntry.findUnique({ where: { key }, select: { id: true } })) return false;
  await tx.pointsEntry.create({
    data: {
      contactId: award.contactId,
      friendContactId: friendId,
      leadId: award.leadId,
      amount: -(award.amount || POINTS_PER_REFERRAL),
      bucket: "pending",
      reason: "referral_rejected",
      key,
      reversesId: award.id,
    },
  });
  return true;
}
