/**
 * Staff sign-in through the console's Server Action, with a real Better Auth instance and a
 * real database. Only Next's request context (headers, cookies, redirect) is simulated.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
process.env.DATABASE_URL = t.url;
process.env.SITE_URL = "http://console.test";

let requestHeaders = new Headers();
const jar = new Map<string, string>();
class Interrupt extends Error {
  constructor(readonly kind: string, readonly to?: string) {
    super(`${kind} ${to ?? ""}`);
  }
}
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Interrupt("redirect", to);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const fd = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

beforeAll(async () => {
  const { getAuth } = await import("@/lib/auth/next");
  const { createStaffUser } = await import("@/lib/auth/auth");
  const auth = getAuth();
  for (const role of ["staff", "admin"] as const) {
    await createStaffUser(auth, { email: `${role}-matrix@loomstack.example`, name: `Matrix ${role}`, password: `matrix-${role}-password-1`, role });
  }
}, 60_000);
afterAll(() => t.cleanup());

describe("sign-in", () => {
  it("is rate limited per email address, with a clear retry time, and then refuses even the right password", async () => {
    const { signInAction } = (await import("@/app/(console)/console/sign-in/actions")) as typeof import("@/app/(console)/console/sign-in/actions");
    const email = "admin-matrix@loomstack.example";
    requestHeaders = new Headers({ origin: "http://console.test", "x-forwarded-for": "198.51.100.77" });
    const attempt = (password: string) => signInAction({ status: "idle" }, fd({ email, password, next: "/console" })).catch((e) => e);
    for (let i = 0; i < 6; i++) expect(await attempt("wrong-password-123")).toMatchObject({ status: "error", message: expect.stringContaining("do not match") });
    expect(await attempt("matrix-admin-password-1")).toMatchObject({ status: "error", message: expect.stringMatching(/Too many sign-in attempts\. Try again in \d+ minutes?\./) });
  });

  it("signs in with the right password and sends the person back where they were going", async () => {
    const { signInAction } = (await import("@/app/(console)/console/sign-in/actions")) as typeof import("@/app/(console)/console/sign-in/actions");
    requestHeaders = new Headers({ origin: "http://console.test", "x-forwarded-for": "198.51.100.78" });
    const out = await signInAction({ status: "idle" }, fd({ email: "staff-matrix@loomstack.example", password: "matrix-staff-password-1", next: "/console/leads?status=new" })).catch((e) => e);
    expect(out).toBeInstanceOf(Interrupt);
    expect((out as Interrupt).to).toBe("/console/leads?status=new");
    // An outside address is never a destination.
    const evil = await signInAction({ status: "idle" }, fd({ email: "staff-matrix@loomstack.example", password: "matrix-staff-password-1", next: "//evil.example/" })).catch((e) => e);
    expect((evil as Interrupt).to).toBe("/console");
    const bad = await signInAction({ status: "idle" }, fd({ email: "not an email", password: "" }));
    expect(bad).toMatchObject({ status: "error", fieldErrors: { email: expect.any(String), password: "Enter your password." } });
  });
});
