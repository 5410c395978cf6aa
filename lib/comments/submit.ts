import type { Attribution } from "../forms/fields";
import type { CommentInput } from "../forms/comment/schema";
import type { Tx } from "../forms/types";
import { findOrCreateContact } from "../leads/contacts";
import { saveLead, saveWithRetries, type SubmissionContext, type SubmissionDeps } from "../leads/pipeline";
import { hashIp } from "../security/fingerprint";
import { commentFlags } from "./flags";

/**
 * A visitor's comment, posted through the comment form's `accept` (lib/forms/comment/
 * definition.tsx). It always waits for moderation. Only a commenter who ticked "An advisor
 * may contact me" becomes a lead (type "comment", with its attribution), and then the comment
 * is written in the lead's transaction (the definition's afterSave); otherwise the comment
 * and its contact are written on their own, and the staff inbox sees nothing.
 */

/** The same text from the same address under the same article within this window is one comment (a re-sent form). */
export const COMMENT_REPEAT_MINUTES = 10;

export type CommentToStore = {
  contactId: string;
  input: CommentInput;
  now: Date;
  leadId?: string;
  token?: string;
  ipHash?: string | null;
};

/** Writes the pending comment with its flags. */
export async function storeComment(tx: Tx, c: CommentToStore): Promise<string> {
  const row = await tx.comment.create({
    data: {
      articlePath: c.input.article,
      authorName: c.input.name,
      email: c.input.email,
      website: c.input.homepage ?? null,
      body: c.input.comment,
      flags: JSON.stringify(commentFlags({ body: c.input.comment, name: c.input.name })),
      advisorContact: c.input.advisor,
      contactId: c.contactId,
      leadId: c.leadId ?? null,
      submissionToken: c.token ?? null,
      ipHash: c.ipHash ?? null,
      status: "pending",
      createdAt: c.now,
    },
    select: { id: true },
  });
  return row.id;
}

async function alreadyStored(deps: SubmissionDeps, input: CommentInput, token: string | undefined, now: Date): Promise<boolean> {
  if (token) {
    const [comment, submission] = await Promise.all([
      deps.db.comment.findUnique({ where: { submissionToken: token }, select: { id: true } }),
      deps.db.leadSubmission.findUnique({ where: { submissionToken: token }, select: { id: true } }),
    ]);
    if (comment || submission) return true;
  }
  // The comment form on the static article carries no token (the page is the same for
  // everyone), so a double post is recognised by its content.
  const repeat = await deps.db.comment.findFirst({
    where: {
      email: input.email,
      articlePath: input.article,
      body: input.comment,
      parentId: null,
      createdAt: { gte: new Date(now.getTime() - COMMENT_REPEAT_MINUTES * 60_000) },
    },
    select: { id: true },
  });
  return repeat !== null;
}

export async function submitComment(
  deps: SubmissionDeps,
  args: { input: CommentInput; attribution: Attribution; ctx: SubmissionContext; token?: string; now: Date },
): Promise<void> {
  const { input, attribution, ctx, token, now } = args;
  if (await alreadyStored(deps, input, token, now)) return;
  if (input.advisor) {
    // The comment is written by the definition's afterSave, inside the lead's transaction.
    await saveLead(deps, { formType: "comment", input, attribution: { ...attribution, article: attribution.article ?? input.article }, token }, ctx, now);
    return;
  }
  await saveWithRetries(deps.db, input.email, token, async (tx, sql) => {
    // A contact (no lead): the console's privacy page finds, exports and erases people by contact.
    const { contact } = await findOrCreateContact(sql, { email: input.email, name: input.name }, now);
    await storeComment(tx, { contactId: contact.id, input, now, token, ipHash: hashIp(ctx.ip) ?? null });
  });
}
