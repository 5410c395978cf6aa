import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { admin } from "better-auth/plugins";
import { CLIENT_IP_HEADER, CLIENT_IP_STAMPED_ENV, clientIp } from "../client-ip";
import type { Db } from "../db";
import { dialectOf } from "../db/dialect";
import { queueEmail } from "../email/outbox";
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  RESET_TOKEN_SECONDS,
  resetPasswordUrl,
  tooManyResetRequestsMessage,
  type ResetRequestGuard,
} from "./password-reset";
import { roleOf } from "./roles";
import { tooManyAttemptsMessage, type SignInAttempt, type SignInGuard } from "./sign-in-guard";

/**
 * Staff sign-in with Better Auth: email and password (scrypt), sessions stored in the
 * database, roles from its admin plugin. Nobody can sign up: accounts are created by an
 * admin in the console or by `npm run staff:create`.
 */
export type AuthConfig = {
  db: Db;
  secret: string;
  /** The site's origin; requests from other origins are refused (CSRF). */
  baseURL: string;
  /**
   * Limits every password check (lib/auth/sign-in-guard.ts). The app always passes one
   * (app/(console)/auth.ts); scripts that only create accounts need none.
   */
  signInGuard?: SignInGuard;
  /**
   * Limits requests for a password reset link, per IP and per address (lib/auth/password-reset.ts).
   * The app always passes one; scripts that only create accounts need none.
   */
  resetRequestGuard?: ResetRequestGuard;
  /**
   * Where Better Auth reads the client's address (its own rate limits, the session's IP).
   * Default: server.ts's header when running under server.ts, else none (Better Auth then
   * has no address rather than a client-written one).
   */
  ipAddressHeaders?: string[];
  secureCookies?: boolean;
  /** Framework bindings (e.g. next-js cookies), added by the caller. */
  plugins?: Parameters<typeof betterAuth>[0]["plugins"];
};

export const SESSION_DAYS = 7;

/**
 * Better Auth endpoints that check a password, and where the account's address comes from.
 * The console uses only sign-in; the others are also switched off over HTTP (disabledPaths)
 * and are guarded in case code ever calls them through auth.api.
 */
const PASSWORD_CHECKS: Record<string, { field: string; account: "body" | "session" }> = {
  "/sign-in/email": { field: "password", account: "body" },
  "/change-password": { field: "currentPassword", account: "session" },
  "/verify-password": { field: "password", account: "session" },
  "/delete-user": { field: "password", account: "session" },
};

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** The attempt a request makes, or null when it checks no password (nothing to count). */
async function passwordAttempt(ctx: HookContext): Promise<SignInAttempt | null> {
  const check = ctx.path ? PASSWORD_CHECKS[ctx.path] : undefined;
  if (!check) return null;
  const body = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Record<string, unknown>;
  if (typeof body[check.field] !== "string") return null; // refused by the endpoint's own schema
  let account: unknown = body.email;
  if (check.account === "session") account = (await getSessionFromCtx(ctx))?.user.email;
  if (typeof account !== "string" || !account.trim()) return null;
  return { account, ip: clientIp(ctx.headers ?? new Headers()) };
}

/** The default ipAddressHeaders: ours when server.ts stamps it, else none. */
export function defaultIpAddressHeaders(env: NodeJS.ProcessEnv = process.env): string[] {
  return env[CLIENT_IP_STAMPED_ENV] === "1" ? [CLIENT_IP_HEADER] : [];
}

type StaffUser = { id: string; email: string; name?: string | null; role?: string | null; banned?: boolean | null };

/** A staff account that may sign in: a known role and not disabled (Better Auth's ban). */
const isActiveStaff = (u: StaffUser | null | undefined): u is StaffUser => !!u && !u.banned && roleOf(u.role) !== null;

