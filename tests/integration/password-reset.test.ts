/**
 * "Forgot password?" for staff through the console's Server Actions, with a real Better Auth
 * instance, a real database (SQLite, or PostgreSQL with TEST_DATABASE=postgres) and the app's
 * real rate-limit store. Only Next's request context is simulated (tests/helpers/next-request.ts),
 * with the client address server.ts stamps.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_IP_HEADER, CLIENT_IP_STAMPED_ENV } from "@/lib/client-ip";
import { Interrupt, nextRequest } from "../helpers/next-request";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
const SITE = "http://console.test";
process.env.DATABASE_URL = t.url;
process.env.SITE_URL = SITE;
delete process.env.REDIS_URL;
process.env[CLIENT_IP_STAMPED_ENV] = "1";
// Small limits to reach quickly. Each test uses its own addresses and IPs.
const IP_LIMIT = 6;
const ACCOUNT_LIMIT = 3;
process.env.PASSWORD_RESET_LIMIT_IP = `${IP_LIMIT}/3600`;
process.env.PASSWORD_RESET_LIMIT_ACCOUNT = `${ACCOUNT_LIMIT}/3600`;

vi.mock("next/headers", async () => (await import("../helpers/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../helpers/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../helpers/next-request")).nextCache);

const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

const SENT =
  "If that address has a staff account, we have emailed a link to choose a new password. It works once, for one hour. Check your inbox (and spam folder).";
const TOO_MANY = /^Too many password reset requests\. Try again in \d+ (seconds?|minutes?)\.$/;
const OLD_PASSWORD = "old-password-12345";

async function auth() {
  const { getAuth } = await import("@/app/(console)/auth");
  return getAuth();
}

let ipCounter = 1;
/** A fresh client address per call unless given, so only the limit under test is reached. */
const freshIp = () => `198.51.100.${ipCounter++}`;

/** The "Forgot password?" form, posted from `ip`, with a Host header a client made up. */
async function askForLink(email: string, ip = freshIp()) {
  const { requestPasswordResetAction } = await import("@/app/(console)/console/forgot-password/actions");
  nextRequest.headers = new Headers({ origin: SITE, host: "evil.example", "x-forwarded-host": "evil.example", [CLIENT_IP_HEADER]: ip });
  return requestPasswordResetAction({ status: "idle" }, fd({ email }));
}

async function choosePassword(token: string, password: string, confirm = password) {
  const { resetPasswordAction } = await import("@/app/(console)/console/reset-password/[token]/actions");
  nextRequest.headers = new Headers({ origin: SITE, [CLIENT_IP_HEADER]: freshIp() });
  return resetPasswordAction({ status: "idle" }, fd({ token, password, confirm })).catch((e: unknown) => e);
}

async function signIn(email: string, password: string) {
  try {
    return await (await auth()).api.signInEmail({ body: { email, password }, headers: new Headers({ [CLIENT_IP_HEADER]: freshIp() }) });
  } catch {
    return null;
  }
}

const resetEmails = (to: string) => t.db.emailMessage.findMany({ where: { toAddress: to, template: "password-reset" } });

/** The token in the one reset email to `to`. */
async function tokenFor(to: string): Promise<string> {
  const [m] = await resetEmails(to);
  const url = (JSON.parse(m!.data) as { url: string }).url;
  return url.slice(`${SITE}/console/reset-password/`.length);
}

let n = 0;
/** A new staff account with OLD_PASSWORD. */
async function staff(label: string) {
  const { createStaffUser } = await import("@/lib/auth/auth");
  const email = `${label}-${++n}@loomstack.example`;
  const user = await createStaffUser(await auth(), { email, name: `Reset ${label}`, password: OLD_PASSWORD, role: "staff" });
  return { email, id: user.id };
}

beforeAll(async () => {
  await auth();
}, 60_000);
afterAll(() => t.cleanup());

describe("asking for a reset link", () => {
  it("an unknown address gets the same answer as a known one, and no email", async () => {
    const known = await staff("known");
    expect(await askForLink(known.email)).toEqual({ status: "sent", message: SENT });
    expect(await askForLink("nobody-here@loomstack.example")).toEqual({ status: "sent", message: SENT });
    expect(await t.db.emailMessage.count({ where: { toAddress: "nobody-here@loomstack.example" } })).toBe(0);
  });

  it("a known address gets exactly one email, in the outbox, linking to SITE_URL whatever the Host header", async () => {
    const { email } = await staff("once");
    await askForLink(`  ${email.toUpperCase()} `);
    const mails = await resetEmails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ status: "pending", category: "transactional" });
    const data = JSON.parse(mails[0]!.data) as { url: string; expiresAt: string };
    expect(data.url).toMatch(new RegExp(`^${SITE}/console/reset-password/[A-Za-z0-9]{24}$`));
    expect(data.url).not.toContain("evil.example");
    expect(Math.abs(new Date(data.expiresAt).getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
  });

  it("a malformed address gets a field error and asks nothing", async () => {
    expect(await askForLink("not an email")).toMatchObject({ status: "error", fieldErrors: { email: expect.any(String) } });
  });

  it("a disabled account gets the same answer and no email; a link sent before it was disabled stops working", async () => {
    const before = await staff("disabled");
    await askForLink(before.email);
    const token = await tokenFor(before.email);
    await t.db.user.update({ where: { id: before.id }, data: { banned: true } });
    expect(await askForLink(before.email)).toEqual({ status: "sent", message: SENT });
    expect(await resetEmails(before.email)).toHaveLength(1);
    expect(await choosePassword(token, "brand-new-password-1")).toEqual({ status: "invalid-token" });
    await t.db.user.update({ where: { id: before.id }, data: { banned: false } });
    expect(await signIn(before.email, OLD_PASSWORD)).not.toBeNull();
  });
});

