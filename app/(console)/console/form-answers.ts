import type { StateInput } from "@/lib/actions/client";
import { unreadable, type ConsoleFormState } from "./programs/form-state";

const refused = (_input: StateInput, message: string): ConsoleFormState => ({ status: "error", message, fieldErrors: {}, values: {} });

/**
 * What a console form's action answers besides its own outcomes (programs, settings, staff):
 * a tampered call gets "could not read this form"; staff without the permission, or a fault,
 * get the console's message in the form's error banner. Anonymous callers go to sign in and
 * come back to `returnTo`.
 */
export function consoleFormAnswers(name: string, returnTo: (input: StateInput) => string) {
  return { name, returnTo, malformed: unreadable, forbidden: refused, failed: refused };
}
