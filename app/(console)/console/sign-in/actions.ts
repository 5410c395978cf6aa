"use server";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/next";
import { clientIp } from "@/lib/client-ip";
import { safeReturnPath, signInSchema, type SignInState } from "@/lib/auth/sign-in-schema";
import { fieldErrorsFrom } from "@/lib/leads/submit-lead";
import { rateLimiter } from "@/lib/rate-limit";

/**
 * Staff sign-in. Limited per IP and per email address in the database (the same store as
 * the public forms), so guessing passwords is slow on every server and across restarts.
 */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const raw = { email: formData.get("email"), password: formData.get("password") };
  const email = typeof raw.email === "string" ? raw.email.slice(0, 254) : "";
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsFrom(parsed.error.issues), email };

  const h = await headers();
  const verdict = await rateLimiter().consume("signin", { ip: clientIp(h), identity: parsed.data.email });
  if (!verdict.ok) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60));
    return { status: "error", message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, email };
  }
  try {
    await getAuth().api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: h });
  } catch (error) {
    if (error instanceof APIError) return { status: "error", message: "That email and password do not match a staff account.", email };
    console.error("sign-in failed", error);
    return { status: "error", message: "Sign-in is not working right now. Try again in a minute.", email };
  }
  redirect(safeReturnPath(formData.get("next")));
}

export async function signOutAction() {
  try {
    await getAuth().api.signOut({ headers: await headers() });
  } catch {
    // Already signed out.
  }
  redirect("/console/sign-in");
}
