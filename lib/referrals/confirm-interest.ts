import type { Db } from "../db";
import { INVITE_TOKEN_PATTERN } from "../leads/codes";
import { confirmReferralPoints } from "./points";

export type ConfirmInterestResult = { ok: true; firstName: string | null; alreadyConfirmed: boolean } | { ok: false };

/**
 * A referred friend confirms interest through the link in their invitation. That is a
 * response: the referrer's pending points for them become confirmed (once).
 */
export async function confirmInterest(db: Db, token: string, now = new Date()): Promise<ConfirmInterestResult> {
  if (!INVITE_TOKEN_PATTERN.test(token)) return { ok: false };
  return db.$transaction(async (tx) => {
    const friend = await tx.contact.findUnique({ where: { inviteToken: token } });
    if (!friend) return { ok: false } as const;
    if (!friend.respondedAt) await tx.contact.update({ where: { id: friend.id }, data: { respondedAt: now } });
    const confirmed = await confirmReferralPoints(tx, friend.id);
    return { ok: true, firstName: friend.name?.split(" ")[0] ?? null, alreadyConfirmed: !confirmed } as const;
  });
}
