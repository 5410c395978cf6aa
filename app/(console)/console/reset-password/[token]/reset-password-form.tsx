"use client";

import { useActionState } from "react";
import { Field } from "@/app/(console)/console/sign-in/sign-in-form";
import { MIN_PASSWORD_LENGTH, type NewPasswordState } from "@/lib/auth/password-reset-schema";
import { InvalidResetLink } from "./invalid-link";

type Props = { action: (state: NewPasswordState, data: FormData) => Promise<NewPasswordState>; token: string };

/** Works without JavaScript: a plain form post to the Server Action. */
export function ResetPasswordForm({ action, token }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "invalid-token") return <InvalidResetLink />;
  const err = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-6 space-y-5" noValidate aria-describedby={state.message ? "reset-error" : undefined}>
      <input type="hidden" name="token" value={token} />
      {state.message && (
        <p id="reset-error" role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </p>
      )}
      <Field
        id="password"
        label={`New password (at least ${MIN_PASSWORD_LENGTH} characters)`}
        error={err.password}
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
      />
      <Field id="confirm" label="New password again" error={err.confirm} type="password" autoComplete="new-password" />
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-full bg-brand px-6 font-semibold text-white disabled:opacity-60">
        {pending ? "Saving…" : "Save my new password"}
      </button>
    </form>
  );
}
