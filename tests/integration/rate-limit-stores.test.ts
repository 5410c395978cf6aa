import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { Pool } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createPostgresRateLimiter,
  createRedisRateLimiter,
  createSqliteRateLimiter,
  pruneExpiredPostgres,
  rateLimiter,
  type FormRateLimiter,
  type RateLimitVerdict,
  type StoreRateLimiter,
} from "@/lib/rate-limit";
import { narrow } from "../helpers/narrow";

/**
 * The shared stores against the real services (PostgreSQL and Redis on 127.0.0.1): each
 * "server" is its own limiter instance with its own connections, as two app servers would be.
 * The PostgreSQL tests get a database of their own; the Redis tests a key prefix of their own.
 */
const PG_ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const rules = (ip: [number, number], identity: [number, number] = [1000, 600]) => ({
  ip: { points: ip[0], durationSeconds: ip[1] },
  identity: { points: identity[0], durationSeconds: identity[1] },
});

const open: StoreRateLimiter[] = [];
function track<T extends StoreRateLimiter>(l: T): T {
  open.push(l);
  return l;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

const allowed = (verdicts: RateLimitVerdict[]) => verdicts.filter((v) => v.ok).length;

/** 50 attempts at once from one IP, alternating between the two servers. */
async function burst(a: FormRateLimiter, b: FormRateLimiter, ip: string, n = 50) {
  return Promise.all(Array.from({ length: n }, (_, i) => (i % 2 ? a : b).consume("enroll", { ip })));
}

/**
 * Two servers sharing a limit of 3 per phone number: three attempts pass, the fourth (and
 * any after it) is refused with a retry time inside the 10-minute window.
 */
async function expectSharedIdentityLimit([a, b]: FormRateLimiter[], ip: string, phone: string) {
  const go = (l: FormRateLimiter) => l.consume("callback", { ip, identity: phone });
  expect([(await go(a)).ok, (await go(b)).ok, (await go(a)).ok]).toEqual([true, true, true]);
  const over = narrow(await go(b), "ok", false);
  expect(over.retryAfterSeconds).toBeGreaterThan(590);
  expect(over.retryAfterSeconds).toBeLessThanOrEqual(600);
  expect((await go(a)).ok).toBe(false);
}

/** Two servers sharing a limit of 2 per email: the same address in three cases is one counter. */
async function expectEmailCaseIgnored([a, b]: FormRateLimiter[], ips: [string, string, string]) {
  expect((await a.consume("signin", { ip: ips[0], identity: "Staff@Example.com" })).ok).toBe(true);
  expect((await b.consume("signin", { ip: ips[1], identity: "staff@example.COM" })).ok).toBe(true);
  expect((await a.consume("signin", { ip: ips[2], identity: "STAFF@EXAMPLE.COM" })).ok).toBe(false);
}

/**
 * A pool for the test's own checks. The scratch database is dropped WITH (FORCE) at the end,
 * and a connection still closing then gets "terminating connection" (57P01) from the server:
 * listened for on the pool and on each client, so it cannot surface as an uncaught error.
 */
function testPool(connectionString: string): Pool {
  const pool = new Pool({ connectionString, max: 1 });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** A database of its own on the test server: create() it before the tests, drop() it after. */
function scratchDatabase() {
  const name = `loomstack_rl_${randomBytes(6).toString("hex")}`;
  const admin = testPool(PG_ADMIN_URL);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    create: () => admin.query(`CREATE DATABASE "${name}"`),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe("PostgreSQL store", () => {
  const db = scratchDatabase();
  const { name: dbName, url: dbUrl } = db;
  let inspect: Pool;

  beforeAll(async () => {
    await db.create();
    inspect = testPool(dbUrl);
  });

  afterAll(async () => {
    await inspect?.end();
    await db.drop();
  });

  /** Two app servers, each with its own limiter and connections, on the same database. */
  const twoServers = (r: ReturnType<typeof rules>) => [track(createPostgresRateLimiter(dbUrl, r)), track(createPostgresRateLimiter(dbUrl, r))];

  it("four servers starting at once on an empty database all create the table and answer their first requests", async () => {
    // A schema of its own (Prisma's ?schema= parameter), so the table starts out missing.
    await inspect.query(`CREATE SCHEMA rl_start`);
    const url = `${dbUrl}?schema=rl_start`;
    // Four servers: concurrent CREATE TABLE IF NOT EXISTS often fails with 23505/42P07/42710
    // for all but one of them (measured: 70 failures in 30 rounds of four).
    const servers = Array.from({ length: 4 }, () => track(createPostgresRateLimiter(url, rules([10, 600]))));
    const verdicts = await Promise.all([...servers, ...servers].map((l) => l.consume("quote", { ip: "192.0.2.1", identity: "first@example.com" })));
    expect(verdicts.every((v) => v.ok)).toBe(true);
    const { rows } = await inspect.query(`SELECT points FROM rl_start.rate_limits WHERE key = 'quote:ip:192.0.2.1'`);
    expect(rows).toEqual([{ points: 8 }]);
    expect((await inspect.query(`SELECT to_regclass('public.rate_limits') AS t`)).rows).toEqual([{ t: null }]);
  });

  it("creates the table Prisma would create for the rate_limits model", async () => {
    const l = track(createPostgresRateLimiter(dbUrl, rules([5, 600])));
    expect((await l.consume("newsletter", { ip: "192.0.2.2" })).ok).toBe(true);
    const { rows } = await inspect.query(
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'rate_limits' ORDER BY ordinal_position`,
    );
    expect(rows).toEqual([
      { column_name: "key", data_type: "text", is_nullable: "NO", column_default: null },
      { column_name: "points", data_type: "integer", is_nullable: "NO", column_default: "0" },
      { column_name: "expire", data_type: "bigint", is_nullable: "YES", column_default: null },
    ]);
    const pk = await inspect.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'public.rate_limits'::regclass AND contype = 'p'`);
    expect(pk.rows).toEqual([{ conname: "rate_limits_pkey" }]);
  });

  it("holds one limit across two servers, with a retry time inside the window", async () => {
    await expectSharedIdentityLimit(twoServers(rules([1000, 600], [3, 600])), "192.0.2.3", "+14155550123");
  });

  it("lets exactly the limit through when 50 requests arrive at once on two servers", async () => {
    const [a, b] = twoServers(rules([10, 600]));
    expect(allowed(await burst(a, b, "192.0.2.4"))).toBe(10);
    const { rows } = await inspect.query(`SELECT points FROM rate_limits WHERE key = 'enroll:ip:192.0.2.4'`);
    expect(rows).toEqual([{ points: 50 }]);
  });

  it("counts an email the same whatever its case, and takes the longest valid email", async () => {
    const [a, b] = twoServers(rules([1000, 600], [2, 600]));
    await expectEmailCaseIgnored([a, b], ["192.0.2.5", "192.0.2.6", "192.0.2.7"]);
    // 254 characters: with the library's own `key varchar(255)` this key would not fit.
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expect(long).toHaveLength(254);
    expect((await a.consume("redemption", { ip: "192.0.2.8", identity: long })).ok).toBe(true);
  });

  it("prunes counters whose window has ended, and only those", async () => {
    const l = track(createPostgresRateLimiter(dbUrl, rules([100, 1], [100, 600])));
    await l.consume("referral", { ip: "192.0.2.9", identity: "prune@example.com" });
    const keys = async () => (await inspect.query(`SELECT key FROM rate_limits WHERE key LIKE 'referral:%'`)).rows.map((r) => r.key as string);
    expect(await keys()).toEqual(expect.arrayContaining(["referral:ip:192.0.2.9", "referral:identity:prune@example.com"]));
    // Two seconds on, the 1-second IP window has ended; the 10-minute one has not.
    expect(await pruneExpiredPostgres(inspect, Date.now() + 2_000)).toBeGreaterThanOrEqual(1);
    expect(await keys()).toEqual(["referral:identity:prune@example.com"]);
  });

  it("after a window ends, a key starts again from zero with a new window", async () => {
    // The store takes the time from Date.now() (each counter keeps its window's end), so a
    // fake clock moves past the window without waiting for it.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const l = track(createPostgresRateLimiter(dbUrl, rules([1, 1])));
      expect((await l.consume("quote", { ip: "192.0.2.10" })).ok).toBe(true);
      const over = await l.consume("quote", { ip: "192.0.2.10" });
      expect(over).toEqual({ ok: false, retryAfterSeconds: 1 });
      vi.setSystemTime(Date.now() + 1_100);
      expect((await l.consume("quote", { ip: "192.0.2.10" })).ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("throws when the database cannot be reached (never 'allowed')", async () => {
    const u = new URL(dbUrl);
    u.pathname = `/${dbName}_missing`;
    const l = track(createPostgresRateLimiter(u.toString(), rules([10, 600])));
    await expect(l.consume("enroll", { ip: "192.0.2.11" })).rejects.toThrow(/does not exist/);
    // It tries again on the next request rather than remembering the failure forever.
    await expect(l.consume("enroll", { ip: "192.0.2.11" })).rejects.toThrow(/does not exist/);
  });
});

describe("SQLite store", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "loomstack-rl-"));
  const file = path.join(dir, "limits.db");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Another connection to the file holding its write lock, as an open Prisma transaction does. */
  function lockHolder() {
    const conn = new Database(file);
    conn.prepare("BEGIN IMMEDIATE").run();
    return {
      release: () => {
        conn.prepare("COMMIT").run();
        conn.close();
      },
    };
  }
  /** Lets the event loop turn: timers and I/O run, as they could not under a blocking wait. */
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  };

  it("lets exactly the limit through when 50 requests arrive at once on two servers", async () => {
    const [a, b] = [track(createSqliteRateLimiter(file, rules([10, 600]))), track(createSqliteRateLimiter(file, rules([10, 600])))];
    expect(allowed(await burst(a, b, "192.0.2.40"))).toBe(10);
  });

  it("waits for a write lock held elsewhere without blocking the event loop, then counts the attempt", async () => {
    const l = track(createSqliteRateLimiter(file, rules([1, 600])));
    const holder = lockHolder();
    let verdict: RateLimitVerdict | "failed" | undefined;
    const pending = l.consume("quote", { ip: "192.0.2.41" }).then(
      (v) => (verdict = v),
      () => (verdict = "failed"),
    );
    try {
      await turns(20);
      expect(verdict).toBeUndefined();
    } finally {
      holder.release();
    }
    await pending;
    expect(verdict).toEqual({ ok: true });
    expect((await l.consume("quote", { ip: "192.0.2.41" })).ok).toBe(false);
  });

  it("gives up with 'database is locked' when the lock stays taken (never 'allowed')", async () => {
    const l = track(createSqliteRateLimiter(file, rules([10, 600]), { lockWaitMs: 20 }));
    const holder = lockHolder();
    try {
      await expect(l.consume("quote", { ip: "192.0.2.42" })).rejects.toThrow(/database is locked/);
    } finally {
      holder.release();
    }
  });
});

describe("Redis store", () => {
  const prefix = `loomstack_test_rl_${randomBytes(6).toString("hex")}`;
  const redis = new Redis(REDIS_URL);
  const keys = async (pattern = `${prefix}:*`) => (await redis.keys(pattern)).sort();
  const make = (r: ReturnType<typeof rules>) => track(createRedisRateLimiter(REDIS_URL, r, { keyPrefix: prefix }));
  const twoServers = (r: ReturnType<typeof rules>) => [make(r), make(r)];

  afterAll(async () => {
    const left = await redis.keys(`${prefix}:*`);
    if (left.length) await redis.del(...left);
    await redis.quit();
  });

  it("answers the very first requests, made right after it is created", async () => {
    const l = make(rules([100, 600]));
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => l.consume("newsletter", { ip: "198.51.100.1", identity: "early@example.com" })));
    expect(allowed(verdicts)).toBe(20);
    expect(await redis.get(`${prefix}:rl:newsletter:ip:198.51.100.1`)).toBe("20");
  });

  it("holds one limit across two servers, with a retry time inside the window", async () => {
    await expectSharedIdentityLimit(twoServers(rules([1000, 600], [3, 600])), "198.51.100.2", "+14155550124");
  });

  it("lets exactly the limit through when 50 requests arrive at once on two servers", async () => {
    const [a, b] = twoServers(rules([10, 600]));
    expect(allowed(await burst(a, b, "198.51.100.3"))).toBe(10);
  });

  it("counts an email the same whatever its case", async () => {
    await expectEmailCaseIgnored(twoServers(rules([1000, 600], [2, 600])), ["198.51.100.4", "198.51.100.5", "198.51.100.6"]);
    expect(await keys(`${prefix}:rl:signin:identity:*`)).toEqual([`${prefix}:rl:signin:identity:staff@example.com`]);
  });

  it("keeps every key under its prefix, each expiring with its window", async () => {
    const l = make(rules([5, 60], [5, 120]));
    await l.consume("enroll", { ip: "198.51.100.7", identity: "ttl@example.com" });
    const ipTtl = await redis.pttl(`${prefix}:rl:enroll:ip:198.51.100.7`);
    const idTtl = await redis.pttl(`${prefix}:rl:enroll:identity:ttl@example.com`);
    expect(ipTtl).toBeGreaterThan(55_000);
    expect(ipTtl).toBeLessThanOrEqual(60_000);
    expect(idTtl).toBeGreaterThan(115_000);
    expect(idTtl).toBeLessThanOrEqual(120_000);
    for (const k of await keys()) expect(await redis.pttl(k)).toBeGreaterThan(0);
  });

  it("throws when Redis cannot be reached (never 'allowed')", async () => {
    const l = track(createRedisRateLimiter("redis://127.0.0.1:1", rules([10, 600]), { keyPrefix: prefix }));
    await expect(l.consume("enroll", { ip: "198.51.100.8" })).rejects.toThrow(/not ready/);
  });
});

