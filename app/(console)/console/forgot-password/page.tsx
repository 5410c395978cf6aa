import type { Metadata } from "next";
import { requestPasswordResetAction } from "./actions";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-ink/10 bg-white p-8">
      <h1 className="text-2xl font-bold tracking-tight">Forgot your password?</h1>
      <p className="mt-2 text-ink/80">Enter the email address of your staff account. We will email you a link to choose a new password.</p>
      <ForgotPasswordForm action={requestPasswordResetAction} />
    </div>
  );
}
