import type { SummaryRow } from "../email/template-data";
import type { Attribution } from "../forms/fields";
import type { RedemptionFacts, RedemptionInput } from "../forms/redemption/schema";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { FieldError } from "../leads/errors";
import type { SubmissionContext, SubmissionDeps } from "../leads/pipeline";
import { issueOwnershipLink } from "../ownership/tokens";
import { pointsBalance } from "./points";

/**
 * A request to spend points names an address, which proves nothing: the request goes to
 * that inbox as a one-time link, and is filed only when the link is used
 * (lib/ownership/apply-link.ts). Nothing is sent to an address without points, and the form
 * answers the same either way.
 */
export async function requestRedemptionLink(a: {
  deps: SubmissionDeps;
  input: RedemptionInput;
  attribution: Attribution;
  ctx: SubmissionContext;
  token?: string;
  now: Date;
  summary: (facts: RedemptionFacts) => SummaryRow[];
}): Promise<void> {
  const { deps, input, now, token } = a;
  // Which reward is on offer is public: a clear message here reveals nothing about the address.
  const reward = await rewardOnOffer(deps.db, input.reward);
  if (!reward) throw new FieldError("reward", REWARD_UNAVAILABLE);
  const contact = await deps.db.contact.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (!contact?.email) return;
  const email = contact.email;
  const balance = await pointsBalance(deps.db, contact.id);
  if (balance.pending === 0 && balance.confirmed === 0) return;
  const facts: RedemptionFacts = { rewardName: reward.name, points: reward.points };
  const payload = {
    request: input,
    reward: { id: reward.id, ...facts },
    attribution: a.attribution,
    firstTouch: a.ctx.firstTouch ?? {},
    submissionToken: token ?? null,
    requestedAt: now.toISOString(),
  };
  const issued = await deps.db.$transaction(async (tx) => {
    // A double click sends one link.
    if (token) {
      const recent = await tx.ownershipToken.findMany({
        where: { email, purpose: "redemption", createdAt: { gt: new Date(now.getTime() - 60 * 60_000) } },
        select: { payload: true },
      });
      if (recent.some((r) => r.payload?.includes(`"submissionToken":"${token}"`))) return null;
    }
    return issueOwnershipLink(tx, {
      email,
      contactId: contact.id,
      purpose: "redemption",
      payload,
      name: contact.name,
      summary: a.summary(facts),
      siteUrl: deps.siteUrl,
      now,
    });
  });
  if (issued) deps.onQueued?.();
}

export const REWARD_UNAVAILABLE = "That reward is no longer on offer. Choose another from the list.";

/** The reward if it is active and in stock (unlimited, or at least one left); else null. */
export async function rewardOnOffer(db: Db | Prisma.TransactionClient, id: string) {
  const reward = await db.reward.findUnique({ where: { id }, select: { id: true, name: true, points: true, stock: true, active: true } });
  if (!reward || !reward.active || (reward.stock !== null && reward.stock <= 0)) return null;
  return reward;
}
