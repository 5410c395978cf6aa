"use client";

import { useActionState } from "react";
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
      <div>
        <label htmlFor="email" className="block font-semibold">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={err.email ? true : undefined}
          aria-describedby={err.email ? "email-error" : undefined}
          className="mt-1 block min-h-11 w-full rounded-lg border border-ink/30 bg-white px-3"
        />
        {err.email && (
          <p id="email-error" className="mt-1 text-sm text-red-800">
            {err.email}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="block font-semibold">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={err.password ? true : undefined}
          aria-describedby={err.password ? "password-error" : undefined}
          className="mt-1 block min-h-11 w-full rounded-lg border border-ink/30 bg-white px-3"
        />
        {err.password && (
          <p id="password-error" className="mt-1 text-sm text-red-800">
            {err.password}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-full bg-brand px-6 font-semibold text-white disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
