import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { rateLimitIpKey } from "./client-ip";
import { isPostgresUrl, resolveDatabaseUrl } from "./db/url";
import type { FormType } from "./leads/form-types";

/** What is being limited: a form, or staff sign-in. */
export type LimitedAction = FormType | "signin";

/**
 * Per-form rate limits, per client IP and per person (email or phone), in a shared store so
 * they survive a restart and hold across app servers (rate-limiter-flexible): Redis when
 * REDIS_URL is set, else the app's database (PostgreSQL, or the SQLite file).
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

/** A limiter on a networked store, with its connections; close() is for tests and scripts. */
export type StoreRateLimiter = FormRateLimiter & { close(): Promise<void> };

/**
 * Where limits are kept: makes rate-limiter-flexible limiters (each with its own key prefix
 * and rule) on one store and its connections. The form limits and the staff sign-in guard
 * (lib/auth/sign-in-guard.ts) share the app's store.
 */
export type LimiterStore = {
  make(keyPrefix: string, rule: RateLimitRule): RateLimiterAbstract;
  /** Runs before each use: waits until the store can answer (or throws). */
  ready?: () => Promise<void>;
  close(): Promise<void>;
};

class LimiterSet implements StoreRateLimiter {
  private limiters = new Map<string, RateLimiterAbstract>();
  constructor(
    readonly store: LimiterStore,
    private readonly rules: Rules,
  ) {}

  private limiter(formType: LimitedAction, kind: "ip" | "identity") {
    const prefix = `${formType}:${kind}`;
    let l = this.limiters.get(prefix);
    if (!l) {
      l = this.store.make(prefix, this.rules[kind]);
      this.limiters.set(prefix, l);
    }
    return l;
  }

