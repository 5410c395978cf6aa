import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { createAuth, createStaffUser } from "@/lib/auth/auth";
import {
  changeStaffRole,
  checkStaffChange,
  createStaffAccount,
  disableStaffAccount,
  enableStaffAccount,
  getStaffAccount,
  listStaffAccounts,
  resetStaffPassword,
} from "@/lib/console/staff-accounts";

const t = createTestDb();
const auth = createAuth({ db: t.db, secret: "console-staff-test-secret-0123456789abcdef", baseURL: "http://localhost:3000" });
const PASSWORD = "correct horse battery";
let ana: string; // admin
let ben: string; // staff

async function account(email: string, role: "admin" | "staff", name = email.split("@")[0]) {
  return (await createStaffUser(auth, { email, name, password: PASSWORD, role })).id;
}

/** Signs in through Better Auth; the session token, or the error code. */
async function signIn(email: string, password = PASSWORD): Promise<{ token: string } | { error: string }> {
  try {
    const r = await auth.api.signInEmail({ body: { email, password } });
    return { token: r.token };
  } catch (error) {
    return { error: (error as { body?: { code?: string } }).body?.code ?? String(error) };
  }
}

const sessions = (userId: string) => t.db.session.count({ where: { userId } });

beforeAll(async () => {
  ana = await account("ana@loomstack.example", "admin", "Ana Admin");
  ben = await account("ben@loomstack.example", "staff", "Ben Staff");
});
afterAll(() => t.cleanup());

describe("the guard rules", () => {
  const admins = ["a1", "a2"];
  const admin = (id: string) => ({ id, role: "admin", banned: false });
  it("lets an admin demote or disable another admin while one stays", () => {
    expect(checkStaffChange("a1", admin("a2"), { kind: "role", role: "staff" }, admins)).toBeNull();
    expect(checkStaffChange("a1", admin("a2"), { kind: "disable" }, admins)).toBeNull();
  });
  it("never lets an admin demote or disable themselves", () => {
    expect(checkStaffChange("a1", admin("a1"), { kind: "role", role: "staff" }, admins)?.code).toBe("self");
    expect(checkStaffChange("a1", admin("a1"), { kind: "disable" }, admins)?.code).toBe("self");
    expect(checkStaffChange("a1", admin("a1"), { kind: "role", role: "staff" }, ["a1"])?.code).toBe("last_admin");
  });
  it("allows what removes no admin: promoting, re-enabling, keeping the role", () => {
    expect(checkStaffChange("a1", admin("a1"), { kind: "role", role: "admin" }, ["a1"])).toBeNull();
    expect(checkStaffChange("a1", { id: "s1", role: "staff", banned: false }, { kind: "disable" }, ["a1"])).toBeNull();
    expect(checkStaffChange("a1", { id: "a3", role: "admin", banned: true }, { kind: "enable" }, ["a1"])).toBeNull();
  });
  it("refuses anyone who is not an active admin any more", () => {
    expect(checkStaffChange("s1", { id: "s2", role: "staff", banned: false }, { kind: "disable" }, ["a1"])?.code).toBe("not_admin");
  });
});

