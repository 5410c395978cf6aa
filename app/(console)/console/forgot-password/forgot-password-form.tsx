"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/app/(console)/console/sign-in/sign-in-form";
import type { ForgotPasswordState } from "@/lib/auth/password-reset-schema";

type Props = { action: (state: ForgotPasswordState, data: FormData) => Promise<ForgotPasswordState> };

/** Works without JavaScript: a plain form post to the Server Action. */
export function ForgotPasswordForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "sent") {
    return (
      <div className="mt-6 space-y-4">
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-3 text-emerald-950">
          {state.message}
        </p>
        <p>
          <Link href="/console/sign-in" className="font-semibold text-brand underline underline-offset-2">
            Back to sign-in
          </Link>
        </p>
      </div>
    );
  }
  const err = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-6 space-y-5" noValidate aria-describedby={state.message ? "forgot-error" : undefined}>
      {state.message && (
        <p id="forgot-error" role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </p>
      )}
      <Field id="email" label="Email" error={err.email} type="email" autoComplete="username" defaultValue={state.email} />
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-full bg-brand px-6 font-semibold text-white disabled:opacity-60">
        {pending ? "Sending…" : "Email me a link"}
      </button>
      <p>
        <Link href="/console/sign-in" className="font-semibold text-brand underline underline-offset-2">
          Back to sign-in
        </Link>
      </p>
    </form>
  );
}
