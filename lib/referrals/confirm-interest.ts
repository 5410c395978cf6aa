import { INVITE_TOKEN_PATTERN } from "../leads/codes";
import { CONSENT } from "../leads/consent";
import { isUniqueViolation } from "../leads/errors";
import { saveLead } from "../leads/pipeline";
import { type SubmissionContext, type SubmissionDeps } from "../leads/pipeline";
import { markAddressProven } from "../ownership/prove";
import { hashIp } from "../security/fingerprint";
import type { ConfirmOutcome } from "./confirm";

export type ConfirmInterestResult =
  { ok: true; firstName: string | null; referrerName: string | null; alreadyConfirmed: boolean; points: ConfirmOutcome } | { ok: false };

/** The invitation's consent, shown next to the button and stored on the lead. */
export const INVITE_CONSENT = CONSENT.invite;

/**
 * A referred friend pressed "Yes, I am interested" on the page their invitation links to.
 * The link came to their inbox, so this proves the address is theirs. It becomes a lead of
 * its own (type `invite`, attributed to the referrer and the invitation) with a staff alert
 * and a confirmation email, and it confirms the referrer's pending points for them, unless
 * the friend looks like the referrer (then staff review them). Pressing it again changes
 * nothing.
 */
export async function confirmInterest(deps: SubmissionDeps, token: string, ctx: SubmissionContext): Promise<ConfirmInterestResult> {
  if (!INVITE_TOKEN_PATTERN.test(token)) return { ok: false };
  const now = ctx.now ?? new Date();
  const friend = await deps.db.contact.findUnique({
    where: { inviteToken: token },
    include: { referredBy: { select: { name: true, referralCode: true } } },
  });
  if (!friend?.email) return { ok: false };
  const answer = (alreadyConfirmed: boolean, points: ConfirmOutcome): ConfirmInterestResult => ({
    ok: true,
    firstName: friend.name?.split(" ")[0] ?? null,
    referrerName: friend.referredBy?.name ?? null,
    alreadyConfirmed,
    points,
  });

  // One lead per invitation, however often the button is pressed.
  const submissionToken = `invite:${friend.id}`;
  if (await deps.db.leadSubmission.findUnique({ where: { submissionToken }, select: { id: true } })) return answer(true, "none");

  let points: ConfirmOutcome = "none";
  const signal = { ipHash: hashIp(ctx.ip) ?? null, visitorId: ctx.firstTouch?.visitorId ?? null, at: now };
  try {
    await saveLead(
      deps,
      {
        formType: "invite",
        input: { name: friend.name, email: friend.email, referrerName: friend.referredBy?.name ?? null },
        attribution: { ref: friend.referredBy?.referralCode, cta: "referral-invitation" },
        token: submissionToken,
      },
      { ...ctx, firstTouch: { ...ctx.firstTouch, landing: "/invite" } },
      now,
      async (tx) => {
        points = await markAddressProven(tx, friend.id, signal);
      },
    );
  } catch (error) {
    // A second press racing the first: the first one made the lead.
    if (isUniqueViolation(error)) return answer(true, "none");
    throw error;
  }
  return answer(false, points);
}
