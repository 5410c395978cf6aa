import { requestOwnershipLink } from "../ownership/request-link";
import type { Db } from "../db";
import type { FormState, SuccessDetails } from "../leads/form-state";
import { type SubmissionContext, type SubmissionDeps } from "../leads/pipeline";
import { maskEmail, maskName } from "./mask";
import { pointsBalance, POINTS_PER_REFERRAL, type PointsBalance } from "./points";
import { confirmRuleSentence, getReferralRules } from "./rules";

import { statusLinkSchema } from "./status-schema";

export const STATUS_LINK_SENT: SuccessDetails = {
  headline: "Check your inbox",
  nextSteps: [
    "If we know this address, we have emailed it a link to your referral link and points. The link works once, for one hour.",
    "No email after a few minutes? Check your spam folder, or make sure you typed the address you referred friends from.",
  ],
};

/**
 * Someone asks to see the referral link and points of an address. They are sent to that
 * inbox as a one-time link; the answer on the page is the same whether or not the address
 * is known, and nothing is sent to an address we do not know.
 */
export async function requestStatusLink(deps: SubmissionDeps, raw: Record<string, unknown>, ctx: SubmissionContext): Promise<FormState> {
  return requestOwnershipLink(deps, raw, ctx, { formType: "referral", purpose: "referral-status", schema: statusLinkSchema, sent: STATUS_LINK_SENT });
}

/** How far a referred friend has come with us. */
export type FriendStage = "invited" | "responded" | "applied" | "enrolled";
/** Where the referrer's points for that friend stand. */
export type FriendPoints = "pending" | "confirmed" | "in_review" | "not_counted";

export const FRIEND_STAGE_LABELS: Record<FriendStage, string> = {
  invited: "Invited",
  responded: "Responded",
  applied: "Applied",
  enrolled: "Enrolled",
};

export const FRIEND_POINTS_LABELS: Record<FriendPoints, string> = {
  pending: `${POINTS_PER_REFERRAL} points pending`,
  confirmed: `${POINTS_PER_REFERRAL} points confirmed`,
  in_review: `${POINTS_PER_REFERRAL} points in review by our team`,
  not_counted: "No points: not counted",
};

export type StatusFriend = { name: string; email: string; stage: FriendStage; points: FriendPoints; since: Date };

export type ReferrerStatus = {
  name: string | null;
  referralCode: string;
  balance: PointsBalance;
  /** What turns pending points into confirmed ones, under the rules in force. */
  confirmRule: string;
  friends: StatusFriend[];
};

/**
 * A friend's stage, from their contact and leads: enrolled once staff moved any of their
 * leads to Enrolled, applied once they sent /apply, responded once they answered the
 * invitation or sent any form, otherwise invited.
 */
export function friendStage(f: { respondedAt: Date | null; leads: { formType: string; status: string }[] }): FriendStage {
  if (f.leads.some((l) => l.status === "enrolled")) return "enrolled";
  if (f.leads.some((l) => l.formType === "enroll")) return "applied";
  if (f.respondedAt || f.leads.length > 0) return "responded";
  return "invited";
}

/** What a proven owner sees about their referrals (friends masked). */
export async function referrerStatus(db: Db, contactId: string): Promise<ReferrerStatus | null> {
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { name: true, referralCode: true } });
  if (!contact) return null;
  const [balance, friends, entries, reviews, rules] = await Promise.all([
    pointsBalance(db, contactId),
    db.contact.findMany({
      where: { referredById: contactId },
      select: {
        id: true,
        name: true,
        email: true,
        respondedAt: true,
        createdAt: true,
        leads: { select: { formType: true, status: true }, take: 50 },
      },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    db.pointsEntry.findMany({ where: { contactId, friendContactId: { not: null } }, select: { friendContactId: true, key: true } }),
    db.referralReview.findMany({ where: { referrerId: contactId, status: "pending" }, select: { friendContactId: true } }),
    getReferralRules(db),
  ]);
  const keys = new Set(entries.map((e) => e.key));
  const held = new Set(reviews.map((r) => r.friendContactId));
  return {
    name: contact.name,
    referralCode: contact.referralCode,
    balance,
    confirmRule: confirmRuleSentence(rules),
    friends: friends.map((f) => {
      const points: FriendPoints = keys.has(`referral:${f.id}:confirmed`)
        ? "confirmed"
        : keys.has(`referral:${f.id}:rejected`) || !keys.has(`referral:${f.id}:pending`)
          ? "not_counted"
          : held.has(f.id)
            ? "in_review"
            : "pending";
      return { name: maskName(f.name), email: maskEmail(f.email), stage: friendStage(f), points, since: f.createdAt };
    }),
  };
}
