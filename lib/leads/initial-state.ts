import { newSubmissionToken } from "./codes";
import type { FormState } from "./form-state";
import type { FormType } from "./form-types";

/**
 * The state a form starts from. Every rendering gets a fresh submission token, so the
 * server can tell a repeated post of the same form (double click, back button) from a new
 * lead. Server-only (node:crypto): pages call it and pass the result to the client form.
 */
export function initialFormState(formType: FormType, values?: Record<string, unknown>): FormState {
  return { formType, status: "idle", submissionToken: newSubmissionToken(), values };
}
