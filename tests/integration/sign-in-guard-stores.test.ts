/**
 * The sign-in guard on the app's real stores: the SQLite file, PostgreSQL and Redis. Each
 * store is opened twice, as two app servers would, and the limits must hold across both.
 * The back-off's first wait is 60 s here, so nothing depends on timing.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { Pool } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SIGN_IN_POLICY, createSignInGuard, type SignInGuard, type SignInPolicy } from "@/lib/auth/sign-in-guard";
import { postgresLimiterStore, redisLimiterStore, sqliteLimiterStore, type LimiterStore } from "@/lib/rate-limit";
import { narrow } from "../helpers/narrow";

const PG_ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const policy: SignInPolicy = {
  ...DEFAULT_SIGN_IN_POLICY,
  ip: { points: 10, durationSeconds: 900 },
  account: { points: 21, durationSeconds: 900 },
  backoff: { freeFailures: 5, firstDelaySeconds: 60, maxDelaySeconds: 900 },
};

type Opened = { stores: LimiterStore[]; cleanup: () => Promise<void> };

async function sqlite(): Promise<Opened> {
  const dir = mkdtempSync(path.join(tmpdir(), "loomstack-guard-"));
  const file = path.join(dir, "limits.db");
  const stores = [sqliteLimiterStore(file), sqliteLimiterStore(file)];
  return {
    stores,
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Opened> {
  const name = `loomstack_guard_${randomBytes(6).toString("hex")}`;
  const admin = new Pool({ connectionString: PG_ADMIN_URL, max: 1 });
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const stores = [postgresLimiterStore(u.toString()), postgresLimiterStore(u.toString())];
  return {
    stores,
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function redis(): Promise<Opened> {
  const keyPrefix = `loomstack_test_guard_${randomBytes(6).toString("hex")}`;
  const stores = [redisLimiterStore(REDIS_URL, { keyPrefix }), redisLimiterStore(REDIS_URL, { keyPrefix })];
  return {
    stores,
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      const r = new Redis(REDIS_URL);
      const left = await r.keys(`${keyPrefix}:*`);
      if (left.length) await r.del(...left);
      await r.quit();
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each([
  ["SQLite file", sqlite],
  ["PostgreSQL", postgres],
  ["Redis", redis],
])("the sign-in guard on %s, two servers", (_name, open) => {
  let servers: [SignInGuard, SignInGuard];
  const ready = (async () => {
    const o = await open();
    cleanups.push(o.cleanup);
    servers = [createSignInGuard(o.stores[0], policy), createSignInGuard(o.stores[1], policy)];
  })();
  const on = (i: number) => servers[i % 2];

  it("holds the per-IP limit across accounts and servers", async () => {
    await ready;
    const ip = "203.0.113.21";
    const verdicts = [];
    for (let i = 0; i < 12; i++) verdicts.push(await on(i).begin({ account: `user-${i}@x.example`, ip }));
    expect(verdicts.map((v) => v.ok)).toEqual([...Array(10).fill(true), false, false]);
    expect(verdicts[10]).toMatchObject({ limit: "ip" });
  });

  it("makes a pair wait after its free failures, on every server, and a success on either clears it", async () => {
    await ready;
    const a = { account: "Owner@X.example", ip: "198.51.100.21" };
    for (let i = 0; i < 6; i++) {
      expect((await on(i).begin(a)).ok).toBe(true);
      await on(i + 1).finish(a, "failure");
    }
    for (const s of servers) {
      const v = await s.begin(a);
      expect(v).toMatchObject({ ok: false, limit: "backoff" });
      expect(narrow(v, "ok", false).retryAfterSeconds).toBeGreaterThan(50);
    }
    // Another address for the same account is not slowed.
    expect((await on(0).begin({ account: "owner@x.example", ip: "198.51.100.22" })).ok).toBe(true);
    await on(1).finish({ account: "owner@x.example", ip: "198.51.100.21" }, "success");
    expect((await on(0).begin(a)).ok).toBe(true);
  });

  it("holds the per-account limit across addresses and servers, except for an address that signed in before", async () => {
    await ready;
    const account = "target@x.example";
    const home = { account, ip: "198.51.100.23" };
    expect((await on(0).begin(home)).ok).toBe(true);
    await on(0).finish(home, "success");
    const verdicts = [];
    for (let i = 1; i <= 21; i++) verdicts.push((await on(i).begin({ account, ip: `198.18.9.${i}` })).ok);
    expect(verdicts).toEqual([...Array(20).fill(true), false]);
    expect((await on(1).begin(home)).ok).toBe(true);
  });
});
