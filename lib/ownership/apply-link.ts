import type { FirstTouch } from "../attribution-cookies";
import { FieldError } from "../leads/errors";
import { saveLead } from "../leads/pipeline";
import { type SubmissionContext, type SubmissionDeps } from "../leads/pipeline";
import { attributionSchema } from "../forms/fields";
import { redemptionSchema } from "../forms/redemption/schema";
import { pointsBalance, type PointsBalance } from "../referrals/points";
import { confirmSubscription, type ConfirmedView } from "../newsletter/confirm";
import { rewardOnOffer } from "../referrals/redemption-link";
import { hashIp } from "../security/fingerprint";
import { markAddressProven } from "./prove";
import { consumeOwnershipToken, peekOwnershipToken, type OwnershipTokenRow } from "./tokens";

/**
 * What using an ownership link does, by purpose. Each runs in one transaction with spending
 * the link, so a fault leaves the link usable and nothing half-done.
 */
export type ApplyLinkResult =
  | { ok: false; reason: "unknown" | "used" | "expired" }
  /** redemption: the request is filed as a lead for staff to approve. */
  | { ok: true; purpose: "redemption"; leadId: string }
  /** redemption: not enough confirmed points (the link stays usable; points may confirm later). */
  | { ok: false; reason: "insufficient"; balance: PointsBalance; points: number }
  /** redemption: the reward is no longer on offer (taken off the catalogue, or out of stock). */
  | { ok: false; reason: "unavailable" }
  /** newsletter-confirm: the subscription is confirmed; the code (or none, for a student). */
  | { ok: true; purpose: "newsletter-confirm"; contactId: string; email: string; view: ConfirmedView }
  /** referral-status, manage-emails and verify-email: the address is proven. */
  | { ok: true; purpose: "referral-status" | "manage-emails" | "verify-email"; contactId: string; email: string };

class NotUsable extends Error {
  constructor(readonly reason: "unknown" | "used" | "expired") {
    super(reason);
  }
}
class Unavailable extends Error {}
class Insufficient extends Error {
  constructor(
    readonly balance: PointsBalance,
    readonly points: number,
  ) {
    super("insufficient");
  }
}

export async function applyOwnershipLink(deps: SubmissionDeps, token: string, ctx: SubmissionContext): Promise<ApplyLinkResult> {
  const now = ctx.now ?? new Date();
  const peek = await peekOwnershipToken(deps.db, token, now);
  if (!peek.ok) return peek;
  const signal = { ipHash: hashIp(ctx.ip) ?? null, visitorId: ctx.firstTouch?.visitorId ?? null, at: now };

  const spend = async (tx: Parameters<typeof consumeOwnershipToken>[0]): Promise<OwnershipTokenRow> => {
    const used = await consumeOwnershipToken(tx, token, now);
    if (!used.ok) throw new NotUsable(used.reason);
    if (used.token.contactId) await markAddressProven(tx, used.token.contactId, signal);
    return used.token;
  };

  try {
    if (peek.token.purpose === "redemption") return await fileRedemption(deps, peek.token, spend, ctx, now);
    if (peek.token.purpose === "newsletter-confirm") {
      const done = await deps.db.$transaction(async (tx) => {
        const row = await spend(tx);
        if (!row.contactId) throw new NotUsable("unknown");
        const view = await confirmSubscription(tx, { contactId: row.contactId, email: row.email, now });
        return { ok: true as const, purpose: "newsletter-confirm" as const, contactId: row.contactId, email: row.email, view };
      });
      deps.onQueued?.();
      return done;
    }
    const row = await deps.db.$transaction((tx) => spend(tx));
    if (!row.contactId) return { ok: false, reason: "unknown" };
    return { ok: true, purpose: row.purpose as "referral-status" | "manage-emails" | "verify-email", contactId: row.contactId, email: row.email };
  } catch (error) {
    if (error instanceof NotUsable) return { ok: false, reason: error.reason };
    if (error instanceof Unavailable) return { ok: false, reason: "unavailable" };
    if (error instanceof Insufficient) return { ok: false, reason: "insufficient", balance: error.balance, points: error.points };
    throw error;
  }
}

/** The request stored in the link, validated again, filed as a redemption lead. */
async function fileRedemption(
  deps: SubmissionDeps,
  row: OwnershipTokenRow,
  spend: (tx: Parameters<typeof consumeOwnershipToken>[0]) => Promise<OwnershipTokenRow>,
  ctx: SubmissionContext,
  now: Date,
): Promise<ApplyLinkResult> {
  const request = redemptionSchema.safeParse(row.payload.request);
  if (!request.success || request.data.email !== row.email || !row.contactId) return { ok: false, reason: "unknown" };
  const contactId = row.contactId;
  const firstTouch = (typeof row.payload.firstTouch === "object" && row.payload.firstTouch ? row.payload.firstTouch : {}) as FirstTouch;
  const token = typeof row.payload.submissionToken === "string" ? row.payload.submissionToken : undefined;
  // The price is the catalogue's when the request is filed; the lead keeps it.
  const offered = await rewardOnOffer(deps.db, request.data.reward);
  if (!offered) throw new Unavailable();
  const input = { ...request.data, rewardName: offered.name, points: offered.points };
  try {
    const { leadId } = await saveLead(
      deps,
      { formType: "redemption", input, attribution: attributionSchema.parse(row.payload.attribution ?? {}), token },
      // Attribution as it was when the form was sent; the fraud signals of whoever used the link.
      { ...ctx, firstTouch: { ...firstTouch, visitorId: ctx.firstTouch?.visitorId } },
      now,
      async (tx) => {
        await spend(tx);
        const reward = await rewardOnOffer(tx, offered.id);
        if (!reward) throw new Unavailable();
        const balance = await pointsBalance(tx, contactId);
        if (offered.points > balance.confirmed) throw new Insufficient(balance, offered.points);
      },
    );
    return { ok: true, purpose: "redemption", leadId };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, reason: "unknown" };
    throw error;
  }
}
