import { RateLimiterRes } from "rate-limiter-flexible";
import { rateLimitIpKey } from "../client-ip";
import type { LimiterStore, RateLimitRule } from "../rate-limit";
import { normalizeAccount, parseRule, retryAfterText } from "./sign-in-guard";

export * from "./password-reset-schema";

/**
 * "Forgot password?" for staff: Better Auth's own reset flow (lib/auth/auth.ts wires it), with
 * the limits on asking for a link and the answers shown (the forms' schemas:
 * password-reset-schema.ts). The link is emailed through the outbox; it works once, for
 * RESET_TOKEN_SECONDS.
 */

export function tooManyResetRequestsMessage(retryAfterSeconds: number): string {
  return `Too many password reset requests. Try again in ${retryAfterText(retryAfterSeconds)}.`;
}

export type ResetRequestPolicy = { ip: RateLimitRule; account: RateLimitRule };

export const DEFAULT_RESET_REQUEST_POLICY: ResetRequestPolicy = {
  ip: { points: 10, durationSeconds: 60 * 60 },
  account: { points: 3, durationSeconds: 60 * 60 },
};

/** PASSWORD_RESET_LIMIT_IP and PASSWORD_RESET_LIMIT_ACCOUNT ("requests/seconds"); an invalid value throws. */
export function resetRequestPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ResetRequestPolicy {
  const d = DEFAULT_RESET_REQUEST_POLICY;
  return {
    ip: parseRule("PASSWORD_RESET_LIMIT_IP", env.PASSWORD_RESET_LIMIT_IP, d.ip),
    account: parseRule("PASSWORD_RESET_LIMIT_ACCOUNT", env.PASSWORD_RESET_LIMIT_ACCOUNT, d.account),
  };
}

export type ResetRequestVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface ResetRequestGuard {
  /** Counts one request for a link, per client IP and per address (known or not). Throws on a store fault. */
  consume(request: { account: string; ip: string }): Promise<ResetRequestVerdict>;
}

/**
 * Limits on asking for a reset link, in the app's rate-limit store. The address is counted
 * whether or not it has an account, so being limited says nothing about it.
 */
export function createResetRequestGuard(store: LimiterStore, policy: ResetRequestPolicy = resetRequestPolicyFromEnv()): ResetRequestGuard {
  const ipLimiter = store.make("password-reset:ip", policy.ip);
  const accountLimiter = store.make("password-reset:account", policy.account);
  return {
    async consume({ account, ip }) {
      if (store.ready) await store.ready();
      const results = await Promise.allSettled([ipLimiter.consume(rateLimitIpKey(ip)), accountLimiter.consume(normalizeAccount(account))]);
      let retryMs = 0;
      for (const r of results) {
        if (r.status === "fulfilled") continue;
        if (r.reason instanceof RateLimiterRes) retryMs = Math.max(retryMs, r.reason.msBeforeNext);
        else throw r.reason;
      }
      return retryMs > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) } : { ok: true };
    },
  };
}

/**
 * The least time a well-formed request takes to answer: an unknown address is answered after
 * one lookup, a known one after writing the token and queuing the email; waiting up to a
 * fixed floor hides that difference (a few milliseconds) behind the same delay.
 */
export const RESET_ANSWER_FLOOR_MS = 400;

export async function answerNoSoonerThan(startedMs: number, floorMs = RESET_ANSWER_FLOOR_MS, now = Date.now()): Promise<void> {
  const wait = startedMs + floorMs - now;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
