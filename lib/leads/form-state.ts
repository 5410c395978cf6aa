import type { FormType } from "./form-types";

/** What the person sees after a successful submission: the same for every address. */
export type SuccessDetails = {
  headline: string;
  /** Plain sentences, shown as a list: what happens next. */
  nextSteps: string[];
};
// Nothing personal (a discount code, a balance, a referral link) is ever part of a form's
// answer: it goes to the inbox of the address typed (lib/leads/save.ts).

/**
 * The state every form action returns (React `useActionState`). It is plain JSON, so it
 * survives the round trip of a no-JavaScript post, where the page re-renders from it.
 */
export type FormState = {
  formType: FormType;
  status: "idle" | "success" | "error";
  /** A message for the whole form (rate limit, unexpected fault). */
  message?: string;
  /** Field errors keyed by dotted path, e.g. "email" or "friends.0.email". */
  fieldErrors?: Record<string, string>;
  /** The submitted values, so a form re-rendered without JavaScript keeps what was typed. */
  values?: Record<string, unknown>;
  success?: SuccessDetails;
  /** After a success: "Book your call now" (/book), for the lead just made (lib/booking/attach.ts). */
  bookCallHref?: string;
  /** Idempotency token for the next submission of this form (a hidden input). */
  submissionToken: string;
};

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Names of the hidden fields every form posts besides its own fields. */
export const HIDDEN_FIELDS = {
  token: "submissionToken",
  /** Honeypot: hidden from people, tempting to bots. Must stay empty. */
  honeypot: "website",
} as const;
