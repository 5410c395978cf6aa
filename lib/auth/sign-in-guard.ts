import { RateLimiterRes } from "rate-limiter-flexible";
import { rateLimitIpKey } from "../client-ip";
import type { LimiterStore, RateLimitRule } from "../rate-limit";

/**
 * Limits on password checks (staff sign-in and any other endpoint that verifies a password),
 * kept in the app's rate-limit store so they hold on every server and across restarts.
 *
 * Three rules, so guessing is slow but a stranger cannot lock the owner out:
 * - per client IP, any account;
 * - per account, any IP: well above what one IP can reach (accountLimitIsSafe), and
 *   addresses that signed in to the account before are exempt;
 * - per (account, IP) pair, a back-off (1 s, doubling, capped) after a few free failures;
 *   only that pair waits, and a success clears it.
 * The IP and account counters are taken atomically before the password check, so parallel
 * attempts cannot overshoot them; the back-off can be slipped in parallel, which the
 * per-IP limit bounds.
 */

export type BackoffRule = {
  /** Consecutive failures of a pair before any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further one. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
};

export type SignInPolicy = {
  ip: RateLimitRule;
  account: RateLimitRule;
  backoff: BackoffRule;
  /** How long a successful sign-in makes its address "known" for the account. */
  knownForSeconds: number;
  /** How long a pair's failures are remembered without a new one. */
  failureMemorySeconds: number;
};

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  ip: { points: 20, durationSeconds: 15 * 60 },
  account: { points: 50, durationSeconds: 15 * 60 },
  backoff: { freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60 },
  knownForSeconds: 30 * 24 * 60 * 60,
  failureMemorySeconds: 24 * 60 * 60,
};

export function parseRule(name: string, raw: string | undefined, fallback: RateLimitRule): RateLimitRule {
  if (!raw?.trim()) return fallback;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`${name} must look like "20/900" (attempts/seconds), not "${raw}".`);
  return { points: Number(m[1]), durationSeconds: Number(m[2]) };
}

/**
 * SIGNIN_LIMIT_IP and SIGNIN_LIMIT_ACCOUNT ("attempts/seconds") and SIGNIN_BACKOFF
 * ("free failures/first delay seconds/longest delay seconds"). An invalid value throws:
 * sign-in refuses to run on a guess.
 */
export function signInPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SignInPolicy {
  const d = DEFAULT_SIGN_IN_POLICY;
  let backoff = d.backoff;
  const raw = env.SIGNIN_BACKOFF?.trim();
  if (raw) {
    const m = /^(\d+)\/(\d+)\/(\d+)$/.exec(raw);
    if (!m || Number(m[2]) < 1 || Number(m[3]) < Number(m[2])) {
      throw new Error(`SIGNIN_BACKOFF must look like "5/1/900" (free failures/first delay seconds/longest delay seconds), not "${raw}".`);
    }
    backoff = { freeFailures: Number(m[1]), firstDelaySeconds: Number(m[2]), maxDelaySeconds: Number(m[3]) };
  }
  return {
    ...d,
    ip: parseRule("SIGNIN_LIMIT_IP", env.SIGNIN_LIMIT_IP, d.ip),
    account: parseRule("SIGNIN_LIMIT_ACCOUNT", env.SIGNIN_LIMIT_ACCOUNT, d.account),
    backoff,
  };
}

/**
 * Whether one IP, on its own, can never use up an account's limit. The windows are fixed and
 * start independently, so one account window can overlap ceil(account/ip) + 1 IP windows.
 */
export function accountLimitIsSafe(p: Pick<SignInPolicy, "ip" | "account">): boolean {
  const ipWindowsPerAccountWindow = Math.ceil(p.account.durationSeconds / p.ip.durationSeconds) + 1;
  return p.account.points > p.ip.points * ipWindowsPerAccountWindow;
}

/** How long a pair waits after its `consecutiveFailures`-th failure in a row, in seconds. */
export function backoffDelaySeconds(consecutiveFailures: number, rule: BackoffRule): number {
  const past = consecutiveFailures - rule.freeFailures;
  if (past <= 0) return 0;
  // 2 ** past overflows to Infinity long after the cap; Math.min handles that.
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** (past - 1));
}

export type SignInAttempt = { account: string; ip: string };
export type SignInVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; limit: "ip" | "account" | "backoff" };

export interface SignInGuard {
  /** Before a password is checked: counts the attempt; says whether it may go ahead. Throws on a store fault. */
  begin(attempt: SignInAttempt): Promise<SignInVerdict>;
  /** After it was checked: a failure lengthens the pair's back-off, a success clears it. */
  finish(attempt: SignInAttempt, outcome: "success" | "failure"): Promise<void>;
}

/** Trimmed and lower-cased, as Better Auth looks accounts up. */
export function normalizeAccount(account: string): string {
  return account.trim().toLowerCase();
}

export function createSignInGuard(store: LimiterStore, policy: SignInPolicy = signInPolicyFromEnv()): SignInGuard {
  const ipLimiter = store.make("signin:ip", policy.ip);
  const accountLimiter = store.make("signin:account", policy.account);
  // Consecutive failures per pair: a counter that is never "over" (no points limit in practice).
  const failures = store.make("signin:pair-failures", { points: Number.MAX_SAFE_INTEGER, durationSeconds: policy.failureMemorySeconds });
  // The pair's current wait: a key blocked for the wait's length.
  const waits = store.make("signin:pair-wait", { points: 1, durationSeconds: policy.backoff.maxDelaySeconds });
  // Addresses that signed in to the account: a key blocked for knownForSeconds.
  const known = store.make("signin:pair-known", { points: 1, durationSeconds: policy.knownForSeconds });

  const keysOf = (a: SignInAttempt) => {
    const account = normalizeAccount(a.account);
    const ip = rateLimitIpKey(a.ip);
    return { account, ip, pair: `${account}|${ip}` };
  };
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  /** Consumes one point; the wait in ms when over the limit, else 0. Store faults throw. */
  const take = async (limiter: ReturnType<LimiterStore["make"]>, key: string): Promise<number> => {
    try {
      await limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      throw rejection;
    }
  };

  return {
    async begin(attempt) {
      if (store.ready) await store.ready();
      const k = keysOf(attempt);
      const ipWait = await take(ipLimiter, k.ip);
      if (ipWait) return { ok: false, limit: "ip", retryAfterSeconds: seconds(ipWait) };
      const wait = await waits.get(k.pair);
      if (wait && wait.msBeforeNext > 0) return { ok: false, limit: "backoff", retryAfterSeconds: seconds(wait.msBeforeNext) };
      if (await known.get(k.pair)) return { ok: true };
      const accountWait = await take(accountLimiter, k.account);
      if (accountWait) return { ok: false, limit: "account", retryAfterSeconds: seconds(accountWait) };
      return { ok: true };
    },

    async finish(attempt, outcome) {
      if (store.ready) await store.ready();
      const k = keysOf(attempt);
      if (outcome === "success") {
        await Promise.all([failures.delete(k.pair), waits.delete(k.pair), known.block(k.pair, policy.knownForSeconds)]);
        return;
      }
      const res = await failures.consume(k.pair);
      const delay = backoffDelaySeconds(res.consumedPoints, policy.backoff);
      if (delay > 0) await waits.block(k.pair, delay);
    },
  };
}

/** "Try again in 3 minutes." / "… in 40 seconds." */
export function retryAfterText(retryAfterSeconds: number): string {
  if (retryAfterSeconds < 60) return `${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  return `Too many sign-in attempts. Try again in ${retryAfterText(retryAfterSeconds)}.`;
}
