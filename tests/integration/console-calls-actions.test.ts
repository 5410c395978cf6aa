/**
 * The calls section's Server Actions with real sessions (Next's request context simulated, as
 * in console-authorization.test.ts): the check the permission alone cannot make (whose
 * availability a post may change), and what a refused or malformed post answers.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Interrupt, nextRequest } from "../helpers/next-request";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
process.env.DATABASE_URL = t.url;
process.env.SITE_URL = "http://console.test";

vi.mock("next/headers", async () => (await import("../helpers/next-request")).nextHeaders);
vi.mock("next/navigation", async () => (await import("../helpers/next-request")).nextNavigation);
vi.mock("next/cache", async () => (await import("../helpers/next-request")).nextCache);

type Role = "staff" | "admin";
const cookieFor: Record<Role, string> = { staff: "", admin: "" };
const idOf: Record<Role, string> = { staff: "", admin: "" };
const IDLE = { status: "idle" };

const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

/** Runs an action as `who`; a redirect or other Next signal is returned, not thrown. */
async function as<T>(who: Role, run: () => Promise<T>): Promise<T | Interrupt> {
  nextRequest.headers = new Headers({ cookie: cookieFor[who], origin: "http://console.test", "x-forwarded-for": "198.51.100.30" });
  try {
    return await run();
  } catch (e) {
    if (e instanceof Interrupt) return e;
    throw e;
  }
}

let actions: typeof import("@/app/(console)/console/calls/availability/actions");

beforeAll(async () => {
  const { getAuth } = await import("@/app/(console)/auth");
  const { createStaffUser } = await import("@/lib/auth/auth");
  const auth = getAuth();
  for (const role of ["staff", "admin"] as const) {
    const email = `${role}-calls@loomstack.example`;
    const password = `calls-${role}-password-1`;
    idOf[role] = (await createStaffUser(auth, { email, name: `Calls ${role}`, password, role })).id;
    const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
    cookieFor[role] = must(res.headers.getSetCookie().find((c) => c.includes("session_token="))).split(";")[0];
  }
  actions = await import("@/app/(console)/console/calls/availability/actions");
}, 60_000);
afterAll(() => t.cleanup());

function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error("missing");
  return v;
}

const hours = {
  timeZone: "Europe/Berlin",
  "hours.2.0.start": "10:00",
  "hours.2.0.end": "16:00",
  bufferMinutes: "5",
  minNoticeMinutes: "60",
  horizonDays: "14",
  active: "on",
};

describe("whose availability a post may change", () => {
  it("lets staff become an advisor and set their own hours", async () => {
    const become = await as("staff", () => actions.becomeAdvisorAction(IDLE, fd({ userId: idOf.staff, timeZone: "Europe/Berlin" })));
    expect(become).toBeInstanceOf(Interrupt);
    expect((become as Interrupt).to).toBe("/console/calls/availability?saved=advisor");
    const saved = await as("staff", () => actions.saveAvailabilityAction(IDLE, fd({ userId: idOf.staff, ...hours })));
    expect(saved).toMatchObject({ status: "success" });
    expect(JSON.parse((await t.db.advisor.findUniqueOrThrow({ where: { userId: idOf.staff } })).weeklyHours)).toEqual([
      { day: 2, start: "10:00", end: "16:00" },
    ]);
  });

  it("refuses staff changing an admin's availability, and changes nothing", async () => {
    await t.db.advisor.create({ data: { userId: idOf.admin, timeZone: "UTC" } });
    const before = await t.db.advisor.findUniqueOrThrow({ where: { userId: idOf.admin } });
    expect(await as("staff", () => actions.saveAvailabilityAction(IDLE, fd({ userId: idOf.admin, ...hours })))).toMatchObject({
      status: "error",
      message: "Your role does not allow this.",
    });
    expect(await as("staff", () => actions.addDateOffAction(IDLE, fd({ userId: idOf.admin, date: "2030-01-02", note: "" })))).toMatchObject({
      status: "error",
      message: "Your role does not allow this.",
    });
    await t.db.advisorDateOff.create({ data: { advisorId: idOf.admin, date: "2030-01-03" } });
    const removed = await as("staff", () => actions.removeDateOffAction(fd({ userId: idOf.admin, date: "2030-01-03" })));
    expect((removed as Interrupt).to).toMatch(/error=forbidden/);
    expect(await t.db.advisor.findUniqueOrThrow({ where: { userId: idOf.admin } })).toEqual(before);
    expect(await t.db.advisorDateOff.count({ where: { advisorId: idOf.admin } })).toBe(1);
  });

  it("refuses staff making someone else an advisor", async () => {
    const other = await t.db.user.create({ data: { id: "calls-other", name: "Other", email: "other-calls@loomstack.example", role: "staff" } });
    expect(await as("staff", () => actions.becomeAdvisorAction(IDLE, fd({ userId: other.id, timeZone: "UTC" })))).toMatchObject({ status: "error" });
    expect(await t.db.advisor.count({ where: { userId: other.id } })).toBe(0);
  });

  it("lets an admin change a staff member's availability", async () => {
    const saved = await as("admin", () => actions.saveAvailabilityAction(IDLE, fd({ userId: idOf.staff, ...hours, horizonDays: "40" })));
    expect(saved).toMatchObject({ status: "success" });
    expect((await t.db.advisor.findUniqueOrThrow({ where: { userId: idOf.staff } })).horizonDays).toBe(40);
    const added = await as("admin", () => actions.addDateOffAction(IDLE, fd({ userId: idOf.staff, date: "2030-05-01", note: "Holiday" })));
    expect(added).toMatchObject({ status: "success", message: "Wednesday, 1 May 2030 is a day off." });
  });

  it("without a userId, a post is about the caller", async () => {
    const saved = await as("staff", () => actions.saveAvailabilityAction(IDLE, fd({ ...hours, horizonDays: "50" })));
    expect(saved).toMatchObject({ status: "success" });
    expect((await t.db.advisor.findUniqueOrThrow({ where: { userId: idOf.staff } })).horizonDays).toBe(50);
  });
});

describe("a refused save keeps what was typed", () => {
  it("answers the field errors with the posted values, rows and ticked call types included", async () => {
    const out = await as("staff", () =>
      actions.saveAvailabilityAction(IDLE, fd({ ...hours, "hours.2.1.start": "15:00", "hours.2.1.end": "18:00", bufferMinutes: "7", callTypes: "nope" })),
    );
    expect(out).toMatchObject({
      status: "error",
      fieldErrors: { bufferMinutes: expect.stringMatching(/steps of 5/), callTypes: expect.any(String), "hours.2.1": expect.stringMatching(/overlaps/) },
      values: { bufferMinutes: "7", callTypes: "nope", "hours.2.1.start": "15:00", "hours.2.1.end": "18:00", timeZone: "Europe/Berlin" },
    });
  });
});
