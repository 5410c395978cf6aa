// The server validates phone numbers at once, with no lazy loading (lib/forms/phone-rules.ts).
import "./phone-rules-server";
import { bookingForm } from "./booking/definition";
import { callbackForm } from "./callback/definition";
import { commentForm } from "./comment/definition";
import { enrollForm } from "./enroll/definition";
import { eventForm } from "./event/definition";
import { inviteForm } from "./invite/definition";
import { newsletterForm } from "./newsletter/definition";
import { quoteForm } from "./quote/definition";
import { redemptionForm } from "./redemption/definition";
import { referralForm } from "./referral/definition";
import { syllabusForm } from "./syllabus/definition";
import type { FormDefinition, PostedFormDefinition } from "./types";

/**
 * Every kind of lead, one line each. A new form is a folder under lib/forms/ and a line here
 * (see docs/forms.md). The order is the console's. Server-only: it pulls in the emails.
 */
export const FORMS = {
  enroll: enrollForm,
  quote: quoteForm,
  referral: referralForm,
  newsletter: newsletterForm,
  callback: callbackForm,
  redemption: redemptionForm,
  invite: inviteForm,
  syllabus: syllabusForm,
  event: eventForm,
  comment: commentForm,
  booking: bookingForm,
} as const;

export type LeadType = keyof typeof FORMS;
/** The forms a visitor posts (they have a schema and a Server Action). */
export type FormType = { [K in LeadType]: (typeof FORMS)[K] extends { schema: unknown } ? K : never }[LeadType];

export const LEAD_TYPES = Object.keys(FORMS) as LeadType[];
export const FORM_TYPES = LEAD_TYPES.filter((t): t is FormType => "schema" in FORMS[t]);

export function formDefinition(type: LeadType): FormDefinition<Record<string, unknown>> {
  return FORMS[type] as unknown as FormDefinition<Record<string, unknown>>;
}

export function postedForm(type: FormType): PostedFormDefinition<Record<string, unknown>> {
  return FORMS[type] as unknown as PostedFormDefinition<Record<string, unknown>>;
}

/** The confirmation templates the forms' emails use (outbox template names). */
export const FORM_EMAIL_TEMPLATES = LEAD_TYPES.map((t) => FORMS[t].email.template);
