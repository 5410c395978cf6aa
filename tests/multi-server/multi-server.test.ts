/**
 * Three app servers (server.ts) on the same production build share a fresh PostgreSQL
 * database, one BETTER_AUTH_SECRET and a local Resend-compatible server. The test posts
 * forms to them the way a browser without JavaScript does (like bench/submissions.ts),
 * round-robin, as a load balancer would, and checks what must hold across servers:
 *
 * - every submission is stored once, and every queued email is delivered exactly once by
 *   the three in-app dispatchers together (none lost, none sent twice);
 * - rate limits are global (the PostgreSQL store, then Redis): a person or an IP gets the
 *   limit, not three times the limit;
 * - a staff session made on one server is valid on the others, and signing out on one ends
 *   it everywhere.
 *
 * The servers sit behind a proxy (TRUSTED_PROXY_HOPS=1) with one SITE_URL, as behind a
 * load balancer.
 * Needs a production build (NEXT_DIST_DIR, default .next-test), PostgreSQL (TEST_PG_SERVER)
 * and Redis (TEST_REDIS_URL) on 127.0.0.1. Run: see vitest.multi-server.config.ts.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createAuth, createStaffUser } from "@/lib/auth/auth";
import { seedPrograms } from "@/lib/content/seed-programs";
import { PROJECT_ROOT as root, startAppServer, type AppServer } from "../helpers/app-server";
import { startFakeResend, type FakeResend } from "../helpers/fake-resend";
import { createPgDatabaseSync, dropPgDatabaseSync, pgUrl, randomDbName } from "../helpers/pg-admin";
import { actionFormFields } from "../helpers/action-form";

const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-test";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The public origin all three servers share (behind the "load balancer"). */
const SITE = "http://loomstack-multi.test";
const SITE_HOST = new URL(SITE).host;
const SECRET = `multi-server-test-secret-${randomUUID()}`;
const API_KEY = "re_multi_server_test";
const STAFF = { email: "ms-admin@loomstack.example", name: "Mo Multi", password: "multi-server-password-123" };
const STAFF_INBOX = "admissions-ms@loomstack.example";

/** Per person 3 submissions and per IP 5 in 10 minutes: low enough to test, high enough for phase 1 (one per person and IP). */
const IDENTITY_LIMIT = 3;
const IP_LIMIT = 5;
const N = 60;

const run = Date.now().toString(36);
const dbName = randomDbName("loomstack_ms");
const dbUrl = pgUrl(dbName);
const redisPrefix = `loomstack-ms-${run}`;

type Server = AppServer & { index: number };
let servers: Server[] = [];
let fake: FakeResend;
let db: Db;
let cohort: { id: string; program: string };
let dbCreated = false;

/**
 * The environment of every server, over the parent's: anything that would change the store
 * or the database is cleared first. The servers sit behind one trusted proxy (the test).
 */
function serverEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const cleared = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith("REDIS_") || k.startsWith("RATE_LIMIT_") || k.startsWith("SIGNIN_") || k.startsWith("EMAIL_"))
      .map((k) => [k, undefined]),
  );
  return {
    ...cleared,
    DATABASE_URL: dbUrl,
    // 3 servers × (5 Prisma + 4 rate limit) connections: well under PostgreSQL's 100.
    DATABASE_POOL_MAX: "5",
    SITE_URL: SITE,
    BETTER_AUTH_SECRET: SECRET,
    RESEND_API_KEY: API_KEY,
    EMAIL_POLL_MS: "200",
    STAFF_EMAIL: STAFF_INBOX,
    RATE_LIMIT_IP: `${IP_LIMIT}/600`,
    RATE_LIMIT_IDENTITY: `${IDENTITY_LIMIT}/600`,
    RESEND_BASE_URL: fake.url,
    // The test plays the load balancer: it appends the client's address to X-Forwarded-For.
    TRUSTED_PROXY_HOPS: "1",
    ...extra,
  };
}

async function startTrio(extra: Record<string, string> = {}) {
  servers = await Promise.all([0, 1, 2].map(async (index) => Object.assign(await startAppServer({ distDir: DIST_DIR, env: serverEnv(extra) }), { index })));
}

