"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { decideReferralReview, REVIEW_NOTE_MAX } from "@/lib/console/referral-reviews";
import { decideRedemption, DECISIONS, NOTE_MAX, reverseReferralAward } from "@/lib/console/referrals";
import { kickDispatcher } from "@/lib/email/app-dispatcher";

/**
 * Approve or reject a points redemption request. Posts without JavaScript and comes back
 * to the page it was sent from (post/redirect/get) with what happened in the URL. Server
 * Actions are public endpoints: staffAction checks the session and the "referrals:decide"
 * permission before each body runs.
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

const decide = staffAction("referrals:decide");

export const decideRedemptionAction = decide.formAction(
  {
    name: "decideRedemptionAction",
    // A call without form data (tampered): back to the list, nothing done.
    malformed: () => redirect(withFlash("/console/referrals/redemptions", { error: "invalid" })),
    returnTo: ({ formData }) => safeBack(formData.get("back")),
    forbidden: ({ formData }) => redirect(withFlash(safeBack(formData.get("back")), { error: "forbidden" })),
  },
  async ({ formData, staff }) => {
    const back = safeBack(formData.get("back"));
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

    const result = await decideRedemption(db(), { ...parsed.data, actorId: staff.id });
    if (result.ok) kickDispatcher(); // the requester's email was queued with the decision
    redirect(
      withFlash(
        back,
        result.ok
          ? { decided: result.decision, lead: result.leadId, points: result.points, balance: result.confirmedBalance }
          : { error: result.error, lead: leadId, have: result.confirmedBalance, asked: result.requested },
      ),
    );
  },
);

const reviewSchema = z.object({
  reviewId: z.string().trim().min(1).max(64),
  decision: z.enum(["approved", "rejected"]),
  note: z.string().trim().max(REVIEW_NOTE_MAX, `Keep the note under ${REVIEW_NOTE_MAX} characters.`).optional(),
});

const REVIEWS = "/console/referrals/reviews";

/** Approve (confirm the points) or reject (reverse them) a referral held for review. */
export const decideReviewAction = decide.formAction(
  {
    name: "decideReviewAction",
    malformed: () => redirect(`${REVIEWS}?error=invalid`),
    returnTo: () => REVIEWS,
    forbidden: () => redirect(`${REVIEWS}?error=forbidden`),
  },
  async ({ formData, staff }) => {
    const parsed = reviewSchema.safeParse({ reviewId: formData.get("reviewId"), decision: formData.get("decision"), note: formData.get("note") ?? undefined });
    if (!parsed.success) redirect(`${REVIEWS}?error=${parsed.error.issues.some((i) => i.path[0] === "note") ? "note_too_long" : "invalid"}#review-result`);
    const result = await decideReferralReview(db(), { ...parsed.data, actorId: staff.id });
    redirect(result.ok ? `${REVIEWS}?decided=${result.decision}#review-result` : `${REVIEWS}?error=${result.error}#review-result`);
  },
);

/** Reverse a confirmed referral award (a refund), with a reason; back to the referrer's ledger. */
export const reverseAwardAction = decide.formAction(
  {
    name: "reverseAwardAction",
    malformed: () => redirect("/console/referrals"),
    returnTo: ({ formData }) => safeBack(formData.get("back")),
    forbidden: ({ formData }) => redirect(`${safeBack(formData.get("back"))}?reverse=forbidden#ledger`),
  },
  async ({ formData, staff }) => {
    const back = safeBack(formData.get("back")).split("?")[0];
    const entryId = String(formData.get("entryId") ?? "").slice(0, 64);
    const reason = typeof formData.get("reason") === "string" ? String(formData.get("reason")) : "";
    const result = await reverseReferralAward(db(), { entryId, actorId: staff.id, reason });
    redirect(`${back}?reverse=${result.ok ? "done" : result.error}#ledger`);
  },
);
