"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { authSecret } from "@/lib/auth/auth";
import { moderateComment, replyToComment, type ModerationDecision, type ModerationOutcome } from "@/lib/comments/moderation";
import { requestArticleRevalidation } from "@/lib/comments/revalidate";
import { revalidationOrigins, revalidationToken } from "@/lib/console/programs";
import { db } from "@/lib/db";
import { kickDispatcher } from "@/lib/email/app-dispatcher";
import { siteUrl } from "@/lib/site-config";

/**
 * The comment queue's Server Actions. staffAction checks the session and the
 * "comments:moderate" permission before the body runs; lib/comments/moderation.ts does the
 * work (and queues the commenter's emails in the same transaction). A change to what the
 * public sees regenerates the article page now (pages/api/revalidate-comments.ts).
 */

const QUEUE = "/console/comments";
const DECISIONS: readonly ModerationDecision[] = ["approve", "reject", "spam"];

const field = (formData: FormData, name: string, max: number) => {
  const v = formData.get(name);
  return typeof v === "string" && v.length <= max ? v : "";
};

/** Back to the queue (the status it was showing), with the outcome. */
function backTo(formData: FormData, query: Record<string, string>): never {
  const status = field(formData, "view", 16);
  const q = new URLSearchParams({ ...(status ? { status } : {}), ...query });
  redirect(`${QUEUE}?${q}#queue-result`);
}

async function afterChange(outcome: ModerationOutcome): Promise<boolean> {
  if (!outcome.ok || !outcome.changed) return true;
  kickDispatcher();
  if (!outcome.publicChange) return true;
  return requestArticleRevalidation({ path: outcome.articlePath, origins: revalidationOrigins(), token: revalidationToken(authSecret()) });
}

const moderate = staffAction("comments:moderate");

export const moderateCommentAction = moderate.formAction(
  {
    name: "moderateCommentAction",
    malformed: () => redirect(`${QUEUE}?error=invalid`),
    returnTo: () => QUEUE,
    forbidden: () => redirect(`${QUEUE}?error=forbidden`),
  },
  async ({ formData, staff }) => {
    const decision = DECISIONS.find((d) => d === formData.get("decision"));
    const commentId = field(formData, "commentId", 64);
    if (!decision || !commentId) backTo(formData, { error: "invalid" });
    const outcome = await moderateComment(db(), { commentId, decision, staffUserId: staff.id, siteUrl: siteUrl() });
    if (!outcome.ok) backTo(formData, { error: outcome.reason });
    const fresh = await afterChange(outcome);
    backTo(formData, { done: decision, ...(fresh ? {} : { pages: "stale" }) });
  },
);

export const replyCommentAction = moderate.formAction(
  {
    name: "replyCommentAction",
    malformed: () => redirect(`${QUEUE}?error=invalid`),
    returnTo: () => QUEUE,
    forbidden: () => redirect(`${QUEUE}?error=forbidden`),
  },
  async ({ formData, staff }) => {
    const commentId = field(formData, "commentId", 64);
    const body = field(formData, "reply", 10_000);
    if (!commentId) backTo(formData, { error: "invalid" });
    const outcome = await replyToComment(db(), { commentId, body, staffUserId: staff.id, staffName: staff.name, siteUrl: siteUrl() });
    if (!outcome.ok) backTo(formData, { error: outcome.reason });
    const fresh = await afterChange(outcome);
    backTo(formData, { done: "reply", ...(fresh ? {} : { pages: "stale" }) });
  },
);
