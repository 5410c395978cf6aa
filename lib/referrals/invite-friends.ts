import type { Prisma } from "../generated/prisma/client";
import { activeRewards } from "./catalogue";
import { queueEmail } from "../email/outbox";
import type { PointsSummary, ReferralInvitationData } from "../email/template-data";
import { newInviteToken, newReferralCode } from "../leads/codes";
import type { ContactRow } from "../leads/contacts";
import { awardReferralPoints, pointsBalance, POINTS_PER_REFERRAL } from "./points";

type Tx = Prisma.TransactionClient;

/**
 * A referral form's friends, in the lead's transaction: each friend new to the database
 * becomes a contact referred by this person, earns them 100 pending points and gets one
 * invitation. Returns the points earned. Someone already known earns nothing.
 */
export async function inviteFriends(
  tx: Tx,
  a: {
    referrer: ContactRow;
    leadId: string;
    referrerName: string;
    friends: { name: string; email: string; note?: string }[];
    siteUrl: string;
    /** When the referral was made: the friends' contacts are created then (the hourly limit counts them). */
    now?: Date;
  },
): Promise<number> {
  let earned = 0;
  for (const friend of a.friends) {
    if (friend.email === a.referrer.email) continue; // never points for referring yourself
    if (await tx.contact.findUnique({ where: { email: friend.email }, select: { id: true } })) continue;
    const created = await tx.contact.create({
      data: {
        email: friend.email,
        name: friend.name,
        nameSource: "referrer",
        referralCode: newReferralCode(),
        referredById: a.referrer.id,
        inviteToken: newInviteToken(),
        ...(a.now ? { createdAt: a.now, updatedAt: a.now } : {}),
      },
    });
    if (await awardReferralPoints(tx, { referrerId: a.referrer.id, friendId: created.id, leadId: a.leadId })) earned += POINTS_PER_REFERRAL;
    await queueEmail(tx, {
      to: friend.email,
      template: "referral-invitation",
      data: {
        friendName: friend.name,
        note: friend.note ?? null,
        referrerName: a.referrerName,
        referralLink: `${a.siteUrl}/r/${a.referrer.referralCode}`,
        confirmUrl: `${a.siteUrl}/invite/${created.inviteToken}`,
      } satisfies ReferralInvitationData,
      category: "marketing",
      unsubscribable: true,
      idempotencyKey: `referral:${created.id}:invitation`,
      leadId: a.leadId,
      contactId: created.id,
    });
  }
  return earned;
}

/** The referrer's points and personal link, for their confirmation email (their inbox only). */
export async function pointsSummary(tx: Tx, contact: ContactRow, earnedNow: number, siteUrl: string): Promise<PointsSummary> {
  const balance = await pointsBalance(tx, contact.id);
  const rewards = (await activeRewards(tx)).filter((r) => r.stock === null || r.stock > 0);
  return {
    earnedNow,
    pending: balance.pending,
    confirmed: balance.confirmed,
    referralCode: contact.referralCode,
    referralLink: `${siteUrl}/r/${contact.referralCode}`,
    rewards: rewards.map((r) => ({ name: r.name, points: r.points })),
  };
}
