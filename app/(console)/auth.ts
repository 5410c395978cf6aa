/**
 * The Next.js side of staff sign-in: the Better Auth instance with Next's cookie binding,
 * and the checks every console page, Server Action and route handler starts with. Kept here,
 * next to the routes, so lib/ stays free of Next imports. Server Actions are public
 * endpoints: each is built with `staffAction(permission)`, whose middleware checks the
 * session and role before the body runs; the proxy's redirect is only a convenience.
 */
import { nextCookies } from "better-auth/next-js";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { createStaffAction, FORBIDDEN_MESSAGE, SIGNED_OUT_MESSAGE } from "@/lib/actions/client";
import { authSecret, createAuth, type Auth } from "@/lib/auth/auth";
import { createResetRequestGuard, resetRequestPolicyFromEnv } from "@/lib/auth/password-reset";
import { can, roleOf, type Permission, type Role } from "@/lib/auth/roles";
import { accountLimitIsSafe, createSignInGuard, signInPolicyFromEnv } from "@/lib/auth/sign-in-guard";
import { db } from "@/lib/db";
import { limiterStore } from "@/lib/rate-limit";
import { siteUrl } from "@/lib/site-config";

const globalForAuth = globalThis as unknown as { __loomstackAuth?: Auth };

/** Created on first use (not at build time, when there may be no secret). */
export function getAuth(): Auth {
  if (!globalForAuth.__loomstackAuth) {
    const policy = signInPolicyFromEnv();
    if (!accountLimitIsSafe(policy)) {
      console.warn(
        "WARNING: SIGNIN_LIMIT_ACCOUNT is low enough for one IP address to use it up and keep the account's owner out. Raise it above SIGNIN_LIMIT_IP × (its windows per account window + 1).",
      );
    }
    globalForAuth.__loomstackAuth = createAuth({
      db: db(),
      secret: authSecret(),
      baseURL: siteUrl(),
      signInGuard: createSignInGuard(limiterStore(), policy),
      resetRequestGuard: createResetRequestGuard(limiterStore(), resetRequestPolicyFromEnv()),
      secureCookies: siteUrl().startsWith("https://"),
      plugins: [nextCookies()],
    });
  }
  return globalForAuth.__loomstackAuth;
}

export type Staff = { id: string; name: string; email: string; role: Role };

/** The signed-in staff member, or null (anonymous, expired, banned, or no known role). */
export async function currentStaff(): Promise<Staff | null> {
  const session = await getAuth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const role = roleOf((session.user as { role?: string | null }).role);
  if (!role || (session.user as { banned?: boolean | null }).banned) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email, role };
}

const signInPage = (returnTo: string) => `/console/sign-in?next=${encodeURIComponent(returnTo)}`;

/** For pages: anonymous → the sign-in page (coming back here after); no permission → 403. */
export async function requireStaffPage(permission: Permission, returnTo = "/console"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(signInPage(returnTo));
  if (!can(staff.role, permission)) forbidden();
  return staff;
}

/**
 * For Server Actions: `staffAction("leads:work").formAction(answers, body)` (lib/actions/client.ts).
 * Anonymous → the sign-in page, coming back to the action's `returnTo`; no permission → the
 * action's `forbidden` answer. Either way the body never runs.
 */
export const staffAction = createStaffAction({ currentStaff, signIn: (returnTo) => redirect(signInPage(returnTo)) });

/** Route handlers: 401/403 as JSON, or run. */
export async function withPermission(permission: Permission, run: (staff: Staff) => Promise<Response>): Promise<Response> {
  const staff = await currentStaff();
  if (!staff) return Response.json({ error: SIGNED_OUT_MESSAGE }, { status: 401 });
  if (!can(staff.role, permission)) return Response.json({ error: FORBIDDEN_MESSAGE }, { status: 403 });
  return run(staff);
}
