import type { Prisma } from "../generated/prisma/client";
import { sameSourceReasons, type Signal } from "./fraud";
import { confirmReferralPoints, POINTS_PER_REFERRAL } from "./points";

type Tx = Prisma.TransactionClient;

export type ConfirmOutcome = "confirmed" | "held" | "none";

/**
 * The friend proved they own their address (the invitation link, or an ownership link, used
 * from their inbox): the referrer's pending points for them are confirmed, unless the
 * friend looks like the referrer under another address, in which case they wait for staff
 * (ReferralReview). Filling in a form proves nothing, so it never confirms points.
 */
export async function confirmFriendPoints(tx: Tx, friendId: string, signal: Signal): Promise<ConfirmOutcome> {
  const award = await tx.pointsEntry.findUnique({ where: { key: `referral:${friendId}:pending` } });
  if (!award) return "none";
  const settled = await tx.pointsEntry.findFirst({
    where: { key: { in: [`referral:${friendId}:confirmed`, `referral:${friendId}:rejected`] } },
    select: { id: true },
  });
  if (settled) return "none";
  const review = await tx.referralReview.findUnique({ where: { friendContactId: friendId } });
  if (review) return review.status === "pending" ? "held" : "none";

  const reasons = await sameSourceReasons(tx, award.contactId, friendId, signal);
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
