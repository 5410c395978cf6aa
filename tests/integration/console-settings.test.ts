import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { narrow } from "../helpers/narrow";
import { seedPrograms } from "@/lib/content/seed-programs";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { submitLead, type SubmissionDeps } from "@/lib/leads/pipeline";
import { defaultStaffRecipients, staffRecipients, staffRecipientsFromSettings } from "@/lib/leads/run-form-action";
import {
  cachedStaffRecipientSettings,
  forgetCachedSettings,
  getStaffRecipientSettings,
  recipientListSchema,
  recipientsKey,
  saveStaffRecipientSettings,
  SETTINGS_TTL_MS,
  staffRecipientRows,
} from "@/lib/console/settings";
import { FORM_TYPES } from "@/lib/leads/form-types";
import { siteConfig } from "@/lib/site-config";

const t = createTestDb();
const envOf = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;
const env = envOf({});
const empty = Object.fromEntries(FORM_TYPES.map((f) => [f, ""]));
let adminId: string;

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  adminId = (await t.db.user.create({ data: { id: "admin-1", name: "Ana Admin", email: "ana@loomstack.example", role: "admin" } })).id;
});
beforeEach(async () => {
  await t.db.setting.deleteMany();
  forgetCachedSettings();
});
afterAll(() => t.cleanup());

describe("the recipient list", () => {
  it("accepts commas, semicolons or new lines; lower-cases and removes repeats", () => {
    expect(recipientListSchema.parse(" Sales@Loomstack.example, ops@loomstack.example;\nsales@loomstack.example ,")).toEqual([
      "sales@loomstack.example",
      "ops@loomstack.example",
    ]);
    expect(recipientListSchema.parse("   ")).toEqual([]);
    expect(recipientListSchema.parse(undefined)).toEqual([]);
  });

  it("names the address that is wrong", () => {
    const r = recipientListSchema.safeParse("ok@loomstack.example, not-an-email");
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toBe('"not-an-email" is not an email address. Separate addresses with commas.');
    expect(recipientListSchema.safeParse("a@b.example b@c.example").success).toBe(false);
    expect(recipientListSchema.safeParse(Array.from({ length: 21 }, (_, i) => `p${i}@x.example`).join(",")).success).toBe(false);
  });
});

describe("saving settings", () => {
  it("stores one row per form that has recipients, with who set it", async () => {
    const out = await saveStaffRecipientSettings(
      t.db,
      { ...empty, quote: "Sales@Loomstack.example, ana@loomstack.example", enroll: "admissions@loomstack.example" },
      adminId,
    );
    expect(out).toEqual({ ok: true, changed: ["enroll", "quote"] });
    expect(await getStaffRecipientSettings(t.db)).toEqual({
      enroll: ["admissions@loomstack.example"],
      quote: ["sales@loomstack.example", "ana@loomstack.example"],
    });
    const row = await t.db.setting.findUniqueOrThrow({ where: { key: recipientsKey("quote") } });
    expect(row).toMatchObject({ key: "staffRecipients.quote", value: "sales@loomstack.example, ana@loomstack.example", updatedById: adminId });
    expect((await staffRecipientRows(t.db)).quote?.updatedBy).toEqual({ name: "Ana Admin", email: "ana@loomstack.example" });
  });

  it("an emptied field removes the setting (back to the default); unchanged fields are not rewritten", async () => {
    await saveStaffRecipientSettings(t.db, { ...empty, quote: "sales@loomstack.example", callback: "phones@loomstack.example" }, adminId);
    const before = await t.db.setting.findUniqueOrThrow({ where: { key: recipientsKey("callback") } });
    const out = await saveStaffRecipientSettings(t.db, { ...empty, callback: "PHONES@loomstack.example" }, "someone-else");
    expect(out).toEqual({ ok: true, changed: ["quote"] });
    expect(await t.db.setting.findUnique({ where: { key: recipientsKey("quote") } })).toBeNull();
    expect(await t.db.setting.findUniqueOrThrow({ where: { key: recipientsKey("callback") } })).toEqual(before);
  });

  it("rejects the whole save with an error next to each bad field", async () => {
    const out = await saveStaffRecipientSettings(t.db, { ...empty, quote: "sales@loomstack.example", referral: "nope", redemption: "x@y" }, adminId);
    expect(Object.keys(narrow(out, "ok", false).fieldErrors).sort()).toEqual(["redemption", "referral"]);
    expect(await t.db.setting.count()).toBe(0);
  });

  it("ignores a stored value it cannot read", async () => {
    await t.db.setting.create({ data: { key: recipientsKey("enroll"), value: "garbage;;; <script>" } });
    expect(await getStaffRecipientSettings(t.db)).toEqual({});
  });
});

describe("the per-process cache", () => {
  it("reads settings at most once per TTL, and forgets them when this process saves", async () => {
    const spy = vi.spyOn(t.db.setting, "findMany");
    const start = 1_000_000;
    expect(await cachedStaffRecipientSettings(t.db, start)).toEqual({});
    await t.db.setting.create({ data: { key: recipientsKey("quote"), value: "sales@loomstack.example" } }); // another server saved
    expect(await cachedStaffRecipientSettings(t.db, start + SETTINGS_TTL_MS - 1)).toEqual({});
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await cachedStaffRecipientSettings(t.db, start + SETTINGS_TTL_MS + 1)).toEqual({ quote: ["sales@loomstack.example"] });

    await saveStaffRecipientSettings(t.db, { ...empty, quote: "deals@loomstack.example" }, adminId);
    expect(await cachedStaffRecipientSettings(t.db, start + SETTINGS_TTL_MS + 2)).toEqual({ quote: ["deals@loomstack.example"] });
    spy.mockRestore();
  });

  it("does not keep a failed read", async () => {
    const spy = vi.spyOn(t.db.setting, "findMany").mockRejectedValueOnce(new Error("database is locked"));
    await expect(cachedStaffRecipientSettings(t.db, 5)).rejects.toThrow("locked");
    expect(await cachedStaffRecipientSettings(t.db, 6)).toEqual({});
    spy.mockRestore();
  });
});

