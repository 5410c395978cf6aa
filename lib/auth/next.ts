/**
 * The Next.js side of staff sign-in: the Better Auth instance with Next's cookie binding,
 * and the checks every console page, Server Action and route handler starts with.
 * Server Actions are public endpoints, so each checks the session itself; the proxy's
 * redirect is only a convenience.
 */
import { nextCookies } from "better-auth/next-js";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "../db";
import { siteUrl } from "../site-config";
import { limiterStore } from "../rate-limit";
import { authSecret, createAuth, type Auth } from "./auth";
import { accountLimitIsSafe, createSignInGuard, signInPolicyFromEnv } from "./sign-in-guard";
import { can, roleOf, type Permission, type Role } from "./roles";

const globalForAuth = globalThis as unknown as { __loomstackAuth?: Auth };

/** Created on first use (not at build time, when there may be no secret). */
export function getAuth(): Auth {
  if (!globalForAuth.__loomstackAuth) {
    const policy = signInPolicyFromEnv();
    if (!accountLimitIsSafe(policy)) {
      console.warn("WARNING: SIGNIN_LIMIT_ACCOUNT is low enough for one IP address to use it up and keep the account's owner out. Raise it above SIGNIN_LIMIT_IP × (its windows per account window + 1).");
    }
    globalForAuth.__loomstackAuth = createAuth({
      db: db(),
      secret: authSecret(),
      baseURL: siteUrl(),
      signInGuard: createSignInGuard(limiterStore(), policy),
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

/** For pages: anonymous → the sign-in page (coming back here after); no permission → 403. */
export async function requireStaffPage(permission: Permission, returnTo = "/console"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(`/console/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!can(staff.role, permission)) forbidden();
  return staff;
}

export type Denied = { ok: false; status: 401 | 403; error: string };

/** For Server Actions and route handlers: the staff member, or why not. */
export async function authorize(permission: Permission): Promise<Staff | Denied> {
  const staff = await currentStaff();
  if (!staff) return { ok: false, status: 401, error: "Your session has ended. Sign in again." };
  if (!can(staff.role, permission)) return { ok: false, status: 403, error: "Your role does not allow this." };
  return staff;
}

export function isDenied(x: Staff | Denied): x is Denied {
  return "ok" in x && x.ok === false;
}

/** Route handlers: 401/403 as JSON, or run. */
export async function withPermission(permission: Permission, run: (staff: Staff) => Promise<Response>): Promise<Response> {
  const who = await authorize(permission);
  if (isDenied(who)) return Response.json({ error: who.error }, { status: who.status });
  return run(who);
}
