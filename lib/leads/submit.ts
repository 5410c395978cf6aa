import type { FirstTouch } from "../attribution-cookies";
import type { Db } from "../db";
import { attributionSchema } from "../forms/fields";
import { postedForm, type FormType, type LeadType } from "../forms/registry";
import { successDetails } from "../forms/types";
import type { FormRateLimiter } from "../rate-limit";
import { SUBMISSION_TOKEN_PATTERN } from "./codes";
import { FieldError, fieldErrorsFrom, isUniqueViolation } from "./errors";
import type { SuccessDetails } from "./form-state";
import { saveLead } from "./save";

export type SubmissionDeps = {
  db: Db;
  limiter: FormRateLimiter;
  /** Absolute site origin, for links in emails and the referral link. */
  siteUrl: string;
  /**
   * Staff recipients for a lead type's notification. May read settings (async): it is
   * called once per submission, before the save transaction, never inside it.
   */
  staffRecipients: (formType: LeadType) => string[] | Promise<string[]>;
  /** Program names by slug, for the emails' summaries (display only; may be cached). */
  programNames?: () => Promise<Map<string, string>>;
  /** Called after a submission is committed with emails to send (wakes the dispatcher). */
  onQueued?: () => void;
};

export type SubmissionContext = {
  ip: string;
  userAgent?: string;
  /** First-touch attribution, the referral cookie and the browser id (lib/attribution-cookies.ts). */
  firstTouch?: FirstTouch;
  now?: Date;
};

export type SubmitOutcome =
  | { kind: "saved"; leadId: string; created: boolean; success: SuccessDetails }
  /** Answered without filing anything yet: a redemption request waits for its ownership link. */
  | { kind: "accepted"; success: SuccessDetails }
  /** The honeypot was filled: the caller shows an ordinary success, nothing was stored. */
  | { kind: "ignored" }
  | { kind: "invalid"; fieldErrors: Record<string, string> }
  | { kind: "rate_limited"; retryAfterSeconds: number };

/**
 * One form submission, for every form: the honeypot, the form's schema, the submission
 * token, the rate limit, then the form's own `accept` or the shared save (lib/leads/save.ts).
 *
 * The answer never depends on whether the email address is already known: anything
 * personal goes to that inbox, and requests that act on what an address owns wait for its
 * ownership link.
 */
export async function submitLead(deps: SubmissionDeps, formType: FormType, raw: Record<string, unknown>, ctx: SubmissionContext): Promise<SubmitOutcome> {
  const now = ctx.now ?? new Date();
  const form = postedForm(formType);

  // Bots fill every field; people never see this one. Pretend it worked, store nothing.
  if (typeof raw.website === "string" && raw.website.trim() !== "") return { kind: "ignored" };

  const parsed = form.schema.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const input = parsed.data;
  const attribution = attributionSchema.parse(raw);
  const token = typeof raw.submissionToken === "string" && SUBMISSION_TOKEN_PATTERN.test(raw.submissionToken) ? raw.submissionToken : undefined;
  const success = successDetails(form);

  // A re-sent submission (double click, browser retry) is answered from what it saved.
  const saved = async () => (token ? deps.db.leadSubmission.findUnique({ where: { submissionToken: token }, select: { leadId: true } }) : null);
  if (!form.accept) {
    const existing = await saved();
    if (existing) return { kind: "saved", leadId: existing.leadId, created: false, success };
  }

  const i = input as { email?: string; phone?: string };
  const verdict = await deps.limiter.consume(formType, { ip: ctx.ip, identity: i.email ?? i.phone });
  if (!verdict.ok) return { kind: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  if (form.accept) {
    await form.accept.run({ deps, input, attribution, ctx, token, now });
    return { kind: "accepted", success: form.accept.answer };
  }

  try {
    const result = await saveLead(deps, { formType, input, attribution, token }, ctx, now);
    return { kind: "saved", ...result, success };
  } catch (error) {
    if (error instanceof FieldError) return { kind: "invalid", fieldErrors: { [error.field]: error.message } };
    // Two requests with the same token raced: the other one saved the lead.
    if (token && isUniqueViolation(error)) {
      const existing = await saved();
      if (existing) return { kind: "saved", leadId: existing.leadId, created: false, success };
    }
    throw error;
  }
}