/**
 * Runs every password check through the sign-in guard, for the HTTP endpoint and for direct
 * `auth.api` calls alike (Better Auth runs hooks for both, once per call): before, the
 * attempt is counted and may be refused (429 with Retry-After); after, its outcome feeds the
 * back-off. A store fault refuses the attempt (503): a fault never means "no limit".
 *
 * Password resets: a request for a link is counted by the reset guard (per IP and per
 * address, known or not) before Better Auth looks the address up; a new password is refused
 * for a disabled account, as if the link were invalid.
 */
function guardHooks(c: AuthConfig) {
  const guard = c.signInGuard;
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path === "/request-password-reset") return limitResetRequest(ctx, c.resetRequestGuard);
      if (ctx.path === "/reset-password") return refuseDisabledReset(ctx);
      if (!guard) return;
      const attempt = await passwordAttempt(ctx);
      if (!attempt) return;
      let verdict;
      try {
        verdict = await guard.begin(attempt);
      } catch (error) {
        console.error(`sign-in guard: the rate-limit store failed (${error instanceof Error ? error.message : String(error)}); attempt refused`);
        throw new APIError("SERVICE_UNAVAILABLE", { code: "SIGN_IN_UNAVAILABLE", message: "Sign-in is not available right now. Try again in a minute." });
      }
      if (!verdict.ok) {
        throw new APIError(
          "TOO_MANY_REQUESTS",
          { code: "TOO_MANY_ATTEMPTS", message: tooManyAttemptsMessage(verdict.retryAfterSeconds), retryAfterSeconds: verdict.retryAfterSeconds },
          { "Retry-After": String(verdict.retryAfterSeconds) },
        );
      }
    }),
    // Runs only when the before hook let the attempt through (a refusal ends the call).
    after: createAuthMiddleware(async (ctx) => {
      if (!guard) return;
      const attempt = await passwordAttempt(ctx);
      if (!attempt) return;
      try {
        await guard.finish(attempt, isAPIError(ctx.context.returned) ? "failure" : "success");
      } catch (error) {
        // The answer is decided; a lost back-off step is not worth failing it for.
        console.error(`sign-in guard: could not record the outcome (${error instanceof Error ? error.message : String(error)})`);
      }
    }),
  };
}

async function limitResetRequest(ctx: HookContext, guard: ResetRequestGuard | undefined) {
  if (!guard) return;
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== "string" || !email.trim()) return; // refused by the endpoint's own schema
  let verdict;
  try {
    verdict = await guard.consume({ account: email, ip: clientIp(ctx.headers ?? new Headers()) });
  } catch (error) {
    console.error(`password reset: the rate-limit store failed (${error instanceof Error ? error.message : String(error)}); request refused`);
    throw new APIError("SERVICE_UNAVAILABLE", { code: "RESET_UNAVAILABLE", message: "Password reset is not available right now. Try again in a minute." });
  }
  if (!verdict.ok) {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "TOO_MANY_RESET_REQUESTS", message: tooManyResetRequestsMessage(verdict.retryAfterSeconds), retryAfterSeconds: verdict.retryAfterSeconds },
      { "Retry-After": String(verdict.retryAfterSeconds) },
    );
  }
}

