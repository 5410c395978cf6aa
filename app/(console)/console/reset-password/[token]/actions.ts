"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/app/(console)/auth";
import { publicAction, type StateInput } from "@/lib/actions/client";
import { newPasswordSchema, RESET_TOKEN_PATTERN, type NewPasswordState } from "@/lib/auth/password-reset";
import { fieldErrorsFrom } from "@/lib/leads/errors";

/**
 * Sets the new password with the emailed token (Better Auth's resetPassword): the token is
 * used up, and every session of the account is revoked. Then the person signs in with the
 * new password, through the sign-in page and its limits: the link alone never starts a
 * session. Public on purpose: the token is the credential.
 */
export const resetPasswordAction = publicAction.stateAction(
  {
    name: "resetPasswordAction",
    malformed: (): NewPasswordState => ({ status: "error", message: "We could not read this form. Open the link from the email again." }),
  },
  resetPassword,
);

async function resetPassword({ formData }: StateInput): Promise<NewPasswordState> {
  const raw = { token: formData.get("token"), password: formData.get("password"), confirm: formData.get("confirm") };
  if (typeof raw.token !== "string" || !RESET_TOKEN_PATTERN.test(raw.token)) return { status: "invalid-token" };
  const parsed = newPasswordSchema.safeParse(raw);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsFrom(parsed.error.issues) };

  try {
    await getAuth().api.resetPassword({ body: { token: parsed.data.token, newPassword: parsed.data.password }, headers: await headers() });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 400) {
      const code = (error.body as { code?: unknown } | undefined)?.code;
      if (code === "PASSWORD_TOO_SHORT" || code === "PASSWORD_TOO_LONG") return { status: "error", fieldErrors: { password: error.message } };
      return { status: "invalid-token" };
    }
    console.error(`password reset failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "error", message: "Your password could not be changed right now. Try again in a minute." };
  }
  redirect("/console/sign-in?reset=done");
}
