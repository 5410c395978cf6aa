import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/app/(console)/auth";
import { safeReturnPath } from "@/lib/auth/sign-in-schema";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { signInAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // A return path can carry a filtered list's whole query.
  const next = safeReturnPath(queryParam(await searchParams, "next", 2_000));
  if (await currentStaff()) redirect(next);
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-ink/10 bg-white p-8">
      <h1 className="text-2xl font-bold tracking-tight">Staff sign-in</h1>
      <p className="mt-2 text-ink/80">For Loomstack Academy staff. Accounts are created by an admin.</p>
      <SignInForm action={signInAction} next={next} />
    </div>
  );
}