async function stopTrio() {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
}

let forgedCount = 0;
/**
 * Headers a load balancer in front of the servers would add, for a client at `ip`. Each
 * client also forges an X-Forwarded-For entry of its own, a new one every time, which the
 * proxy keeps in front of the address it appends: limits must not notice.
 */
function proxied(ip: string, extra: Record<string, string> = {}): Record<string, string> {
  const forged = `100.64.${Math.floor(forgedCount / 250) % 250}.${(forgedCount++ % 250) + 1}`;
  return { "x-forwarded-host": SITE_HOST, "x-forwarded-proto": "http", "x-forwarded-for": `${forged}, ${ip}`, ...extra };
}

/** The apply form's action fields, per server (the same build, so the same ids; read from each anyway). */
const applyFields = new Map<string, [string, string][]>();
async function formFields(server: Server) {
  let f = applyFields.get(server.base);
  if (!f) {
    const res = await fetch(`${server.base}/apply`, { headers: proxied("192.0.2.1") });
    expect(res.status).toBe(200);
    f = actionFormFields(await res.text()).filter(([k]) => k !== "submissionToken");
    applyFields.set(server.base, f);
  }
  return f;
}

type Outcome = "saved" | "limited" | "error";

/** Posts the apply form without JavaScript (multipart, the page's hidden fields, a fresh token). */
async function apply(server: Server, person: { name: string; email: string }, ip: string): Promise<Outcome> {
  const body = new FormData();
  for (const [k, v] of await formFields(server)) body.append(k, v);
  body.append("submissionToken", randomUUID());
  for (const [k, v] of [
    ["name", person.name],
    ["email", person.email],
    ["phone", "+1 415 555 0132"],
    ["program", cohort.program],
    ["cohort", cohort.id],
    ["paymentOption", "instalments"],
    ["experience", "beginner"],
    ["goals", "Testing several app servers."],
    ["consent", "on"],
  ])
    body.append(k, v);
  const res = await fetch(`${server.base}/apply`, { method: "POST", body, headers: proxied(ip, { accept: "text/html", origin: SITE }) });
  const html = await res.text();
  if (!res.ok) return "error";
  if (/several times in a short while/.test(html)) return "limited";
  if (/role="status"/.test(html) && !/Please correct|went wrong|try again in/.test(html)) return "saved";
  return "error";
}

const tally = (outcomes: Outcome[]) => ({
  saved: outcomes.filter((o) => o === "saved").length,
  limited: outcomes.filter((o) => o === "limited").length,
  error: outcomes.filter((o) => o === "error").length,
});

/** The same person submits M times at once, round-robin over the servers, each time from a different IP. */
async function samePersonEverywhere(tag: string, ipPrefix: string, m: number) {
  const email = `ms-${run}-${tag}@example.com`;
  const outcomes = await Promise.all(Array.from({ length: m }, (_, i) => apply(servers[i % 3], { name: "Sam Same", email }, `${ipPrefix}.${i + 1}`)));
  return { email, ...tally(outcomes) };
}

/** One IP sends M different people at once, round-robin over the servers. */
async function sameIpEverywhere(tag: string, ip: string, m: number) {
  const outcomes = await Promise.all(
    Array.from({ length: m }, (_, i) => apply(servers[i % 3], { name: `Ida ${i}`, email: `ms-${run}-${tag}-${i}@example.com` }, ip)),
  );
  return tally(outcomes);
}

afterEach((ctx) => {
  // On a failure, show what the servers said.
  if (ctx.task.result?.state === "fail") {
    for (const s of servers) console.error(`--- server ${s.index + 1} (${s.base}) ---\n${s.log.join("\n").slice(-8_000)}`);
  }
});

beforeAll(async () => {
  if (!existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
    throw new Error(`No production build in ${DIST_DIR}: build first (NEXT_DIST_DIR=${DIST_DIR} npx next build), or set NEXT_DIST_DIR.`);
  }
  createPgDatabaseSync(dbName);
  dbCreated = true;
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl },
    stdio: "pipe",
  });
  db = createDb(dbUrl, { pg: { max: 3 } });
  await seedPrograms(db);
  const c = await db.cohort.findFirstOrThrow({
    where: { status: "open", startDate: { gt: new Date() } },
    include: { program: true },
    orderBy: { startDate: "asc" },
  });
  cohort = { id: c.id, program: c.program.slug };
  await createStaffUser(createAuth({ db, secret: SECRET, baseURL: SITE }), { ...STAFF, role: "admin" });

  fake = await startFakeResend({ apiKey: API_KEY });
  await startTrio();
});

