import { db, type Db } from "../db";
import { cachedStaffRecipientSettings } from "../console/settings";
import { listProgramsForForms } from "../content/programs";
import { kickDispatcher } from "../email/app-dispatcher";
import { rateLimiter } from "../rate-limit";
import { siteConfig, siteUrl } from "../site-config";
import { UNREADABLE_FORM_MESSAGE } from "../action-args";
import { publicAction, type StateInput } from "../actions/client";
import type { FirstTouch } from "../attribution-cookies";
import { newSubmissionToken, SUBMISSION_TOKEN_PATTERN } from "./codes";
import { formDataToObject } from "./form-data";
import type { FormState } from "./form-state";
import type { FormType, LeadType } from "./form-types";
import { submitLead, type SubmissionDeps } from "./pipeline";

/**
 * Staff recipients per form type: the list an admin set in the console (Settings), else
 * STAFF_EMAIL_<FORM> (comma-separated), else STAFF_EMAIL, else the staff inbox.
 */
export function staffRecipients(formType: LeadType, env: NodeJS.ProcessEnv = process.env, configured?: readonly string[]): string[] {
  if (configured?.length) return [...configured];
  return defaultStaffRecipients(formType, env).emails;
}

/** The fallback when no console setting exists, and where it comes from (shown on the settings page). */
export function defaultStaffRecipients(formType: LeadType, env: NodeJS.ProcessEnv = process.env): { emails: string[]; source: string } {
  const perForm = `STAFF_EMAIL_${formType.toUpperCase()}`;
  const [raw, source] =
    env[perForm] !== undefined
      ? [env[perForm]!, perForm]
      : env.STAFF_EMAIL !== undefined
        ? [env.STAFF_EMAIL, "STAFF_EMAIL"]
        : [siteConfig.staffInbox, "the site's staff inbox"];
  const emails = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { emails, source };
}

/**
 * The recipients for a new lead, with the console settings read through a 30-second cache
 * (so a busy form does not query them each time). If the settings cannot be read, the lead
 * is still saved and goes to the default recipients.
 */
export async function staffRecipientsFromSettings(database: Db, formType: LeadType, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  try {
    return staffRecipients(formType, env, (await cachedStaffRecipientSettings(database))[formType]);
  } catch (error) {
    console.error("[forms] could not read the staff recipient settings; using the defaults", error);
    return staffRecipients(formType, env);
  }
}

/** The app's dependencies, on the app's database or (benchmarks, scripts) on `database`. */
export function defaultDeps(database: Db = db()): SubmissionDeps {
  return {
    db: database,
    limiter: rateLimiter(),
    siteUrl: siteUrl(),
    staffRecipients: (f) => staffRecipientsFromSettings(database, f),
    programNames: async () => new Map((await listProgramsForForms(database)).map((p) => [p.slug, p.name])),
    onQueued: kickDispatcher,
  };
}

/** Values to echo back when the form re-renders without JavaScript (never the honeypot). */
export function echoValues(raw: Record<string, unknown>): Record<string, unknown> {
  const { website: _honeypot, submissionToken: _token, ...rest } = raw;
  return rest;
}

const wellFormedToken = (v: unknown) => (typeof v === "string" && SUBMISSION_TOKEN_PATTERN.test(v) ? v : undefined);

/**
 * The token held by the previous state, if it is a well-formed one. The previous state comes
 * from the client like everything else (null, a string, an object of junk): read as an own
 * data property only.
 */
function previousToken(previous: unknown): string | undefined {
  if (typeof previous !== "object" || previous === null) return undefined;
  return wellFormedToken(Object.getOwnPropertyDescriptor(previous, "submissionToken")?.value);
}

export type FormRequest = { ip: string; userAgent?: string; firstTouch?: FirstTouch };

/** What a call with no readable form data gets: a plain message and a fresh token. */
export function unreadableFormState(formType: FormType): FormState {
  return { formType, status: "error", message: UNREADABLE_FORM_MESSAGE, submissionToken: newSubmissionToken() };
}

/**
 * A form's Server Action, built with the public action client (lib/actions/client.ts): its
 * arguments are checked before anything reads them, and a fault is logged by the client's
 * handler while the person gets its friendly message with what they typed kept.
 * `request` reads the client's IP and cookies (Next's headers() in the app); `deps` is
 * called once per valid call.
 */
export function leadFormAction(formType: FormType, request: () => Promise<FormRequest>, deps: () => SubmissionDeps = defaultDeps) {
  return publicAction.stateAction(
    {
      name: `${formType} form`,
      malformed: () => unreadableFormState(formType),
      failed: (input, message) => failedFormState(formType, input, message),
    },
    async ({ previous, formData }) => runFormAction(formType, previous, formData, await request(), deps()),
  );
}

/** The token for the next post: the one sent if well formed, else the previous state's, else a fresh one. */
export function nextToken(raw: Record<string, unknown>, previous: unknown): string {
  return wellFormedToken(raw.submissionToken) ?? previousToken(previous) ?? newSubmissionToken();
}

/** After a fault: the client's message, with what was typed and the same token (a retry is the same submission). */
export function failedFormState(formType: FormType, { previous, formData }: StateInput, message: string): FormState {
  const raw = formDataToObject(formData);
  return { formType, status: "error", message, values: echoValues(raw), submissionToken: nextToken(raw, previous) };
}

/**
 * The body of every form's Server Action: parse, submit, and turn the outcome into the
 * state the form renders. Only known outcomes reach the person; a fault is thrown on to the
 * action client (leadFormAction). `previous` is whatever the client sent as the previous
 * state, so it is only ever read for a well-formed token.
 */
export async function runFormAction(
  formType: FormType,
  previous: unknown,
  formData: FormData,
  request: FormRequest,
  deps: SubmissionDeps = defaultDeps(),
): Promise<FormState> {
  const raw = formDataToObject(formData);
  const values = echoValues(raw);
  const token = nextToken(raw, previous);
  const outcome = await submitLead(deps, formType, raw, request);
  switch (outcome.kind) {
    case "saved":
    case "accepted":
      // A fresh token: sending the form again after a success is a new submission.
      return {
        formType,
        status: "success",
        success: outcome.success,
        ...(outcome.kind === "saved" && outcome.bookCallHref ? { bookCallHref: outcome.bookCallHref } : {}),
        submissionToken: newSubmissionToken(),
      };
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
}
