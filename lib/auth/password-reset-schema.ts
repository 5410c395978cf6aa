import { z } from "zod";

/**
 * The staff "Forgot password?" forms' schemas, limits and answers, shared by the browser and
 * the server (no server-only imports here). The flow itself: lib/auth/password-reset.ts.
 */

/** How long an emailed reset link works (Better Auth's resetPasswordTokenExpiresIn). */
export const RESET_TOKEN_SECONDS = 60 * 60;

/** Staff passwords: as the console's own account forms and `npm run staff:create` (12+). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter an email address like name@example.com.");

/** The "Forgot password?" form, shared by the browser and the server. */
export const forgotPasswordSchema = z.object({ email: emailField });

/** The "Choose a new password" form. */
export const newPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: z
      .string({ error: "Enter a new password." })
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirm: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });

/** The one answer to every well-formed request, whether or not the address has an account. */
export const RESET_REQUESTED_MESSAGE =
  "If that address has a staff account, we have emailed a link to choose a new password. It works once, for one hour. Check your inbox (and spam folder).";

export type ForgotPasswordState = {
  status: "idle" | "error" | "sent";
  message?: string;
  fieldErrors?: Partial<Record<"email", string>>;
  email?: string;
};

export type NewPasswordState = {
  status: "idle" | "error" | "invalid-token" | "done";
  message?: string;
  fieldErrors?: Partial<Record<"password" | "confirm", string>>;
};

/** The page the emailed link opens: on the configured site, never a request's own Host. */
export function resetPasswordUrl(siteUrl: string, token: string): string {
  return `${siteUrl.replace(/\/+$/, "")}/console/reset-password/${encodeURIComponent(token)}`;
}

/** Better Auth's tokens (generateId(24)): letters and digits. Anything else is not one. */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9]{16,64}$/;
