import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentStaff } from "@/app/(console)/auth";
import { safeReturnPath } from "@/lib/auth/sign-in-schema";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { signInAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // A return path can carry a filtered list's whole query.
  const query = await searchParams;
  const next = safeReturnPath(queryParam(query, "next", 2_000));
  const passwordChanged = queryParam(query, "reset", 10) === "done";
  if (await currentStaff()) redirect(next);
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-ink/10 bg-white p-8">
      <h1 className="text-2xl font-bold tracking-tight">Staff sign-in</h1>
      <p className="mt-2 text-ink/80">For Loomstack Academy staff. Accounts are created by an admin.</p>
      {passwordChanged && (
        <p role="status" className="mt-4 rounded-lg bg-emerald-50 px-4 py-3 text-emerald-950">
          Your password is changed, and every device that was signed in is signed out. Sign in with the new password.
        </p>
      )}
      <SignInForm action={signInAction} next={next} />
      <p className="mt-4">
        <Link href="/console/forgot-password" className="font-semibold text-brand underline underline-offset-2">
          Forgot password?
        </Link>
      </p>
    </div>
  );
}
