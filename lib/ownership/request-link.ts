import { fieldErrorsFrom } from "../leads/errors";
import type { FormState, SuccessDetails } from "../leads/form-state";
import { newSubmissionToken } from "../leads/codes";
import type { SubmissionContext, SubmissionDeps } from "../leads/pipeline";
import { issueOwnershipLink, type OwnershipPurpose } from "./tokens";

/** A "send me a link" form's schema (each form keeps its own, shared with the browser): one email address. */
type EmailOnlySchema = {
  safeParse(raw: unknown): { success: true; data: { email: string } } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/**
 * A "send me a link" form (the referral status page, "manage my emails"): the address is
 * sent a one-time ownership link for `purpose`. The answer is the same whether or not the
 * address is known, nothing is sent to an address we do not know, and both the form's rate
 * limit and the links-per-hour cap (lib/ownership/tokens.ts) apply.
 */
export async function requestOwnershipLink(
  deps: SubmissionDeps,
  raw: Record<string, unknown>,
  ctx: SubmissionContext,
  form: { formType: "referral" | "newsletter"; purpose: OwnershipPurpose; schema: EmailOnlySchema; sent: SuccessDetails },
): Promise<FormState> {
  const { formType, sent } = form;
  const token = newSubmissionToken();
  if (typeof raw.website === "string" && raw.website.trim() !== "") return { formType, status: "success", success: sent, submissionToken: token };
  const parsed = form.schema.safeParse(raw);
  if (!parsed.success) {
    return {
      formType,
      status: "error",
      message: "Please correct the highlighted fields.",
      fieldErrors: fieldErrorsFrom(parsed.error.issues),
      values: { email: raw.email },
      submissionToken: token,
    };
  }
  const email = parsed.data.email;
  const verdict = await deps.limiter.consume(formType, { ip: ctx.ip, identity: email });
  if (!verdict.ok) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60));
    return {
      formType,
      status: "error",
      message: `You have asked several times in a short while. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      values: { email },
      submissionToken: token,
    };
  }
  const now = ctx.now ?? new Date();
  const contact = await deps.db.contact.findUnique({ where: { email }, select: { id: true, name: true } });
  if (contact) {
    const issued = await deps.db.$transaction((tx) =>
      issueOwnershipLink(tx, { email, contactId: contact.id, purpose: form.purpose, name: contact.name, siteUrl: deps.siteUrl, now }),
    );
    if (issued) deps.onQueued?.();
  }
  return { formType, status: "success", success: sent, submissionToken: token };
}