afterAll(async () => {
  await stopTrio();
  await fake?.close();
  await db?.$disconnect();
  if (dbCreated) dropPgDatabaseSync(dbName);
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const left = await redis.keys(`${redisPrefix}:*`);
    if (left.length) await redis.del(...left);
  } catch {
    // Redis was never used or is not there
  } finally {
    redis.disconnect();
  }
});

describe("three app servers on one PostgreSQL database", () => {
  it(`stores ${N} concurrent submissions spread over the servers, each once`, async () => {
    const people = Array.from({ length: N }, (_, i) => ({ name: `Multi Person ${i}`, email: `ms-${run}-p${i}@example.com` }));
    const outcomes = await Promise.all(people.map((p, i) => apply(servers[i % 3], p, `198.51.100.${i + 1}`)));
    expect(tally(outcomes)).toEqual({ saved: N, limited: 0, error: 0 });

    const leads = await db.lead.findMany({ where: { email: { startsWith: `ms-${run}-p` } }, select: { email: true, revision: true } });
    expect(leads).toHaveLength(N);
    expect(new Set(leads.map((l) => l.email)).size).toBe(N);
    expect(leads.every((l) => l.revision === 1)).toBe(true);
  });

  it(`a person limited to ${IDENTITY_LIMIT} gets ${IDENTITY_LIMIT} accepted across the three servers, not ${3 * IDENTITY_LIMIT} (PostgreSQL store)`, async () => {
    const r = await samePersonEverywhere("same-pg", "198.18.1", 9);
    expect(r).toMatchObject({ saved: IDENTITY_LIMIT, limited: 9 - IDENTITY_LIMIT, error: 0 });
    // Repeats within the update window update one lead: its revision counts the accepted ones.
    const leads = await db.lead.findMany({ where: { email: r.email } });
    expect(leads.map((l) => l.revision)).toEqual([IDENTITY_LIMIT]);
    // The counter lives in the shared table.
    const rows = await db.$queryRawUnsafe<{ points: number }[]>(`SELECT points FROM rate_limits WHERE key = $1`, `enroll:identity:${r.email}`);
    expect(rows.map((x) => Number(x.points))).toEqual([9]);
  });

  it(`an IP limited to ${IP_LIMIT} gets ${IP_LIMIT} accepted across the three servers (PostgreSQL store)`, async () => {
    const r = await sameIpEverywhere("ip-pg", "203.0.113.61", 12);
    expect(r).toEqual({ saved: IP_LIMIT, limited: 12 - IP_LIMIT, error: 0 });
    expect(await db.lead.count({ where: { email: { startsWith: `ms-${run}-ip-pg-` } } })).toBe(IP_LIMIT);
  });

  it("delivers every queued email exactly once through the provider (three dispatchers, one outbox)", async () => {
    const leads = await db.lead.findMany({ select: { id: true, email: true } });
    expect(leads).toHaveLength(N + 1 + IP_LIMIT);
    const expected = leads.length * 2; // a confirmation and one staff notification per lead

    const deadline = Date.now() + 60_000;
    let rows = await db.emailMessage.findMany();
    while (Date.now() < deadline && !(rows.length === expected && rows.every((r) => r.status === "sent") && fake.deliveries.length >= expected)) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await db.emailMessage.findMany();
    }
    expect(rows).toHaveLength(expected);
    expect(rows.filter((r) => r.status !== "sent").map((r) => `${r.id} ${r.status} ${r.lastError ?? ""}`)).toEqual([]);
    // Give a late duplicate a moment to show up before counting.
    await new Promise((r) => setTimeout(r, 1_000));

    // Per idempotency key (the outbox row id): each accepted once, none missing, none extra.
    const perKey = new Map<string, number>();
    for (const d of fake.deliveries) perKey.set(d.idempotencyKey ?? "(none)", (perKey.get(d.idempotencyKey ?? "(none)") ?? 0) + 1);
    expect([...perKey.values()].filter((n) => n > 1)).toEqual([]);
    expect([...perKey.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
    // Nobody even tried to send a message twice (a claim is exclusive across servers).
    expect(fake.replays).toBe(0);
    expect(fake.requests).toBe(expected);

    // Per lead: its confirmation went to the person and its staff notification to the staff inbox, once each.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const perLeadTemplate = new Map<string, string[]>();
    for (const d of fake.deliveries) {
      const row = byId.get(d.idempotencyKey!)!;
      expect(d.to).toEqual([row.toAddress]);
      expect(row.providerId).toBe(d.id);
      const k = `${row.leadId} ${row.template}`;
      perLeadTemplate.set(k, [...(perLeadTemplate.get(k) ?? []), d.to[0]]);
    }
    for (const lead of leads) {
      expect(perLeadTemplate.get(`${lead.id} enroll-confirmation`)).toEqual([lead.email]);
      expect(perLeadTemplate.get(`${lead.id} staff-new-lead`)).toEqual([STAFF_INBOX]);
    }
    expect(perLeadTemplate.size).toBe(expected);
  });

  it("nine visitors racing for one call time across the three servers get one booking; the others hear it was just taken", async () => {
    // One advisor (the staff admin) who takes calls all day, every day, in UTC.
    const advisor = await db.user.findUniqueOrThrow({ where: { email: STAFF.email } });
    const callType = await db.callType.create({
      data: { slug: `ms-call-${run}`, name: "Admissions call", description: "Programs, dates and paying.", durationMinutes: 20, position: 0 },
    });
    await db.advisor.create({
      data: {
        userId: advisor.id,
        timeZone: "UTC",
        weeklyHours: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "23:55" }))),
        bufferMinutes: 10,
        minNoticeMinutes: 120,
        horizonDays: 21,
        callTypes: { create: [{ callTypeId: callType.id }] },
      },
    });
    const now = new Date();
    const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 3, 15, 0)).toISOString();
    const pagePath = `/book?tz=UTC&type=${callType.slug}&slot=${encodeURIComponent(slot)}`;

    // Each visitor opens the confirm step on their server, then all post at once.
    const racers = Array.from({ length: 9 }, (_, i) => ({ server: servers[i % 3], ip: `198.51.100.${200 + i}`, email: `ms-${run}-race-${i}@example.com` }));
    const forms = await Promise.all(
      racers.map(async (r) => {
        const res = await fetch(`${r.server.base}${pagePath}`, { headers: proxied(r.ip) });
        expect(res.status).toBe(200);
        const fields = actionFormFields(await res.text(), /name="startsAt"/);
        expect(fields).toContainEqual(["startsAt", slot]);
        return fields.filter(([k]) => k !== "submissionToken");
      }),
    );
    const answers = await Promise.all(
      racers.map(async (r, i) => {
        const body = new FormData();
        for (const [k, v] of forms[i]) body.append(k, v);
        body.append("submissionToken", randomUUID());
        for (const [k, v] of [
          ["name", `Rae Racer ${i}`],
          ["email", r.email],
          ["consent", "on"],
        ])
          body.append(k, v);
        const res = await fetch(`${r.server.base}${pagePath}`, { method: "POST", body, headers: proxied(r.ip, { accept: "text/html", origin: SITE }) });
        expect(res.status).toBe(200);
        const html = await res.text();
        if (html.includes("Your call is booked")) return "booked";
        if (html.includes("That time was just taken.")) return "taken";
        return `neither: ${html.slice(0, 200)}`;
      }),
    );
    expect(answers.filter((a) => a === "booked")).toHaveLength(1);
    expect(answers.filter((a) => a === "taken")).toHaveLength(8);

    // One booking for that time, one lead for it; the eight refused left nothing behind.
    const bookings = await db.booking.findMany({ where: { startsAt: new Date(slot) }, include: { lead: true } });
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ advisorId: advisor.id, status: "booked" });
    const winner = racers[answers.indexOf("booked")];
    expect(bookings[0].lead.email).toBe(winner.email);
    expect(await db.lead.count({ where: { email: { startsWith: `ms-${run}-race-` } } })).toBe(1);
  });

  it("a staff session made on server 1 works on servers 2 and 3; signing out on server 2 ends it on all three", async () => {
    const [s1, s2, s3] = servers;
    const ip = "192.0.2.10";

    // Anonymous: the console redirects to sign-in.
    const anon = await fetch(`${s2.base}/console`, { headers: proxied(ip), redirect: "manual" });
    expect(anon.status).toBeGreaterThanOrEqual(300);
    expect(anon.headers.get("location")).toMatch(/\/console\/sign-in/);

    // Sign in through the sign-in form on server 1 (no JavaScript).
    const page = await fetch(`${s1.base}/console/sign-in`, { headers: proxied(ip) });
    expect(page.status).toBe(200);
    const body = new FormData();
    for (const [k, v] of actionFormFields(await page.text(), /name="password"/)) body.append(k, v);
    body.set("email", STAFF.email);
    body.set("password", STAFF.password);
    body.set("next", "/console");
    const signIn = await fetch(`${s1.base}/console/sign-in`, {
      method: "POST",
      body,
      headers: proxied(ip, { origin: SITE, accept: "text/html" }),
      redirect: "manual",
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .filter((c) => /session_token=./.test(c))
      .join("; ");
    expect(cookie).toMatch(/session_token=/);

    const consoleOn = (s: typeof s1) => fetch(`${s.base}/console`, { headers: proxied(ip, { cookie }), redirect: "manual" });
    for (const s of [s1, s2, s3]) {
      const res = await consoleOn(s);
      expect(res.status, `GET /console on server ${s.index + 1}`).toBe(200);
      expect(await res.text()).toContain(STAFF.name);
    }

    // Sign out with the console's own sign-out form, on server 2.
    const consolePage = await (await consoleOn(s2)).text();
    const out = new FormData();
    for (const [k, v] of actionFormFields(consolePage, /Sign out/)) out.append(k, v);
    const signOut = await fetch(`${s2.base}/console`, {
      method: "POST",
      body: out,
      headers: proxied(ip, { cookie, origin: SITE, accept: "text/html" }),
      redirect: "manual",
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get("location")).toMatch(/\/console\/sign-in/);

    // The old cookie is dead on every server (sessions are rows in the shared database).
    for (const s of [s1, s2, s3]) {
      const res = await consoleOn(s);
      expect(res.status, `GET /console on server ${s.index + 1} after sign-out`).toBeGreaterThanOrEqual(300);
      expect(res.headers.get("location")).toMatch(/\/console\/sign-in/);
    }
    expect(await db.session.count()).toBe(0);
  });

  describe("rate limits on Redis (REDIS_URL set, the same three servers restarted)", () => {
    let redis: Redis;
    beforeAll(async () => {
      await stopTrio();
      await startTrio({ REDIS_URL, REDIS_KEY_PREFIX: redisPrefix });
      redis = new Redis(REDIS_URL);
    });
    afterAll(async () => {
      await redis?.quit();
    });

    it(`a person gets ${IDENTITY_LIMIT} accepted across the three servers`, async () => {
      const r = await samePersonEverywhere("same-redis", "198.18.2", 9);
      expect(r).toMatchObject({ saved: IDENTITY_LIMIT, limited: 9 - IDENTITY_LIMIT, error: 0 });
      expect(await redis.get(`${redisPrefix}:rl:enroll:identity:${r.email}`)).toBe("9");
      // Not counted in PostgreSQL this time.
      const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM rate_limits WHERE key = $1`, `enroll:identity:${r.email}`);
      expect(rows).toHaveLength(0);
    });

    it(`an IP gets ${IP_LIMIT} accepted across the three servers`, async () => {
      const r = await sameIpEverywhere("ip-redis", "203.0.113.62", 12);
      expect(r).toEqual({ saved: IP_LIMIT, limited: 12 - IP_LIMIT, error: 0 });
      expect(await redis.get(`${redisPrefix}:rl:enroll:ip:203.0.113.62`)).toBe("12");
    });
  });
});
