import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin } from "better-auth/plugins";
import { dbProvider, type Db } from "../db";

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
  /** Sign-in attempts per IP per window. */
  signInLimit?: { window: number; max: number };
  secureCookies?: boolean;
  /** Framework bindings (e.g. next-js cookies), added by the caller. */
  plugins?: Parameters<typeof betterAuth>[0]["plugins"];
};

export const SESSION_DAYS = 7;

export function createAuth(c: AuthConfig) {
  const limit = c.signInLimit ?? { window: 60, max: 5 };
  return betterAuth({
    appName: "Loomstack Academy console",
    secret: c.secret,
    baseURL: c.baseURL,
    trustedOrigins: [c.baseURL],
    database: prismaAdapter(c.db, { provider: dbProvider(c.db) === "postgres" ? "postgresql" : "sqlite" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": limit },
    },
    advanced: {
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

/** "5/60": attempts per seconds, from AUTH_SIGNIN_LIMIT. */
export function signInLimitFromEnv(env: NodeJS.ProcessEnv = process.env): { window: number; max: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(env.AUTH_SIGNIN_LIMIT?.trim() ?? "");
  return m ? { max: Number(m[1]), window: Number(m[2]) } : undefined;
}

/** Creates a staff account with a password (scrypt-hashed by Better Auth). */
export async function createStaffUser(auth: Auth, u: { email: string; name: string; password: string; role: "admin" | "staff" }) {
  const ctx = await auth.$context;
  const email = u.email.trim().toLowerCase();
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new Error(`A staff account for ${email} already exists.`);
  if (u.password.length < 12) throw new Error("Use a password of at least 12 characters.");
  const user = await ctx.internalAdapter.createUser({ email, name: u.name.trim(), role: u.role, emailVerified: true }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await ctx.password.hash(u.password) });
  return user;
}
