import { db } from "../db";
import { listProgramsForForms } from "../content/programs";
import { kickDispatcher } from "../email/app-dispatcher";
import { rateLimiter } from "../rate-limit";
import { siteConfig, siteUrl } from "../site-config";
import type { FirstTouch } from "../attribution-cookies";
import { newSubmissionToken } from "./codes";
import { formDataToObject } from "./form-data";
import type { FormState } from "./form-state";
import type { FormType } from "./form-types";
import { submitLead, type SubmissionDeps } from "./submit-lead";

/** Staff recipients per form type: STAFF_EMAIL_<FORM> (comma-separated), else the staff inbox. */
export function staffRecipients(formType: FormType, env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env[`STAFF_EMAIL_${formType.toUpperCase()}`] ?? env.STAFF_EMAIL ?? siteConfig.staffInbox;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function defaultDeps(): SubmissionDeps {
  const database = db();
  return {
    db: database,
    limiter: rateLimiter(),
    siteUrl: siteUrl(),
    staffRecipients: (f) => staffRecipients(f),
    programNames: async () => new Map((await listProgramsForForms(database)).map((p) => [p.slug, p.name])),
    onQueued: kickDispatcher,
  };
}

/** Values to echo back when the form re-renders without JavaScript (never the honeypot). */
function echoValues(raw: Record<string, unknown>): Record<string, unknown> {
  const { website: _honeypot, submissionToken: _token, ...rest } = raw;
  return rest;
}

/**
 * The body of every form's Server Action: parse, submit, and turn the outcome into the
 * state the form renders. Only known outcomes reach the person; a fault is logged and they
 * get a plain apology, with what they typed kept.
 */
export async function runFormAction(
  formType: FormType,
  previous: FormState,
  formData: FormData,
  request: { ip: string; userAgent?: string; firstTouch?: FirstTouch },
  deps: SubmissionDeps = defaultDeps(),
): Promise<FormState> {
  const raw = formDataToObject(formData);
  const values = echoValues(raw);
  const token = typeof raw.submissionToken === "string" ? raw.submissionToken : previous.submissionToken;
  try {
    const outcome = await submitLead(deps, formType, raw, request);
    switch (outcome.kind) {
      case "saved":
        // A fresh token: sending the form again after a success is a new submission.
        return { formType, status: "success", success: outcome.success, submissionToken: newSubmissionToken() };
      case "ignored":
        return {
          formType,
          status: "success",
          success: { headline: "Thank you", nextSteps: ["We have received your message."] },
          submissionToken: newSubmissionToken(),
        };
      case "invalid":
        return {
          formType,
          status: "error",
          message: "Please correct the highlighted fields.",
          fieldErrors: outcome.fieldErrors,
          values,
          submissionToken: token,
        };
      case "rate_limited": {
        const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
        return {
          formType,
          status: "error",
          message: `You have sent this form several times in a short while. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          values,
          submissionToken: token,
        };
      }
    }
  } catch (error) {
    console.error(`[forms] ${formType} submission failed`, error);
    return {
      formType,
      status: "error",
      message: "Something went wrong on our side and your details were not saved. Please try again in a moment.",
      values,
      submissionToken: token,
    };
  }
}
