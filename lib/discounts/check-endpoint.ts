import { RateLimiterRes } from "rate-limiter-flexible";
import { rateLimitIpKey } from "../client-ip";
import type { Db } from "../db";
import type { LimiterStore, RateLimitRule, RateLimitVerdict } from "../rate-limit";
import { checkCode, CODE_MAX_LENGTH } from "./check";

/**
 * The as-you-type check behind /apply's code field (GET /api/codes/check?code=…&program=…).
 * Limited per client IP (the address server.ts stamps, lib/client-ip.ts), so it cannot be
 * used to try codes in bulk; the form's own submit checks again anyway.
 */

/** Typing with a 400 ms pause sends a handful of checks per code; 60 in 10 minutes is plenty. */
export const CODE_CHECK_RULE: RateLimitRule = { points: 60, durationSeconds: 10 * 60 };

export type CodeCheckLimiter = { consume(ip: string): Promise<RateLimitVerdict> };

export function codeCheckLimiter(store: LimiterStore, rule: RateLimitRule = CODE_CHECK_RULE): CodeCheckLimiter {
  const limiter = store.make("code-check:ip", rule);
  return {
    async consume(ip) {
      if (store.ready) await store.ready();
      try {
        await limiter.consume(rateLimitIpKey(ip));
        return { ok: true };
      } catch (error) {
        // A RateLimiterRes means "over the limit"; anything else is a store fault.
        if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        throw error;
      }
    },
  };
}

export type CodeCheckAnswer = { status: number; body: { ok: boolean; message: string }; retryAfterSeconds?: number };

export const TOO_MANY_CHECKS = "Too many code checks from your network. Wait a few minutes, or just send the form: the code is checked then too.";

/** One check: the limit first, then the code (an empty code answers without a lookup). */
export async function answerCodeCheck(
  deps: { db: Db; limiter: CodeCheckLimiter },
  req: { ip: string; code: string | null; program: string | null; now?: Date },
): Promise<CodeCheckAnswer> {
  const code = (req.code ?? "").slice(0, CODE_MAX_LENGTH + 20);
  if (!code.trim()) return { status: 200, body: { ok: false, message: "" } };
  const verdict = await deps.limiter.consume(req.ip);
  if (!verdict.ok) return { status: 429, body: { ok: false, message: TOO_MANY_CHECKS }, retryAfterSeconds: verdict.retryAfterSeconds };
  const program = req.program && /^[a-z0-9-]{1,80}$/.test(req.program) ? req.program : null;
  const result = await checkCode(deps.db, code, { program, now: req.now ?? new Date() });
  return { status: 200, body: { ok: result.ok, message: result.message } };
}