describe("creating accounts", () => {
  it("creates an account with the given password; it can sign in", async () => {
    const out = await createStaffAccount(auth, { name: " Cleo Coach ", email: " Cleo@Loomstack.EXAMPLE ", role: "staff", password: "a long enough password" });
    expect(out).toMatchObject({ ok: true, name: "Cleo Coach", email: "cleo@loomstack.example", role: "staff" });
    expect(out.ok && out.generatedPassword).toBeFalsy();
    expect(await signIn("cleo@loomstack.example", "a long enough password")).toHaveProperty("token");
    const stored = await t.db.account.findFirstOrThrow({ where: { user: { email: "cleo@loomstack.example" } } });
    expect(stored.password).not.toContain("a long enough password");
  });

  it("generates a password when none is given, and returns it once", async () => {
    const out = await createStaffAccount(auth, { name: "Dev Admin", email: "dev@loomstack.example", role: "admin", password: "" });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await signIn("dev@loomstack.example", out.generatedPassword)).toHaveProperty("token");
    expect((await getStaffAccount(t.db, out.id))?.role).toBe("admin");
  });

  it("explains what is wrong, field by field", async () => {
    expect(await createStaffAccount(auth, { name: "", email: "not an email", role: "owner", password: "short" })).toEqual({
      ok: false,
      fieldErrors: {
        name: "Enter the person's name.",
        email: "Enter an email address like name@example.com.",
        role: "Choose admin or staff.",
        password: "Use at least 12 characters, or leave it empty to generate one.",
      },
    });
    expect(await createStaffAccount(auth, { name: "Ana Again", email: "ANA@loomstack.example", role: "staff", password: "" })).toEqual({
      ok: false,
      fieldErrors: { email: "There is already a staff account for ana@loomstack.example." },
    });
  });

  it("lists accounts with role, state and open sessions", async () => {
    await signIn("ben@loomstack.example");
    const rows = await listStaffAccounts(t.db);
    const b = rows.find((r) => r.id === ben)!;
    expect(b).toMatchObject({ name: "Ben Staff", email: "ben@loomstack.example", role: "staff", disabled: false });
    expect(b.openSessions).toBeGreaterThanOrEqual(1);
    expect(b.lastSignInAt).toBeInstanceOf(Date);
  });
});

describe("roles", () => {
  it("an admin can promote and demote someone else", async () => {
    expect(await changeStaffRole(t.db, ana, ben, "admin")).toEqual({ ok: true, name: "Ben Staff", changed: true });
    expect(await changeStaffRole(t.db, ana, ben, "admin")).toEqual({ ok: true, name: "Ben Staff", changed: false });
    expect(await changeStaffRole(t.db, ana, ben, "staff")).toMatchObject({ ok: true, changed: true });
    expect((await getStaffAccount(t.db, ben))?.role).toBe("staff");
  });

  it("an admin cannot demote themselves", async () => {
    expect(await changeStaffRole(t.db, ana, ana, "staff")).toMatchObject({ ok: false, code: "self" });
    expect((await getStaffAccount(t.db, ana))?.role).toBe("admin");
  });

  it("staff cannot change roles, even by calling the function directly", async () => {
    expect(await changeStaffRole(t.db, ben, ben, "admin")).toMatchObject({ ok: false, code: "not_admin" });
    expect(await changeStaffRole(t.db, ben, ana, "staff")).toMatchObject({ ok: false, code: "not_admin" });
    expect((await getStaffAccount(t.db, ben))?.role).toBe("staff");
  });

  it("an unknown account is reported, not created", async () => {
    expect(await changeStaffRole(t.db, ana, "nobody", "admin")).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("the last active admin", () => {
  it("two admins demoting each other at the same moment leave one admin, never none", async () => {
    const db2 = createTestDb();
    try {
      const auth2 = createAuth({ db: db2.db, secret: "console-staff-test-secret-0123456789abcdef", baseURL: "http://localhost:3000" });
      const a = (await createStaffUser(auth2, { email: "a@x.example", name: "A", password: PASSWORD, role: "admin" })).id;
      const b = (await createStaffUser(auth2, { email: "b@x.example", name: "B", password: PASSWORD, role: "admin" })).id;
      const results = await Promise.all([changeStaffRole(db2.db, a, b, "staff"), changeStaffRole(db2.db, b, a, "staff")]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: "not_admin" });
      const roles = (await db2.db.user.findMany()).map((u) => u.role);
      expect(roles.filter((r) => r === "admin")).toHaveLength(1);

      // Same race with disabling.
      const c = (await createStaffUser(auth2, { email: "c@x.example", name: "C", password: PASSWORD, role: "admin" })).id;
      const survivor = results[0].ok ? a : b;
      const both = await Promise.all([disableStaffAccount(db2.db, survivor, c), disableStaffAccount(db2.db, c, survivor)]);
      expect(both.filter((r) => r.ok)).toHaveLength(1);
      const active = (await db2.db.user.findMany()).filter((u) => u.role === "admin" && !u.banned);
      expect(active).toHaveLength(1);
    } finally {
      await db2.cleanup();
    }
  });

  it("the only admin cannot demote or disable themselves", async () => {
    const db3 = createTestDb();
    try {
      const auth3 = createAuth({ db: db3.db, secret: "console-staff-test-secret-0123456789abcdef", baseURL: "http://localhost:3000" });
      const solo = (await createStaffUser(auth3, { email: "solo@x.example", name: "Solo", password: PASSWORD, role: "admin" })).id;
      expect(await changeStaffRole(db3.db, solo, solo, "staff")).toMatchObject({ ok: false, code: "last_admin" });
      expect(await disableStaffAccount(db3.db, solo, solo)).toMatchObject({ ok: false, code: "last_admin" });
      // A disabled admin does not count: with only disabled others, Solo is still the last.
      const other = (await createStaffUser(auth3, { email: "gone@x.example", name: "Gone", password: PASSWORD, role: "admin" })).id;
      expect(await disableStaffAccount(db3.db, solo, other)).toMatchObject({ ok: true, changed: true });
      expect(await changeStaffRole(db3.db, solo, solo, "staff")).toMatchObject({ ok: false, code: "last_admin" });
      // ...and a disabled admin can no longer act.
      expect(await enableStaffAccount(db3.db, other, other)).toMatchObject({ ok: false, code: "not_admin" });
    } finally {
      await db3.cleanup();
    }
  });
});

describe("disabling and enabling", () => {
  it("disabling signs the person out everywhere and stops them signing in; enabling lets them back", async () => {
    expect(await signIn("ben@loomstack.example")).toHaveProperty("token");
    expect(await sessions(ben)).toBeGreaterThan(0);

    expect(await disableStaffAccount(t.db, ana, ben, "Ana Admin")).toEqual({ ok: true, name: "Ben Staff", changed: true });
    expect(await sessions(ben)).toBe(0);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: ben } })).toMatchObject({
      banned: true,
      banReason: "Disabled in the staff console by Ana Admin",
      banExpires: null,
    });
    expect(await signIn("ben@loomstack.example")).toEqual({ error: "BANNED_USER" });
    expect((await getStaffAccount(t.db, ben))?.disabled).toBe(true);

    expect(await disableStaffAccount(t.db, ana, ben)).toMatchObject({ ok: true, changed: false });
    expect(await enableStaffAccount(t.db, ana, ben)).toMatchObject({ ok: true, changed: true });
    expect(await signIn("ben@loomstack.example")).toHaveProperty("token");
  });

  it("an admin cannot disable themselves", async () => {
    expect(await disableStaffAccount(t.db, ana, ana)).toMatchObject({ ok: false, code: "self" });
    expect(await signIn("ana@loomstack.example")).toHaveProperty("token");
  });
});