  async consume(formType: LimitedAction, keys: { ip: string; identity?: string }): Promise<RateLimitVerdict> {
    if (this.store.ready) await this.store.ready();
    const attempts: Promise<RateLimiterRes>[] = [this.limiter(formType, "ip").consume(rateLimitIpKey(keys.ip))];
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

  close() {
    return this.store.close();
  }
}

/** A limiter's own options in rate-limiter-flexible's terms: its key prefix and rule. */
const limiterOptions = (keyPrefix: string, rule: RateLimitRule) => ({ keyPrefix, points: rule.points, duration: rule.durationSeconds });

/** The SQL stores keep counters in our "rate_limits" table, which each store creates up front. */
const OWN_TABLE = { tableName: "rate_limits", tableCreated: true } as const;

/** How often expired counters are deleted from the SQLite and PostgreSQL stores. */
export const PRUNE_INTERVAL_MS = 5 * 60_000;

/**
 * Runs `prune` every PRUNE_INTERVAL_MS, logging a failure rather than throwing it: one timer
 * per store (the library's own would run once per limiter, a full scan each). Returns the
 * function that stops it.
 */
function pruneEvery(prune: () => unknown): () => void {
  const run = async () => {
    try {
      await prune();
    } catch (error) {
      console.error("rate limit prune failed", error);
    }
  };
  const timer = setInterval(() => void run(), PRUNE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Deletes counters whose window ended before `beforeMs`; returns how many went. */
export function pruneExpiredSqlite(client: Database.Database, beforeMs = Date.now()): number {
  return client.prepare("DELETE FROM rate_limits WHERE expire IS NOT NULL AND expire < ?").run(beforeMs).changes;
}

/** How long a SQLite store's write waits for the file's write lock before it fails. */
export const SQLITE_LOCK_WAIT_MS = 5_000;

const isBusy = (error: unknown) => typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY");

/**
 * Runs a write on the store's connection; while another connection holds the file's write
 * lock, tries again a little later, for up to `waitMs`, then throws SQLITE_BUSY.
 *
 * The wait must not be SQLite's busy_timeout: better-sqlite3 is synchronous, so that wait
 * blocks the event loop. When the lock's holder is a Prisma transaction in this same process
 * (the app's client, between two of its statements), only the blocked event loop could finish
 * it: every submission arriving then froze the process for the whole timeout and failed
 * "database is locked" (docs/performance.md, "A stall on SQLite").
 */
async function whenUnlocked<T>(write: () => T | Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delayMs = 1; ; delayMs = Math.min(delayMs * 2, 20)) {
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    // Jittered, so writers that found the lock taken together do not all retry together.
    await new Promise((resolve) => setTimeout(resolve, delayMs * (0.5 + Math.random())));
  }
}

type SqliteWrites = {
  _upsert(...args: unknown[]): Promise<unknown>;
  _delete(...args: unknown[]): Promise<unknown>;
};
const librarySqliteWrites = RateLimiterSQLite.prototype as unknown as SqliteWrites;

/**
 * rate-limiter-flexible's SQLite limiter, with its two writes (`_upsert` for consume, block
 * and the like; `_delete`) waiting for the write lock without blocking the event loop. The
 * SQL, and so the counting across processes, is the library's.
 */
class NonBlockingSqliteLimiter extends RateLimiterSQLite {
  constructor(
    options: ConstructorParameters<typeof RateLimiterSQLite>[0],
    private readonly lockWaitMs: number,
  ) {
    super(options);
  }
  _upsert(...args: unknown[]) {
    return whenUnlocked(() => librarySqliteWrites._upsert.apply(this, args), this.lockWaitMs);
  }
  _delete(...args: unknown[]) {
    return whenUnlocked(() => librarySqliteWrites._delete.apply(this, args), this.lockWaitMs);
  }
}

/** A store in a SQLite file (the app's own database by default). */
export function sqliteLimiterStore(file: string, options: { lockWaitMs?: number } = {}): LimiterStore {
  if (typeof librarySqliteWrites._upsert !== "function" || typeof librarySqliteWrites._delete !== "function") {
    throw new Error("rate-limiter-flexible changed: its SQLite limiter has no _upsert/_delete to wrap (see lib/rate-limit.ts).");
  }
  const lockWaitMs = options.lockWaitMs ?? SQLITE_LOCK_WAIT_MS;
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("busy_timeout = 5000");
  // Create the store's table up front (the library would do it asynchronously, racing the
  // first request). Same definition as rate-limiter-flexible's own.
  client.exec("CREATE TABLE IF NOT EXISTS rate_limits (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)");
  // From here on, a write that finds the file locked fails at once and whenUnlocked waits
  // for it asynchronously: a blocking wait could be a wait on this very process.
  client.pragma("busy_timeout = 0");
  // Counters for windows that have ended are dead weight: one timer per process deletes them
  // (the library's own would run once per limiter, twelve full scans every five minutes).
  const stopPruning = pruneEvery(() => whenUnlocked(() => pruneExpiredSqlite(client), lockWaitMs));
  return {
    make: (keyPrefix, rule) =>
      new NonBlockingSqliteLimiter({ storeClient: client, storeType: "better-sqlite3", ...OWN_TABLE, ...limiterOptions(keyPrefix, rule) }, lockWaitMs),
    close: async () => {
      stopPruning();
      client.close();
    },
  };
}

/** Limits stored in a SQLite file (the app's own database by default). */
export function createSqliteRateLimiter(file: string, rules: Rules = rulesFromEnv(), options: { lockWaitMs?: number } = {}): StoreRateLimiter {
  return new LimiterSet(sqliteLimiterStore(file, options), rules);
}

/**
 * The PostgreSQL store's table, exactly as `prisma migrate diff` writes it on PostgreSQL for
 * a model `{ key String @id, points Int @default(0), expire BigInt? }` mapped to
 * "rate_limits", so a Prisma migration can own the table later without a drift. (The
 * schema's `RateLimit` model is Better Auth's "rateLimit" table, not this one.) The
 * library's own definition has `key varchar(255)`, which a valid 254-character email plus
 * the "redemption:identity:" prefix overflows; TEXT does not. `expire` is a Unix time in
 * milliseconds, hence BIGINT.
 */
export function postgresRateLimitTableSql(schema?: string): string {
  const table = schema ? `"${schema}"."rate_limits"` : `"rate_limits"`;
  return `CREATE TABLE IF NOT EXISTS ${table} (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
  )`;
}

type Queryable = Pick<Pool, "query">;

/** Deletes PostgreSQL counters whose window ended before `beforeMs`; returns how many went. */
export async function pruneExpiredPostgres(client: Queryable, beforeMs = Date.now(), schema?: string): Promise<number> {
  const table = schema ? `"${schema}"."rate_limits"` : `"rate_limits"`;
  const result = await client.query(`DELETE FROM ${table} WHERE expire IS NOT NULL AND expire < $1`, [beforeMs]);
  return result.rowCount ?? 0;
}

/** Prisma's `?schema=` URL parameter (the PostgreSQL schema its tables live in), if any. */
function prismaSchemaOf(url: string): string | undefined {
  const schema = new URL(url).searchParams.get("schema")?.trim();
  if (!schema || schema === "public") return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(schema)) throw new Error(`Unsupported PostgreSQL schema name in DATABASE_URL: ${schema}`);
  return schema;
}

/**
 * A store in PostgreSQL (the app's own database by default): every app server on the same
 * database shares it. Each consume is one atomic INSERT … ON CONFLICT DO UPDATE, so
 * concurrent requests on several servers cannot overshoot a limit.
 */
export function postgresLimiterStore(url: string, options: { poolMax?: number } = {}): LimiterStore {
  const schema = prismaSchemaOf(url);
  // A small pool of its own: a consume is one short statement.
  const pool = new Pool({
    connectionString: url,
    max: options.poolMax ?? 4,
    idleTimeoutMillis: 30_000,
    // A database that does not answer fails the request rather than hanging it.
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection dropped by the server emits "error" on the pool; unhandled, it would
  // crash the process. The next query simply opens a new connection. Once close() has begun,
  // the server ending a connection is expected, not worth a log line.
  let closing = false;
  pool.on("error", (error) => {
    if (!closing) console.error("rate limit store: idle PostgreSQL connection failed", error);
  });
  // The pool listens only while a connection is idle. One the server ends while the pool is
  // ending (or while it is checked out) emits "error" on the client itself: listen there too,
  // so no dropped connection can crash the process.
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      if (!closing) console.error("rate limit store: PostgreSQL connection failed", error);
    });
  });

  // The table is created before the first consume, not by the library in the background
  // (that races the first request, which then fails with "Table is not created yet").
  // Until it succeeds, each consume tries again (and fails if the database is down).
  let tableReady: Promise<void> | undefined;
  const ensureTable = () => {
    tableReady ??= pool.query(postgresRateLimitTableSql(schema)).then(
      () => undefined,
      async (error: unknown) => {
        // Servers creating the table at the same moment: IF NOT EXISTS does not prevent a
        // clash in the catalog, and the losers get 23505, 42P07 or 42710 once the winner has
        // committed. If the table is there now, that is all that was wanted.
        const table = schema ? `"${schema}"."rate_limits"` : `"rate_limits"`;
        const exists = await pool.query("SELECT to_regclass($1) IS NOT NULL AS ok", [table]).then(
          (r) => r.rows[0]?.ok === true,
          () => false,
        );
        if (exists) return;
        tableReady = undefined;
        throw error;
      },
    );
    return tableReady;
  };
  void ensureTable().catch(() => {}); // start now; a failure is reported by the first consume

  // One pruning timer per store (the library's own would run once per form and kind).
  const stopPruning = pruneEvery(() => pruneExpiredPostgres(pool, Date.now(), schema));

  return {
    make: (keyPrefix, rule) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        schemaName: schema,
        ...OWN_TABLE,
        clearExpiredByTimeout: false,
        ...limiterOptions(keyPrefix, rule),
      }),
    ready: ensureTable,
    close: async () => {
      closing = true;
      stopPruning();
      await pool.end();
    },
  };
}

