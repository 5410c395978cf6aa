import type { Metadata } from "next";
import { getAuth } from "@/app/(console)/auth";
import { resetTokenIsUsable } from "@/lib/auth/auth";
import { RESET_TOKEN_PATTERN } from "@/lib/auth/password-reset";
import { resetPasswordAction } from "./actions";
import { InvalidResetLink } from "./invalid-link";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the path: no Referer carries it to another site ("no-referrer" would also
// make the browser send "Origin: null" with the form, which the CSRF check refuses).
export const metadata: Metadata = { title: "Choose a new password", referrer: "same-origin" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = RESET_TOKEN_PATTERN.test(token) && (await resetTokenIsUsable(getAuth(), token));
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-ink/10 bg-white p-8">
      <h1 className="text-2xl font-bold tracking-tight">{usable ? "Choose a new password" : "This reset link no longer works"}</h1>
      {usable ? (
        <>
          <p className="mt-2 text-ink/80">Once it is saved, every device signed in to your account is signed out, and you sign in with the new password.</p>
          <ResetPasswordForm action={resetPasswordAction} token={token} />
        </>
      ) : (
        <InvalidResetLink />
      )}
    </div>
  );
}
