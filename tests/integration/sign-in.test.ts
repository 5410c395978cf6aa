/**
 * Staff sign-in through the console's Server Action and through Better Auth's HTTP handler,
 * with a real Better Auth instance, a real database and the app's real rate-limit store
 * (the SQLite file, or PostgreSQL with TEST_DATABASE=postgres). Only Next's request context
 * (headers, cookies, redirect) is simulated, and server.ts's part: requests carry the client
 * address it stamps (CLIENT_IP_HEADER), next to whatever X-Forwarded-For a client invents.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_IP_HEADER, CLIENT_IP_STAMPED_ENV } from "@/lib/client-ip";
import { Interrupt, nextRequest } from "../helpers/next-request";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
const SITE = "http://console.test";
process.env.DATABASE_URL = t.url;
process.env.SITE_URL = SITE;
delete process.env.REDIS_URL;
// As under server.ts: CLIENT_IP_HEADER is the only address the app believes.
process.env[CLIENT_IP_STAMPED_ENV] = "1";
// Small limits to reach quickly. Each test uses its own addresses and accounts.
const IP_LIMIT = 8;
const ACCOUNT_LIMIT = 17; // above what one address can reach (2 × 8)
const FIRST_WAIT_SECONDS = 60; // long enough that no test depends on timing
process.env.SIGNIN_LIMIT_IP = `${IP_LIMIT}/900`;
process.env.SIGNIN_LIMIT_ACCOUNT = `${ACCOUNT_LIMIT}/900`;
process.env.SIGNIN_BACKOFF = `5/${FIRST_WAIT_SECONDS}/900`;

// Next's request context (headers, cookies, redirect), simulated: tests/helpers/next-request.ts
vi.mock("next/headers", async () => (await import("../helpers/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../helpers/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../helpers/next-request")).nextCache);

const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

const PASSWORD = { staff: "matrix-staff-password-1", admin: "matrix-admin-password-1", owner: "owner-password-12345", guarded: "guarded-password-123" };
const ACCOUNT = {
  staff: "staff-matrix@loomstack.example",
  admin: "admin-matrix@loomstack.example",
  owner: "owner@loomstack.example",
  guarded: "guarded@loomstack.example",
};

async function auth() {
  const { getAuth } = await import("@/app/(console)/auth");
  return getAuth();
}

/** The console form, posted from `ip` (and a made-up X-Forwarded-For). */
async function formSignIn(ip: string, email: string, password: string, next = "/console") {
  const { signInAction } = await import("@/app/(console)/console/sign-in/actions");
  nextRequest.headers = new Headers({ origin: SITE, [CLIENT_IP_HEADER]: ip, "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
  return signInAction({ status: "idle" }, fd({ email, password, next })).catch((e: unknown) => e);
}

/** Better Auth's HTTP endpoint, as server.ts hands it a request from `ip`. */
async function httpSignIn(ip: string, email: string, password: string, extra: Record<string, string> = {}) {
  return (await auth()).handler(
    new Request(`${SITE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: SITE, [CLIENT_IP_HEADER]: ip, "x-forwarded-for": randomUUID().slice(0, 8), ...extra },
      body: JSON.stringify({ email, password }),
    }),
  );
}

const signedIn = (out: unknown) => out instanceof Interrupt && out.kind === "redirect";
const tooMany = /^Too many sign-in attempts\. Try again in \d+ (seconds?|minutes?)\.$/;

beforeAll(async () => {
  const { createStaffUser } = await import("@/lib/auth/auth");
  const a = await auth();
  await createStaffUser(a, { email: ACCOUNT.staff, name: "Matrix staff", password: PASSWORD.staff, role: "staff" });
  await createStaffUser(a, { email: ACCOUNT.admin, name: "Matrix admin", password: PASSWORD.admin, role: "admin" });
  await createStaffUser(a, { email: ACCOUNT.owner, name: "Olga Owner", password: PASSWORD.owner, role: "admin" });
  await createStaffUser(a, { email: ACCOUNT.guarded, name: "Gil Guarded", password: PASSWORD.guarded, role: "staff" });
}, 60_000);
afterAll(() => t.cleanup());

describe("sign-in", () => {
  it("signs in with the right password and sends the person back where they were going", async () => {
    const out = await formSignIn("198.51.100.78", ACCOUNT.staff, PASSWORD.staff, "/console/leads?status=new");
    expect(out).toBeInstanceOf(Interrupt);
    expect((out as Interrupt).to).toBe("/console/leads?status=new");
    // An outside address is never a destination.
    const evil = await formSignIn("198.51.100.78", ACCOUNT.staff, PASSWORD.staff, "//evil.example/");
    expect((evil as Interrupt).to).toBe("/console");
    const bad = await formSignIn("198.51.100.78", "not an email", "");
    expect(bad).toMatchObject({ status: "error", fieldErrors: { email: expect.any(String), password: "Enter your password." } });
  });

  it("a malformed call to the form's action gets its error, not a crash", async () => {
    const { signInAction } = await import("@/app/(console)/console/sign-in/actions");
    const call = signInAction as unknown as (...args: unknown[]) => Promise<unknown>;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (const args of [[], [null, null], ["$undefined", "email=x"], [{}, { email: ACCOUNT.staff, password: PASSWORD.staff }]]) {
        expect(await call(...args)).toMatchObject({ status: "error", message: expect.stringContaining("could not read this form") });
      }
    } finally {
      warn.mockRestore();
    }
  });
});

describe("sign-in limits: one budget for every path into a password check", () => {
  it(`the console form and Better Auth's HTTP endpoint share one per-IP budget of ${IP_LIMIT}, each attempt counted once`, async () => {
    const ip = "198.51.100.10";
    // Different accounts, so only the per-IP limit can refuse; alternately through each path.
    expect(IP_LIMIT).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < IP_LIMIT; i++) {
      if (i % 2 === 0)
        expect(await formSignIn(ip, `nobody-${i}@loomstack.example`, "wrong-password-123")).toMatchObject({ message: expect.stringContaining("do not match") });
      else expect((await httpSignIn(ip, `nobody-${i}@loomstack.example`, "wrong-password-123")).status).toBe(401);
    }
    const overHttp = await httpSignIn(ip, ACCOUNT.staff, PASSWORD.staff);
    expect(overHttp.status).toBe(429);
    expect(Number(overHttp.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await overHttp.json()).message).toMatch(tooMany);
    const overForm = await formSignIn(ip, ACCOUNT.staff, PASSWORD.staff);
    expect(overForm).toMatchObject({ status: "error", message: expect.stringMatching(tooMany) });
  });

  it("a new X-Forwarded-For on every try changes nothing: 14 wrong passwords get 429 after the per-IP limit, and so does the right one", async () => {
    const ip = "198.51.100.11";
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push(
        (
          await httpSignIn(ip, `spray-${i}@loomstack.example`, "wrong-password-123", {
            "x-forwarded-for": `192.0.2.${i + 1}`,
            "x-real-ip": `192.0.2.${i + 100}`,
          })
        ).status,
      );
    expect(statuses).toEqual([...Array(IP_LIMIT).fill(401), ...Array(14 - IP_LIMIT).fill(429)]);
    expect((await httpSignIn(ip, ACCOUNT.admin, PASSWORD.admin, { "x-forwarded-for": "192.0.2.200" })).status).toBe(429);
  });

  it("a stranger's wrong passwords from one address do not keep the owner out: the right password from another address works at once", async () => {
    const stranger = "203.0.113.66";
    const seen: number[] = [];
    for (let i = 0; i < 14; i++) seen.push((await httpSignIn(stranger, ACCOUNT.owner, "guess-password-123")).status);
    // 5 free failures, the 6th starts the back-off: the stranger is refused from then on
    // (by the back-off, then by the per-IP limit).
    expect(seen).toEqual([401, 401, 401, 401, 401, 401, ...Array(8).fill(429)]);
    expect(signedIn(await formSignIn("198.51.100.20", ACCOUNT.owner, PASSWORD.owner))).toBe(true);
  });

  it("after five free failures a pair waits, and the form says for how long", async () => {
    const ip = "198.51.100.30";
    for (let i = 0; i < 6; i++)
      expect(await formSignIn(ip, ACCOUNT.admin, "wrong-password-123")).toMatchObject({ message: expect.stringContaining("do not match") });
    // Even the right password waits out the pair's back-off (60 s here, the first step of the test's schedule)…
    expect(await formSignIn(ip, ACCOUNT.admin, PASSWORD.admin)).toMatchObject({
      status: "error",
      message: "Too many sign-in attempts. Try again in 1 minute.",
    });
    const http = await httpSignIn(ip, ACCOUNT.admin, PASSWORD.admin);
    expect(http.status).toBe(429);
    expect(Number(http.headers.get("retry-after"))).toBeGreaterThan(50);
    expect(Number(http.headers.get("retry-after"))).toBeLessThanOrEqual(FIRST_WAIT_SECONDS);
    // …but only that pair: the same account from another address signs in.
    expect(signedIn(await formSignIn("198.51.100.31", ACCOUNT.admin, PASSWORD.admin))).toBe(true);
  });

  it(`holds the per-account limit (${ACCOUNT_LIMIT}) over many addresses, except for an address the owner signed in from before`, async () => {
    const home = "198.51.100.40";
    // The owner's own sign-in is the first attempt on the account's budget.
    expect(signedIn(await formSignIn(home, ACCOUNT.guarded, PASSWORD.guarded))).toBe(true);
    for (let i = 1; i < ACCOUNT_LIMIT; i++) expect((await httpSignIn(`198.18.5.${i}`, ACCOUNT.guarded, "guess-password-123")).status).toBe(401);
    const fresh = await httpSignIn("198.18.5.200", ACCOUNT.guarded, PASSWORD.guarded);
    expect(fresh.status).toBe(429);
    expect(await formSignIn("198.18.5.201", ACCOUNT.guarded.toUpperCase(), "guess-password-123")).toMatchObject({ message: expect.stringMatching(tooMany) });
    expect(signedIn(await formSignIn(home, ACCOUNT.guarded, PASSWORD.guarded))).toBe(true);
  });

  it("the other endpoints that check a password are not served over HTTP, and are limited when called in code", async () => {
    const ip = "198.51.100.50";
    const res = await httpSignIn(ip, ACCOUNT.staff, PASSWORD.staff, { "x-forwarded-for": "6.6.6.6" });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const a = await auth();
    for (const path of ["/change-password", "/verify-password", "/delete-user"]) {
      const r = await a.handler(
        new Request(`${SITE}/api/auth${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: SITE, cookie, [CLIENT_IP_HEADER]: ip },
          body: JSON.stringify({ currentPassword: "x", newPassword: "y-new-password-1", password: "x" }),
        }),
      );
      expect(r.status, path).toBe(404);
    }
    const headers = new Headers({ cookie, [CLIENT_IP_HEADER]: ip });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const outcome = await a.api.changePassword({ headers, body: { currentPassword: "not-my-password-1", newPassword: "brand-new-password-1" } }).then(
        () => 200,
        (e: { statusCode?: number }) => e.statusCode ?? 500,
      );
      statuses.push(outcome);
    }
    // Five free failures, a sixth that starts the back-off, then a refusal.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429]);
  });

  it("Better Auth records the address server.ts stamped, not the client's X-Forwarded-For", async () => {
    const sessions = await t.db.session.findMany({ where: { user: { email: ACCOUNT.staff } }, select: { ipAddress: true } });
    const ips = sessions.map((s) => s.ipAddress);
    expect(ips).toContain("198.51.100.50");
    expect(ips).not.toContain("6.6.6.6");
    expect(ips.every((ip) => ip && /^198\.51\.100\.\d+$/.test(ip))).toBe(true);
  });

  it("a rate-limit store that fails refuses the attempt (503), never lets it through", async () => {
    const { createAuth } = await import("@/lib/auth/auth");
    const { createSignInGuard, DEFAULT_SIGN_IN_POLICY } = await import("@/lib/auth/sign-in-guard");
    const { memoryLimiterStore } = await import("@/lib/rate-limit");
    const broken = { ...memoryLimiterStore(), ready: () => Promise.reject(new Error("connection refused")) };
    const a = createAuth({ db: t.db, secret: "x".repeat(40), baseURL: SITE, signInGuard: createSignInGuard(broken, DEFAULT_SIGN_IN_POLICY) });
    const before = await t.db.session.count();
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await a.handler(
        new Request(`${SITE}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: SITE, [CLIENT_IP_HEADER]: "198.51.100.60" },
          body: JSON.stringify({ email: ACCOUNT.staff, password: PASSWORD.staff }),
        }),
      );
      expect(res.status).toBe(503);
      expect((await res.json()).message).toBe("Sign-in is not available right now. Try again in a minute.");
      expect(err).toHaveBeenCalledTimes(1);
      expect(String(err.mock.calls[0][0])).toMatch(/attempt refused/);
    } finally {
      err.mockRestore();
    }
    expect(await t.db.session.count()).toBe(before);
  });
});
