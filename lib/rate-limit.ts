import Database from "better-sqlite3";
import { RateLimiterMemory, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { isPostgresUrl, resolveDatabaseUrl } from "./db/url";
import type { FormType } from "./leads/form-types";

/** What is being limited: a form, or staff sign-in. */
export type LimitedAction = FormType | "signin";

/**
 * Per-form rate limits, per client IP and per person (email or phone), stored in the
 * database so they survive a restart (rate-limiter-flexible's SQLite store, on the same
 * file as the app's data).
 */
export type RateLimitRule = { points: number; durationSeconds: number };

export const DEFAULT_RULES = {
  ip: { points: 30, durationSeconds: 10 * 60 },
  identity: { points: 6, durationSeconds: 10 * 60 },
} satisfies Record<string, RateLimitRule>;

export type RateLimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface FormRateLimiter {
  /** Counts one attempt; says whether it is allowed. */
  consume(formType: LimitedAction, keys: { ip: string; identity?: string }): Promise<RateLimitVerdict>;
}

type Rules = { ip: RateLimitRule; identity: RateLimitRule };

/** Reads RATE_LIMIT_IP / RATE_LIMIT_IDENTITY as "points/seconds", e.g. "30/600". */
export function rulesFromEnv(env: NodeJS.ProcessEnv = process.env): Rules {
  const parse = (v: string | undefined, fallback: RateLimitRule): RateLimitRule => {
    const m = v && /^(\d+)\/(\d+)$/.exec(v.trim());
    return m ? { points: Number(m[1]), durationSeconds: Number(m[2]) } : fallback;
  };
  return { ip: parse(env.RATE_LIMIT_IP, DEFAULT_RULES.ip), identity: parse(env.RATE_LIMIT_IDENTITY, DEFAULT_RULES.identity) };
}

class LimiterSet implements FormRateLimiter {
  private limiters = new Map<string, RateLimiterAbstract>();
  constructor(
    private readonly make: (keyPrefix: string, rule: RateLimitRule) => RateLimiterAbstract,
    private readonly rules: Rules,
  ) {}

  private limiter(formType: LimitedAction, kind: "ip" | "identity") {
    const prefix = `${formType}:${kind}`;
    let l = this.limiters.get(prefix);
    if (!l) {
      l = this.make(prefix, this.rules[kind]);
      this.limiters.set(prefix, l);
    }
    return l;
  }

  async consume(formType: LimitedAction, keys: { ip: string; identity?: string }): Promise<RateLimitVerdict> {
    const attempts: Promise<RateLimiterRes>[] = [this.limiter(formType, "ip").consume(keys.ip)];
    if (keys.identity) attempts.push(this.limiter(formType, "identity").consume(keys.identity.toLowerCase()));
    const results = await Promise.allSettled(attempts);
    let retryMs = 0;
    for (const r of results) {
      if (r.status === "fulfilled") continue;
      // A rejection with a RateLimiterRes means "over the limit"; anything else is a store fault.
      if (r.reason instanceof RateLimiterRes) retryMs = Math.max(retryMs, r.reason.msBeforeNext);
      else throw r.reason;
    }
    return retryMs > 0 ? { ok: false, retryAfterSeconds: Math.ceil(retryMs / 1000) } : { ok: true };
  }
}

/** How often expired counters are deleted from the SQLite store. */
export const PRUNE_INTERVAL_MS = 5 * 60_000;

/** Deletes counters whose window ended before `beforeMs`; returns how many went. */
export function pruneExpiredSqlite(client: Database.Database, beforeMs = Date.now()): number {
  return client.prepare("DELETE FROM rate_limits WHERE expire IS NOT NULL AND expire < ?").run(beforeMs).changes;
}

/** Limits stored in a SQLite file (the app's own database by default). */
export function createSqliteRateLimiter(file: string, rules: Rules = rulesFromEnv()): FormRateLimiter {
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("busy_timeout = 5000");
  // Create the store's table up front (the library would do it asynchronously, racing the
  // first request). Same definition as rate-limiter-flexible's own.
  client.exec("CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)");
  // Counters for windows that have ended are dead weight: one timer per process deletes them
  // (the library's own would run once per limiter, twelve full scans every five minutes).
  const prune = setInterval(() => {
    try {
      pruneExpiredSqlite(client);
    } catch (error) {
      console.error("rate limit prune failed", error);
    }
  }, PRUNE_INTERVAL_MS);
  prune.unref();
  return new LimiterSet(
    (keyPrefix, rule) =>
      new RateLimiterSQLite({
        storeClient: client,
        storeType: "better-sqlite3",
        tableName: "rate_limits",
        tableCreated: true,
        keyPrefix,
        points: rule.points,
        duration: rule.durationSeconds,
      }),
    rules,
  );
}

/** In-process limits, for unit tests only: they do not survive a restart. */
export function createMemoryRateLimiter(rules: Rules = rulesFromEnv()): FormRateLimiter {
  return new LimiterSet((keyPrefix, rule) => new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.durationSeconds }), rules);
}

const globalForLimiter = globalThis as unknown as { __loomstackLimiter?: FormRateLimiter };

/** The app's limiter, on the database DATABASE_URL points at. */
export function rateLimiter(): FormRateLimiter {
  if (!globalForLimiter.__loomstackLimiter) {
    const url = resolveDatabaseUrl();
    if (isPostgresUrl(url)) throw new Error("PostgreSQL rate limits are not wired up yet.");
    globalForLimiter.__loomstackLimiter = createSqliteRateLimiter(url.slice("file:".length));
  }
  return globalForLimiter.__loomstackLimiter;
}
