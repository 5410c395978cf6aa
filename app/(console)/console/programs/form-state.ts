import { UNREADABLE_FORM_MESSAGE } from "@/lib/action-args";

/**
 * What a console form's Server Action gives back to useActionState (programs, settings and
 * staff forms share it). Success usually redirects instead (post/redirect/get); a success
 * state is only returned when it carries something to show once, like a new password.
 */
export type ConsoleFormState =
  | { status: "idle" }
  | { status: "error"; message: string; fieldErrors: Record<string, string>; values: Record<string, string> }
  | { status: "success"; message: string; secret?: { label: string; value: string } };

export const IDLE: ConsoleFormState = { status: "idle" };

export const FIX_FIELDS = "Please correct the highlighted fields.";

/** What a call without readable form data (a tampered one) gets; nothing was done. */
export const unreadable = (): ConsoleFormState => ({ status: "error", message: UNREADABLE_FORM_MESSAGE, fieldErrors: {}, values: {} });