/** A link sent before the account was disabled must not set its password. */
async function refuseDisabledReset(ctx: HookContext) {
  const body = (ctx.body ?? {}) as { token?: unknown };
  const token = typeof body.token === "string" ? body.token : (ctx.query as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string" || !token) return; // refused by the endpoint
  const verification = await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  if (!verification) return; // refused by the endpoint
  const user = (await ctx.context.internalAdapter.findUserById(verification.value)) as StaffUser | null;
  if (!isActiveStaff(user)) throw new APIError("BAD_REQUEST", { code: "INVALID_TOKEN", message: "Invalid token" });
}

/**
 * Better Auth's sendResetPassword: the link goes into the outbox (exactly once per token),
 * never straight to the transport, and points at the configured site. A disabled account, or
 * one without a staff role, gets nothing; the caller's answer is the same either way.
 */
function queueResetEmail(c: AuthConfig) {
  return async ({ user, token }: { user: StaffUser; token: string }) => {
    if (!isActiveStaff(user)) return;
    const expiresAt = new Date(Date.now() + RESET_TOKEN_SECONDS * 1000).toISOString();
    await c.db.$transaction((tx) =>
      queueEmail(tx, {
        to: user.email,
        template: "password-reset",
        data: { name: user.name ?? null, url: resetPasswordUrl(c.baseURL, token), expiresAt },
        category: "transactional",
        idempotencyKey: `password-reset:${token}`,
      }),
    );
  };
}

export function createAuth(c: AuthConfig) {
  return betterAuth({
    appName: "Loomstack Academy console",
    secret: c.secret,
    baseURL: c.baseURL,
    trustedOrigins: [c.baseURL],
    database: prismaAdapter(c.db, { provider: dialectOf(c.db).authProvider }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // "Forgot password?" (lib/auth/password-reset.ts): a link that works once, for an hour;
      // using it signs the account out everywhere.
      sendResetPassword: queueResetEmail(c),
      resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    // Password checks that the console does not use are not served over HTTP at all, nor is
    // the reset flow: the console's Server Actions call it (auth.api), under the same hooks.
    disabledPaths: [...Object.keys(PASSWORD_CHECKS).filter((p) => p !== "/sign-in/email"), "/request-password-reset", "/reset-password"],
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      // Sign-in is limited by the guard (per IP, per account, back-off per pair), on every
      // path into it; Better Auth's own rule would only see the HTTP endpoint.
      customRules: c.signInGuard ? { "/sign-in/email": false } : {},
    },
    hooks: guardHooks(c),
    advanced: {
      ipAddress: { ipAddressHeaders: c.ipAddressHeaders ?? defaultIpAddressHeaders() },
      useSecureCookies: c.secureCookies ?? false,
      // HttpOnly and SameSite=Lax are Better Auth's defaults; Secure follows useSecureCookies.
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [admin({ defaultRole: "staff", adminRoles: ["admin"] }), ...(c.plugins ?? [])],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const DEV_SECRET = "loomstack-dev-secret-not-for-production-0123456789";

/** BETTER_AUTH_SECRET; a fixed development value outside production; an error in production without one. */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.BETTER_AUTH_SECRET?.trim();
  if (secret) {
    if (secret.length < 32) throw new Error("BETTER_AUTH_SECRET must be at least 32 characters.");
    return secret;
  }
  if (env.NODE_ENV === "production") {
    throw new Error("Set BETTER_AUTH_SECRET (32+ random characters) to run the staff console in production. `npm run site` writes one to .env.");
  }
  return DEV_SECRET;
}

/** Creates a staff account with a password (scrypt-hashed by Better Auth). */
export async function createStaffUser(auth: Auth, u: { email: string; name: string; password: string; role: "admin" | "staff" }) {
  const ctx = await auth.$context;
  const email = u.email.trim().toLowerCase();
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new Error(`A staff account for ${email} already exists.`);
  if (u.password.length < MIN_PASSWORD_LENGTH) throw new Error(`Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  const user = await ctx.internalAdapter.createUser({ email, name: u.name.trim(), role: u.role, emailVerified: true }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await ctx.password.hash(u.password) });
  return user;
}

/**
 * Whether a reset link's token can still set a password: Better Auth's record of it exists
 * (it is deleted when used), has not expired, and the account is active staff. For the page
 * the link opens; Better Auth checks again when the new password is posted.
 */
export async function resetTokenIsUsable(auth: Auth, token: string, now = new Date()): Promise<boolean> {
  const ctx = await auth.$context;
  const verification = await ctx.internalAdapter.findVerificationValue(`reset-password:${token}`);
  if (!verification || verification.expiresAt < now) return false;
  return isActiveStaff((await ctx.internalAdapter.findUserById(verification.value)) as StaffUser | null);
}
