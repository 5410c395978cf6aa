import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimiterStore, RateLimitRule } from "@/lib/rate-limit";

/**
 * An in-memory limiter store on a clock the test controls: rate-limiter-flexible's
 * semantics (fixed windows from the first consume, `block` = points + 1 until it expires,
 * over-limit consumes rejected with a RateLimiterRes), without reading Date.now.
 */
export function clockedLimiterStore(now: () => number): LimiterStore {
  const entries = new Map<string, { consumed: number; expiresAt: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (!e || e.expiresAt <= now()) return undefined;
    return e;
  };
  const make = (keyPrefix: string, rule: RateLimitRule) => {
    const k = (key: string) => `${keyPrefix}:${key}`;
    const res = (e: { consumed: number; expiresAt: number }, first = false) =>
      new RateLimiterRes(Math.max(0, rule.points - e.consumed), e.expiresAt - now(), e.consumed, first);
    const limiter = {
      points: rule.points,
      async consume(key: string, points = 1) {
        let e = live(k(key));
        const first = !e;
        if (!e) {
          e = { consumed: 0, expiresAt: now() + rule.durationSeconds * 1000 };
          entries.set(k(key), e);
        }
        e.consumed += points;
        if (e.consumed > rule.points) throw res(e);
        return res(e, first);
      },
      async get(key: string) {
        const e = live(k(key));
        return e ? res(e) : null;
      },
      async block(key: string, secDuration: number) {
        const e = { consumed: rule.points + 1, expiresAt: now() + secDuration * 1000 };
        entries.set(k(key), e);
        return res(e);
      },
      async delete(key: string) {
        return entries.delete(k(key));
      },
    };
    return limiter as unknown as RateLimiterAbstract;
  };
  return { make, close: async () => {} };
}

/** A clock for tests: starts at a fixed instant and moves only when told. */
export function testClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
