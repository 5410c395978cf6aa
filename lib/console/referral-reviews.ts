import type { Db } from "../db";
import { rejectFriendPoints } from "../referrals/confirm";
import type { FraudReason } from "../referrals/fraud";
import { confirmReferralPoints } from "../referrals/points";
import { NEWEST_FIRST } from "./paging";

/**
 * The queue of referrals whose points wait for a person (lib/referrals/confirm.ts): the
 * friend signed up from the referrer's own IP address or browser. Approving confirms the
 * points; rejecting reverses them with a ledger entry. Either is recorded on the review.
 */
export const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_NOTE_MAX = 1000;

export type ReviewRow = {
  id: string;
  status: ReviewStatus;
  reasons: FraudReason[];
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
  referrer: { id: string; name: string | null; email: string | null };
  friend: { id: string; name: string | null; email: string | null; leads: { id: string; formType: string; createdAt: Date }[] };
};

function parseReasons(json: string): FraudReason[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((r): r is FraudReason => typeof r === "object" && r !== null && typeof (r as FraudReason).text === "string") : [];
  } catch {
    return [];
  }
}

export async function listReferralReviews(
  db: Db,
  opts: { status?: ReviewStatus; take?: number } = {},
): Promise<{ rows: ReviewRow[]; counts: Record<ReviewStatus, number> }> {
  const [rows, grouped] = await Promise.all([
    db.referralReview.findMany({
      where: opts.status ? { status: opts.status } : {},
      orderBy: NEWEST_FIRST,
      take: opts.take ?? 100,
      include: {
        referrer: { select: { id: true, name: true, email: true } },
        friend: {
          select: {
            id: true,
            name: true,
            email: true,
            leads: { select: { id: true, formType: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 5 },
          },
        },
        decidedBy: { select: { name: true } },
      },
    }),
    db.referralReview.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts = { pending: 0, approved: 0, rejected: 0 } as Record<ReviewStatus, number>;
  for (const g of grouped) if (g.status in counts) counts[g.status as ReviewStatus] = g._count._all;
  return {
    counts,
    rows: rows.map((r) => ({
      id: r.id,
      status: (REVIEW_STATUSES as readonly string[]).includes(r.status) ? (r.status as ReviewStatus) : "pending",
      reasons: parseReasons(r.reasons),
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      decidedBy: r.decidedBy?.name ?? null,
      note: r.note,
      referrer: r.referrer,
      friend: r.friend,
    })),
  };
}

export type ReviewDecision = "approved" | "rejected";
export type DecideReviewResult = { ok: true; decision: ReviewDecision } | { ok: false; error: "not_found" | "already_decided" };

/** Decides a held referral once: a compare-and-set on the review's status, in the same transaction as the ledger rows. */
export async function decideReferralReview(
  db: Db,
  input: { reviewId: string; decision: ReviewDecision; actorId: string; note?: string | null; now?: Date },
): Promise<DecideReviewResult> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const review = await tx.referralReview.findUnique({ where: { id: input.reviewId } });
    if (!review) return { ok: false, error: "not_found" } as const;
    const claimed = await tx.referralReview.updateMany({
      where: { id: review.id, status: "pending" },
      data: { status: input.decision, decidedAt: now, decidedById: input.actorId, note: input.note?.trim() || null },
    });
    if (claimed.count !== 1) return { ok: false, error: "already_decided" } as const;
    if (input.decision === "approved") await confirmReferralPoints(tx, review.friendContactId, now);
    else await rejectFriendPoints(tx, review.friendContactId);
    return { ok: true, decision: input.decision } as const;
  });
}