describe("the link", () => {
  it("sets the new password once, revokes every session, and the person signs in with it", async () => {
    const { email, id } = await staff("works");
    expect(await signIn(email, OLD_PASSWORD)).not.toBeNull();
    expect(await signIn(email, OLD_PASSWORD)).not.toBeNull();
    expect(await t.db.session.count({ where: { userId: id } })).toBe(2);
    await askForLink(email);
    const token = await tokenFor(email);
    const { resetTokenIsUsable } = await import("@/lib/auth/auth");
    expect(await resetTokenIsUsable(await auth(), token)).toBe(true);

    expect(await choosePassword(token, "short")).toMatchObject({ status: "error", fieldErrors: { password: "Use at least 12 characters." } });
    expect(await choosePassword(token, "brand-new-password-1", "brand-new-password-2")).toMatchObject({
      status: "error",
      fieldErrors: { confirm: expect.any(String) },
    });
    const done = await choosePassword(token, "brand-new-password-1");
    expect(done).toBeInstanceOf(Interrupt);
    expect((done as Interrupt).to).toBe("/console/sign-in?reset=done");
    expect(await t.db.session.count({ where: { userId: id } })).toBe(0);

    // Once only.
    expect(await resetTokenIsUsable(await auth(), token)).toBe(false);
    expect(await choosePassword(token, "another-password-123")).toEqual({ status: "invalid-token" });
    expect(await signIn(email, OLD_PASSWORD)).toBeNull();
    expect(await signIn(email, "another-password-123")).toBeNull();
    expect(await signIn(email, "brand-new-password-1")).not.toBeNull();
  });

  it("an expired link is refused and changes nothing", async () => {
    const { email } = await staff("expired");
    await askForLink(email);
    const token = await tokenFor(email);
    // An hour and a second later, as far as the link is concerned.
    await t.db.verification.updateMany({ where: { identifier: `reset-password:${token}` }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { resetTokenIsUsable } = await import("@/lib/auth/auth");
    expect(await resetTokenIsUsable(await auth(), token)).toBe(false);
    expect(await choosePassword(token, "brand-new-password-1")).toEqual({ status: "invalid-token" });
    expect(await signIn(email, OLD_PASSWORD)).not.toBeNull();
  });

  it("a made-up or malformed token is refused", async () => {
    expect(await choosePassword("A".repeat(24), "brand-new-password-1")).toEqual({ status: "invalid-token" });
    expect(await choosePassword("../../x", "brand-new-password-1")).toEqual({ status: "invalid-token" });
  });

  it("Better Auth's reset endpoints are not served over HTTP", async () => {
    for (const path of ["/request-password-reset", "/reset-password"]) {
      const res = await (
        await auth()
      ).handler(
        new Request(`${SITE}/api/auth${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: SITE },
          body: JSON.stringify({ email: "x@example.com" }),
        }),
      );
      expect(res.status).toBe(404);
    }
  });
});

describe("limits", () => {
  it("per address: known and unknown addresses are limited alike, and the limited answer says nothing about the account", async () => {
    const { email } = await staff("limited");
    const unknown = "limited-unknown@loomstack.example";
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      expect(await askForLink(email)).toEqual({ status: "sent", message: SENT });
      expect(await askForLink(unknown)).toEqual({ status: "sent", message: SENT });
    }
    const known = await askForLink(email);
    const stranger = await askForLink(unknown);
    expect(known).toMatchObject({ status: "error", message: expect.stringMatching(TOO_MANY) });
    expect(stranger).toMatchObject({ status: "error", message: expect.stringMatching(TOO_MANY) });
    expect(Object.keys(known).sort()).toEqual(Object.keys(stranger).sort());
    expect(await resetEmails(email)).toHaveLength(ACCOUNT_LIMIT);
  });

  it("per IP, across addresses", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < IP_LIMIT; i++) expect(await askForLink(`ip-${i}@loomstack.example`, ip)).toEqual({ status: "sent", message: SENT });
    expect(await askForLink("ip-last@loomstack.example", ip)).toMatchObject({ status: "error", message: expect.stringMatching(TOO_MANY) });
    expect(await askForLink("ip-last@loomstack.example")).toEqual({ status: "sent", message: SENT });
  });
});
