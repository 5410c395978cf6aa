import type { Db } from "../db";
import { isUniqueViolation } from "../leads/errors";
import { settleFriendPoints, type ConfirmOutcome } from "./confirm";
import { getReferralRules } from "./rules";

/** How many friends one run looks at; the next run picks up the rest. */
export const RELEASE_BATCH = 200;

export type ReleaseResult = { checked: number; confirmed: number; held: number };

/**
 * When points are confirmed at enrolment with a holding period, nothing happens at the
 * moment the period ends: this finds the friends whose lead has been enrolled for at least
 * the holding period and settles their referrer's points (confirmed, or held for review).
 * A lead moved out of Enrolled before then no longer counts. Runs on the email
 * dispatcher's loop (lib/email/app-dispatcher.ts); each friend is settled in its own
 * transaction, and the ledger keys make it happen once however many servers run it.
 */
export async function releaseHeldReferralPoints(db: Db, now: Date): Promise<ReleaseResult> {
  const result: ReleaseResult = { checked: 0, confirmed: 0, held: 0 };
  const rules = await getReferralRules(db);
  if (rules.confirmWhen !== "enrolled") return result;
  const before = new Date(now.getTime() - rules.holdDays * 86_400_000);
  const awards = await db.pointsEntry.findMany({
    where: {
      reason: "referral",
      bucket: "pending",
      friend: { leads: { some: { status: "enrolled", statusChangedAt: { lte: before } } }, reviewsAsFriend: { none: {} } },
    },
    select: { friendContactId: true },
    orderBy: { createdAt: "asc" },
    take: RELEASE_BATCH * 5,
  });
  const friendIds = [...new Set(awards.map((a) => a.friendContactId).filter((id): id is string => !!id))];
  const settled = new Set(
    (
      await db.pointsEntry.findMany({
        where: { friendContactId: { in: friendIds }, reason: { in: ["referral_confirmed", "referral_rejected"] } },
        select: { friendContactId: true },
      })
    ).map((e) => e.friendContactId),
  );
  for (const friendId of friendIds.filter((id) => !settled.has(id)).slice(0, RELEASE_BATCH)) {
    result.checked++;
    let outcome: ConfirmOutcome = "none";
    try {
      outcome = await db.$transaction((tx) => settleFriendPoints(tx, friendId, { at: now, rules }));
    } catch (error) {
      // Another server settled this friend at the same moment: its ledger key won.
      if (!isUniqueViolation(error)) throw error;
    }
    if (outcome === "confirmed") result.confirmed++;
    if (outcome === "held") result.held++;
  }
  return result;
}
