"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formDataAction } from "@/lib/action-args";
import { authorize, isDenied } from "@/lib/auth/next";
import { db } from "@/lib/db";
import { decideReferralReview, REVIEW_NOTE_MAX } from "@/lib/console/referral-reviews";
import { decideRedemption, DECISIONS, NOTE_MAX } from "@/lib/console/referrals";
import { kickDispatcher } from "@/lib/email/app-dispatcher";

/**
 * Approve or reject a points redemption request. Posts without JavaScript and comes back
 * to the page it was sent from (post/redirect/get) with what happened in the URL. Server
 * Actions are public endpoints: the session and role are checked here first.
 */

const decisionSchema = z.object({
  leadId: z.string().trim().min(1).max(64),
  decision: z.enum(DECISIONS),
  note: z.string().trim().max(NOTE_MAX, `Keep the note under ${NOTE_MAX} characters.`).optional(),
});

/** Only the referral pages; anything else goes to the redemptions list. */
function safeBack(raw: FormDataEntryValue | null): string {
  const v = typeof raw === "string" ? raw : "";
  if (!v.startsWith("/console/referrals") || v.includes("//") || v.includes("\\")) return "/console/referrals/redemptions";
  return v;
}

/** `back` with the flash parameters set (and any old ones replaced), anchored at the result. */
function withFlash(back: string, flash: Record<string, string | number | null | undefined>): string {
  const url = new URL(back, "http://console.invalid");
  for (const key of ["decided", "error", "lead", "points", "balance", "have", "asked"]) url.searchParams.delete(key);
  for (const [k, v] of Object.entries(flash)) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
  return `${url.pathname}${url.search}#decision-result`;
}

/** A call without form data (tampered): back to the list, nothing done. */
const toRedemptions = () => redirect(withFlash("/console/referrals/redemptions", { error: "invalid" }));

export const decideRedemptionAction = formDataAction("decideRedemptionAction", toRedemptions, async (formData) => {
  const back = safeBack(formData.get("back"));
  const who = await authorize("referrals:decide");
  if (isDenied(who)) redirect(who.status === 401 ? `/console/sign-in?next=${encodeURIComponent(back)}` : withFlash(back, { error: "forbidden" }));

  const leadId = String(formData.get("leadId") ?? "").slice(0, 64);
  const parsed = decisionSchema.safeParse({
    leadId,
    decision: formData.get("decision"),
    note: formData.get("note") ?? undefined,
  });
  if (!parsed.success) {
    const noteIssue = parsed.error.issues.some((i) => i.path[0] === "note");
    redirect(withFlash(back, { error: noteIssue ? "note_too_long" : "invalid", lead: leadId }));
  }

  const result = await decideRedemption(db(), { ...parsed.data, actorId: who.id });
  if (result.ok) kickDispatcher(); // the requester's email was queued with the decision
  redirect(
    withFlash(
      back,
      result.ok
        ? { decided: result.decision, lead: result.leadId, points: result.points, balance: result.confirmedBalance }
        : { error: result.error, lead: leadId, have: result.confirmedBalance, asked: result.requested },
    ),
  );
});

const reviewSchema = z.object({
  reviewId: z.string().trim().min(1).max(64),
  decision: z.enum(["approved", "rejected"]),
  note: z.string().trim().max(REVIEW_NOTE_MAX, `Keep the note under ${REVIEW_NOTE_MAX} characters.`).optional(),
});

const REVIEWS = "/console/referrals/reviews";

/** Approve (confirm the points) or reject (reverse them) a referral held for review. */
export const decideReviewAction = formDataAction("decideReviewAction", () => redirect(`${REVIEWS}?error=invalid`), async (formData) => {
  const who = await authorize("referrals:decide");
  if (isDenied(who)) redirect(who.status === 401 ? `/console/sign-in?next=${encodeURIComponent(REVIEWS)}` : `${REVIEWS}?error=forbidden`);
  const parsed = reviewSchema.safeParse({ reviewId: formData.get("reviewId"), decision: formData.get("decision"), note: formData.get("note") ?? undefined });
  if (!parsed.success) redirect(`${REVIEWS}?error=${parsed.error.issues.some((i) => i.path[0] === "note") ? "note_too_long" : "invalid"}#review-result`);
  const result = await decideReferralReview(db(), { ...parsed.data, actorId: who.id });
  redirect(result.ok ? `${REVIEWS}?decided=${result.decision}#review-result` : `${REVIEWS}?error=${result.error}#review-result`);
});