/** Limits stored in PostgreSQL (see postgresLimiterStore). */
export function createPostgresRateLimiter(url: string, rules: Rules = rulesFromEnv(), options: { poolMax?: number } = {}): StoreRateLimiter {
  return new LimiterSet(postgresLimiterStore(url, options), rules);
}

/** How long a consume waits for Redis to (re)connect before it fails. */
export const REDIS_READY_TIMEOUT_MS = 3_000;

/** REDIS_KEY_PREFIX, default "loomstack": every key this app writes to Redis starts with it. */
export function redisKeyPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_KEY_PREFIX?.trim() || "loomstack";
}

/**
 * A store in Redis: every app server on the same Redis shares it. Keys are
 * `<prefix>:rl:<limiter prefix>:<value>` (for forms `<form>:<ip|identity>`) and expire with
 * their window (Redis TTL), so nothing needs pruning.
 */
export function redisLimiterStore(redisUrl: string, options: { keyPrefix?: string } = {}): LimiterStore {
  const prefix = options.keyPrefix ?? redisKeyPrefix();
  const client = new Redis(redisUrl, {
    // The library's advice: with no offline queue, a request made while Redis is away fails
    // at once instead of piling up in memory and waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    // A Redis that accepts the connection but does not answer fails the request too.
    commandTimeout: 2_000,
  });
  // ioredis reconnects by itself; log an outage once rather than at every attempt.
  let down = false;
  client.on("error", (error) => {
    if (down) return;
    down = true;
    console.error("rate limit store: Redis connection failed", error);
  });
  client.on("ready", () => {
    down = false;
  });

  // Without the offline queue, a command sent before the connection is ready fails ("Stream
  // isn't writeable"). So each consume waits for "ready": right after startup, and briefly
  // during a reconnection. One shared wait, whatever the number of requests waiting.
  let waiting: Promise<void> | undefined;
  const ready = () => {
    if (client.status === "ready") return Promise.resolve();
    if (client.status === "end") return Promise.reject(new Error("The rate limit store's Redis client is closed."));
    waiting ??= new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        waiting = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        client.off("ready", onReady);
        waiting = undefined;
        reject(new Error(`Redis is not ready after ${REDIS_READY_TIMEOUT_MS} ms (${client.status}).`));
      }, REDIS_READY_TIMEOUT_MS);
      client.once("ready", onReady);
    });
    return waiting;
  };

  return {
    make: (keyPrefix, rule) => new RateLimiterRedis({ storeClient: client, ...limiterOptions(`${prefix}:rl:${keyPrefix}`, rule) }),
    ready,
    close: async () => {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/** Limits stored in Redis (see redisLimiterStore). */
export function createRedisRateLimiter(redisUrl: string, rules: Rules = rulesFromEnv(), options: { keyPrefix?: string } = {}): StoreRateLimiter {
  return new LimiterSet(redisLimiterStore(redisUrl, options), rules);
}

/** An in-process store, for unit tests only: it does not survive a restart. */
export function memoryLimiterStore(): LimiterStore {
  return {
    make: (keyPrefix, rule) => new RateLimiterMemory(limiterOptions(keyPrefix, rule)),
    close: async () => {},
  };
}

/** In-process limits, for unit tests only: they do not survive a restart. */
export function createMemoryRateLimiter(rules: Rules = rulesFromEnv()): StoreRateLimiter {
  return new LimiterSet(memoryLimiterStore(), rules);
}

const globalForLimiter = globalThis as unknown as { __loomstackLimiter?: FormRateLimiter };

/** Redis when REDIS_URL is set, else the database DATABASE_URL points at (PostgreSQL or the SQLite file). */
function storeFromEnv(env: NodeJS.ProcessEnv): LimiterStore {
  const redisUrl = env.REDIS_URL?.trim();
  const url = resolveDatabaseUrl(env);
  if (redisUrl) return redisLimiterStore(redisUrl, { keyPrefix: redisKeyPrefix(env) });
  return isPostgresUrl(url) ? postgresLimiterStore(url) : sqliteLimiterStore(url.slice("file:".length));
}

/**
 * The app's limiter: on Redis when REDIS_URL is set, else on the database DATABASE_URL
 * points at (PostgreSQL or the SQLite file).
 *
 * A store fault is never taken as "allowed": consume() throws, and the caller refuses the
 * request (a form answers "not saved, please try again" and keeps what was typed).
 */
export function rateLimiter(env: NodeJS.ProcessEnv = process.env): FormRateLimiter {
  globalForLimiter.__loomstackLimiter ??= new LimiterSet(storeFromEnv(env), rulesFromEnv(env));
  return globalForLimiter.__loomstackLimiter;
}

/** The app's store (the one rateLimiter() uses), for other limits on it: staff sign-in. */
export function limiterStore(env: NodeJS.ProcessEnv = process.env): LimiterStore {
  // By shape, not instanceof: each Next.js bundle may hold its own copy of this module's classes.
  const limiter = rateLimiter(env) as Partial<LimiterSet>;
  if (!limiter.store) throw new Error("The app's rate limiter has no store.");
  return limiter.store;
}