describe("who new leads notify", () => {
  it("setting, else STAFF_EMAIL_<FORM>, else STAFF_EMAIL, else the staff inbox", () => {
    expect(staffRecipients("quote", envOf({}))).toEqual([siteConfig.staffInbox]);
    expect(staffRecipients("quote", envOf({ STAFF_EMAIL: "a@x.example, b@x.example" }))).toEqual(["a@x.example", "b@x.example"]);
    expect(staffRecipients("quote", envOf({ STAFF_EMAIL: "a@x.example", STAFF_EMAIL_QUOTE: "q@x.example" }))).toEqual(["q@x.example"]);
    expect(staffRecipients("quote", envOf({ STAFF_EMAIL_QUOTE: "q@x.example" }), ["set@x.example"])).toEqual(["set@x.example"]);
    expect(staffRecipients("quote", envOf({ STAFF_EMAIL_QUOTE: "q@x.example" }), [])).toEqual(["q@x.example"]);
    expect(defaultStaffRecipients("enroll", envOf({ STAFF_EMAIL_ENROLL: "e@x.example" }))).toEqual({ emails: ["e@x.example"], source: "STAFF_EMAIL_ENROLL" });
  });

  it("falls back to the defaults if the settings cannot be read, so the lead is still saved", async () => {
    const spy = vi.spyOn(t.db.setting, "findMany").mockRejectedValueOnce(new Error("boom"));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await staffRecipientsFromSettings(t.db, "quote", envOf({ STAFF_EMAIL: "fallback@x.example" }))).toEqual(["fallback@x.example"]);
    spy.mockRestore();
    log.mockRestore();
  });

  const deps: SubmissionDeps = {
    db: t.db,
    limiter: createMemoryRateLimiter({ ip: { points: 10_000, durationSeconds: 600 }, identity: { points: 10_000, durationSeconds: 600 } }),
    siteUrl: "https://loomstack.example",
    staffRecipients: (f) => staffRecipientsFromSettings(t.db, f, env),
  };
  const newsletter = (email: string) => ({ email, consent: "on", submissionToken: randomUUID() });
  const staffEmails = async (leadId: string) =>
    (await t.db.emailMessage.findMany({ where: { leadId, template: "staff-new-lead" }, orderBy: { idempotencyKey: "asc" } })).map((m) => m.toAddress);

  it("new leads go to the recipients set in the console, and back to the default when cleared", async () => {
    let out = await submitLead(deps, "newsletter", newsletter("reader1@example.com"), { ip: "203.0.113.9" });
    expect(await staffEmails(narrow(out, "kind", "saved").leadId)).toEqual([siteConfig.staffInbox]);

    await saveStaffRecipientSettings(t.db, { ...empty, newsletter: "growth@loomstack.example, editor@loomstack.example" }, adminId);
    out = await submitLead(deps, "newsletter", newsletter("reader2@example.com"), { ip: "203.0.113.9" });
    expect(await staffEmails(narrow(out, "kind", "saved").leadId)).toEqual(["growth@loomstack.example", "editor@loomstack.example"]);

    // Other forms keep their own default.
    const cb = await submitLead(
      deps,
      "callback",
      {
        name: "Cal",
        phone: "+44 20 7946 0958",
        platform: "linux",
        bestTime: "morning",
        timeZone: "Europe/London",
        course: "not-sure",
        consent: "on",
        submissionToken: randomUUID(),
      },
      { ip: "203.0.113.9" },
    );
    expect(await staffEmails(narrow(cb, "kind", "saved").leadId)).toEqual([siteConfig.staffInbox]);

    await saveStaffRecipientSettings(t.db, empty, adminId);
    out = await submitLead(deps, "newsletter", newsletter("reader3@example.com"), { ip: "203.0.113.9" });
    expect(await staffEmails(narrow(out, "kind", "saved").leadId)).toEqual([siteConfig.staffInbox]);
  });

  it("reads the recipients before the save transaction, not inside it", async () => {
    let inTransaction = false;
    const original = t.db.$transaction.bind(t.db);
    const spy = vi.spyOn(t.db, "$transaction").mockImplementation(((fn: unknown, opts: unknown) => {
      inTransaction = true;
      return (original as (f: unknown, o: unknown) => Promise<unknown>)(fn, opts).finally(() => (inTransaction = false));
    }) as never);
    const seen: boolean[] = [];
    const out = await submitLead(
      { ...deps, staffRecipients: async () => (seen.push(inTransaction), ["x@loomstack.example"]) },
      "newsletter",
      newsletter("reader4@example.com"),
      { ip: "203.0.113.9" },
    );
    spy.mockRestore();
    expect(out.kind).toBe("saved");
    expect(seen).toEqual([false]);
  });
});