describe("resetting a password", () => {
  it("sets the new password and signs the person out everywhere", async () => {
    await signIn("ben@loomstack.example");
    await signIn("ben@loomstack.example");
    expect(await sessions(ben)).toBeGreaterThanOrEqual(2);
    const out = await resetStaffPassword(auth, t.db, ana, ben, { password: "a brand new passphrase" });
    expect(out).toEqual({ ok: true, name: "Ben Staff", generatedPassword: undefined });
    expect(await sessions(ben)).toBe(0);
    expect(await signIn("ben@loomstack.example")).toEqual({ error: "INVALID_EMAIL_OR_PASSWORD" });
    expect(await signIn("ben@loomstack.example", "a brand new passphrase")).toHaveProperty("token");
  });

  it("generates one when left empty", async () => {
    const out = await resetStaffPassword(auth, t.db, ana, ben, { password: "" });
    expect(out.ok).toBe(true);
    if (!out.ok || !("generatedPassword" in out) || !out.generatedPassword) throw new Error("no password generated");
    expect(await signIn("ben@loomstack.example", out.generatedPassword)).toHaveProperty("token");
  });

  it("refuses short passwords, staff callers and unknown accounts", async () => {
    expect(await resetStaffPassword(auth, t.db, ana, ben, { password: "too short" })).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.stringMatching(/12 characters/) },
    });
    expect(await resetStaffPassword(auth, t.db, ben, ana, { password: "" })).toMatchObject({ ok: false, code: "not_admin" });
    expect(await resetStaffPassword(auth, t.db, ana, "nobody", { password: "" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await signIn("ana@loomstack.example")).toHaveProperty("token");
  });
});
