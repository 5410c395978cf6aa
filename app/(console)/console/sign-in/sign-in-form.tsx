"use client";

import { useActionState, type InputHTMLAttributes } from "react";
import { FieldError, fieldAria } from "@/components/console/fields";
import type { SignInState } from "@/lib/auth/sign-in-schema";

type Props = { action: (state: SignInState, data: FormData) => Promise<SignInState>; next: string };

/** Works without JavaScript: a plain form post to the Server Action. */
export function SignInForm({ action, next }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const err = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-6 space-y-5" noValidate aria-describedby={state.message ? "sign-in-error" : undefined}>
      <input type="hidden" name="next" value={next} />
      {state.message && (
        <p id="sign-in-error" role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </p>
      )}
      <Field id="email" label="Email" error={err.email} type="email" autoComplete="username" defaultValue={state.email} />
      <Field id="password" label="Password" error={err.password} type="password" autoComplete="current-password" />
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-full bg-brand px-6 font-semibold text-white disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function Field({ id, label, error, ...input }: { id: string; label: string; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <input
        id={id}
        name={id}
        required
        {...input}
        {...fieldAria(id, { error })}
        className="mt-1 block min-h-11 w-full rounded-lg border border-ink/30 bg-white px-3"
      />
      <FieldError id={id} error={error} />
    </div>
  );
}