describe("rateLimiter() picks the store from the environment", () => {
  const g = globalThis as unknown as { __loomstackLimiter?: FormRateLimiter };
  const db = scratchDatabase();
  const dbUrl = db.url;
  const prefix = `loomstack_test_rl_${randomBytes(6).toString("hex")}`;
  const redis = new Redis(REDIS_URL);
  let saved: FormRateLimiter | undefined;

  beforeAll(async () => {
    saved = g.__loomstackLimiter;
    await db.create();
  });
  afterEach(async () => {
    await (g.__loomstackLimiter as StoreRateLimiter | undefined)?.close();
    g.__loomstackLimiter = saved;
  });
  afterAll(async () => {
    const left = await redis.keys(`${prefix}:*`);
    if (left.length) await redis.del(...left);
    await redis.quit();
    await db.drop();
  });

  it("REDIS_URL set: Redis, under REDIS_KEY_PREFIX, even with a PostgreSQL DATABASE_URL", async () => {
    g.__loomstackLimiter = undefined;
    const l = rateLimiter({ REDIS_URL, REDIS_KEY_PREFIX: prefix, DATABASE_URL: dbUrl, RATE_LIMIT_IP: "1/600", NODE_ENV: "test" } as NodeJS.ProcessEnv);
    expect((await l.consume("quote", { ip: "203.0.113.1" })).ok).toBe(true);
    expect((await l.consume("quote", { ip: "203.0.113.1" })).ok).toBe(false);
    expect(await redis.get(`${prefix}:rl:quote:ip:203.0.113.1`)).toBe("2");
  });

  it("a PostgreSQL DATABASE_URL and no REDIS_URL: the database", async () => {
    g.__loomstackLimiter = undefined;
    const l = rateLimiter({ DATABASE_URL: dbUrl, RATE_LIMIT_IP: "1/600", NODE_ENV: "test" } as NodeJS.ProcessEnv);
    expect((await l.consume("quote", { ip: "203.0.113.2" })).ok).toBe(true);
    expect((await l.consume("quote", { ip: "203.0.113.2" })).ok).toBe(false);
    const inspect = testPool(dbUrl);
    try {
      expect((await inspect.query(`SELECT points FROM rate_limits WHERE key = 'quote:ip:203.0.113.2'`)).rows).toEqual([{ points: 2 }]);
    } finally {
      await inspect.end();
    }
  });
});
