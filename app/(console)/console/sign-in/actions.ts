"use server";

import { isAPIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/app/(console)/auth";
import { publicAction, type StateInput } from "@/lib/actions/client";
import { tooManyAttemptsMessage } from "@/lib/auth/sign-in-guard";
import { safeReturnPath, signInSchema, type SignInState } from "@/lib/auth/sign-in-schema";
import { fieldErrorsFrom } from "@/lib/leads/errors";

/**
 * Staff sign-in. The limits (per IP, per account, a back-off per account and address) are
 * enforced inside Better Auth (lib/auth/auth.ts), so this form and the HTTP endpoint share
 * one budget and each attempt counts once.
 *
 * Both actions are public on purpose (built with publicAction, which checks their arguments
 * before use): signing in is how a session starts.
 */
export const signInAction = publicAction.stateAction(
  {
    name: "signInAction",
    malformed: (): SignInState => ({ status: "error", message: "We could not read this form. Reload the page and sign in again." }),
  },
  signIn,
);

async function signIn({ formData }: StateInput): Promise<SignInState> {
  const raw = { email: formData.get("email"), password: formData.get("password") };
  const email = typeof raw.email === "string" ? raw.email.slice(0, 254) : "";
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsFrom(parsed.error.issues), email };

  try {
    await getAuth().api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 429) {
      const retry = Number((error.body as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
      return { status: "error", message: tooManyAttemptsMessage(Number.isFinite(retry) && retry > 0 ? retry : 60), email };
    }
    if (isAPIError(error) && error.statusCode < 500) return { status: "error", message: "That email and password do not match a staff account.", email };
    if (!isAPIError(error)) console.error(`sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "error", message: "Sign-in is not working right now. Try again in a minute.", email };
  }
  const next = formData.get("next");
  redirect(safeReturnPath(next));
}

/** Signing out reads nothing from the post, so a call of any shape signs out. */
async function signOut(): Promise<never> {
  try {
    await getAuth().api.signOut({ headers: await headers() });
  } catch {
    // Already signed out.
  }
  redirect("/console/sign-in");
}

export const signOutAction = publicAction.formAction({ name: "signOutAction", malformed: signOut }, signOut);
