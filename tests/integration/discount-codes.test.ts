/**
 * Discount and referral codes end to end on a real database (SQLite, and PostgreSQL with
 * TEST_DATABASE=postgres): /apply stores or refuses a code, enrolment spends a single-use
 * code and undoing it frees it (on the timeline), two enrolments racing for one code, the
 * as-you-type check and its limit, the console's search and rules, the defaults.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { firstOpenCohort, rowCounts, testSubmissionDeps } from "../helpers/submissions";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead } from "@/lib/leads/pipeline";
import { changeStatus } from "@/lib/console/pipeline";
import { codeDetail, listCodes, saveCodeRules, CODES_PAGE_SIZE } from "@/lib/console/codes";
import { answerCodeCheck, codeCheckLimiter, TOO_MANY_CHECKS } from "@/lib/discounts/check-endpoint";
import { BUILT_IN_DISCOUNT_DEFAULTS, defaultExpiry, getDiscountDefaults, saveDiscountDefaults } from "@/lib/discounts/defaults";
import { memoryLimiterStore } from "@/lib/rate-limit";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const NOW = new Date("2026-12-07T12:00:00Z");
const LATER = new Date("2027-06-30T23:59:59.999Z");

const PROGRAM_NAMES: Record<string, string> = {
  "data-analytics": "Data Analytics",
  "full-stack-development": "Full-Stack Web Development",
  "machine-learning-engineering": "Machine Learning Engineering",
};

let cohort: { id: string; program: string };
let staffId: string;
let n = 0;

beforeAll(async () => {
  await seedPrograms(t.db, NOW);
  cohort = await firstOpenCohort(t.db, NOW);
  staffId = (await t.db.user.create({ data: { id: "staff-codes", name: "Sol Staff", email: "sol@loomstack.example", role: "staff" } })).id;
});
afterAll(() => t.cleanup());

/** A code owned by a fresh contact. */
async function makeCode(over: { code?: string; percent?: number; programSlugs?: string; singleUse?: boolean; expiresAt?: Date; usedOnLeadId?: string } = {}) {
  const i = ++n;
  const owner = await t.db.contact.create({
    data: { email: `owner-${i}@example.com`, name: `Owner ${i}`, referralCode: `OWNR${i}X${randomUUID().slice(0, 4).toUpperCase()}` },
  });
  return t.db.discountCode.create({
    data: {
      code: over.code ?? `LOOM20-T${i}Q${randomUUID().slice(0, 4).toUpperCase()}`,
      contactId: owner.id,
      normalizedEmail: owner.email!,
      percent: over.percent ?? 20,
      programSlugs: over.programSlugs ?? "[]",
      singleUse: over.singleUse ?? true,
      expiresAt: over.expiresAt ?? LATER,
      usedOnLeadId: over.usedOnLeadId ?? null,
    },
  });
}

const apply = (email: string, over: Record<string, unknown> = {}) =>
  submitLead(
    deps,
    "enroll",
    {
      name: "Ada Applicant",
      email,
      phone: "",
      program: cohort.program,
      cohort: cohort.id,
      paymentOption: "instalments",
      experience: "beginner",
      consent: "on",
      submissionToken: randomUUID(),
      ...over,
    },
    { ip: "203.0.113.9", now: NOW },
  );

async function appliedWith(code: string, email = `applicant-${++n}@example.com`) {
  const out = await apply(email, { code });
  if (out.kind !== "saved") throw new Error(`not saved: ${JSON.stringify(out)}`);
  return out.leadId;
}

describe("/apply with a code", () => {
  it("stores the code on the lead, whatever the case typed", async () => {
    const code = await makeCode();
    const out = await apply("store@example.com", { code: `  ${code.code.toLowerCase()} ` });
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId } });
    expect(lead.discountCodeId).toBe(code.id);
    expect(JSON.parse(lead.fields)).toMatchObject({ code: code.code });
    // Applying with it does not spend it: enrolment does.
    expect((await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } })).usedOnLeadId).toBeNull();
  });

  it("without a code, the lead has none", async () => {
    const out = await apply("nocode@example.com", { code: "" });
    expect(out.kind).toBe("saved");
    if (out.kind === "saved") expect((await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId } })).discountCodeId).toBeNull();
  });

  it("refuses an unknown, expired, used or other-program code next to the field, saving nothing", async () => {
    const expired = await makeCode({ expiresAt: new Date("2026-12-01T23:59:59.999Z") });
    const used = await makeCode({ usedOnLeadId: "some-enrolled-lead" });
    const otherProgram = Object.keys(PROGRAM_NAMES).find((s) => s !== cohort.program)!;
    const other = await makeCode({ programSlugs: JSON.stringify([otherProgram]) });
    const before = await rowCounts(t.db, ["leads", "contacts", "emails"]);
    const cases: [string, string][] = [
      ["LOOM20-UNKNOWN1", "We do not recognise this code. Check it against the email it came in, or leave the field empty."],
      [expired.code, "This code expired on 1 December 2026."],
      [used.code, "This code has already been used for an enrolment, so it cannot be used again."],
      [other.code, `This code is not valid for ${PROGRAM_NAMES[cohort.program]}. It is valid for ${PROGRAM_NAMES[otherProgram]}.`],
    ];
    for (const [code, message] of cases) {
      const out = await apply(`refused-${++n}@example.com`, { code });
      expect(out).toEqual({ kind: "invalid", fieldErrors: { code: message } });
    }
    expect(await rowCounts(t.db, ["leads", "contacts", "emails"])).toEqual(before);
  });

  it("a revision adds a code to a lead without one, and never replaces one", async () => {
    const first = await makeCode();
    const second = await makeCode();
    const a = await apply("revision@example.com");
    const b = await apply("revision@example.com", { code: first.code });
    const c = await apply("revision@example.com", { code: second.code });
    expect([a, b, c].map((o) => o.kind === "saved" && o.leadId)).toEqual([expect.any(String), a.kind === "saved" && a.leadId, a.kind === "saved" && a.leadId]);
    const lead = await t.db.lead.findFirstOrThrow({ where: { email: "revision@example.com" } });
    expect(lead).toMatchObject({ revision: 3, discountCodeId: first.id });
  });

  it("a friend's referral code typed in the field counts as their referral link", async () => {
    const friend = await t.db.contact.create({ data: { email: "friend-ref@example.com", name: "Fern Friend", referralCode: "FERNREF7" } });
    const out = await apply("referred-by-typing@example.com", { code: "fernref7" });
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId }, include: { contact: true } });
    expect(lead).toMatchObject({ referredById: friend.id, referralCode: "FERNREF7", discountCodeId: null });
    expect(lead.contact.referredById).toBe(friend.id);
  });
});

describe("enrolment spends a single-use code", () => {
  it("marks it used on enrolled, frees it on undo, and both are on the timeline", async () => {
    const code = await makeCode();
    const leadId = await appliedWith(code.code);
    const enrolledAt = new Date("2027-01-10T09:00:00Z");
    expect(await changeStatus(t.db, { leadId, actorId: staffId, status: "enrolled", now: enrolledAt })).toEqual({ ok: true });
    expect(await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } })).toMatchObject({ usedOnLeadId: leadId, usedAt: enrolledAt });

    // Used now: a new application with it is refused.
    const again = await apply("second-try@example.com", { code: code.code });
    expect(again).toMatchObject({ kind: "invalid", fieldErrors: { code: "This code has already been used for an enrolment, so it cannot be used again." } });

    const undoneAt = new Date("2027-01-11T09:00:00Z");
    expect(await changeStatus(t.db, { leadId, actorId: staffId, status: "qualified", now: undoneAt })).toEqual({ ok: true });
    expect(await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } })).toMatchObject({ usedOnLeadId: null, usedAt: null });

    const rows = await t.db.leadActivity.findMany({ where: { leadId, type: "code" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.detail, r.actorId, r.createdAt.toISOString()])).toEqual([
      [`Discount code ${code.code} marked used on this enrolment.`, staffId, enrolledAt.toISOString()],
      [`Discount code ${code.code} freed: the enrolment was undone.`, staffId, undoneAt.toISOString()],
    ]);
  });

  it("other moves, and reusable codes, leave the code alone", async () => {
    const code = await makeCode();
    const leadId = await appliedWith(code.code);
    await changeStatus(t.db, { leadId, actorId: staffId, status: "contacted", now: NOW });
    expect((await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } })).usedOnLeadId).toBeNull();

    const reusable = await makeCode({ singleUse: false });
    const a = await appliedWith(reusable.code);
    const b = await appliedWith(reusable.code);
    expect(await changeStatus(t.db, { leadId: a, actorId: staffId, status: "enrolled", now: NOW })).toEqual({ ok: true });
    expect(await changeStatus(t.db, { leadId: b, actorId: staffId, status: "enrolled", now: NOW })).toEqual({ ok: true });
    expect((await t.db.discountCode.findUniqueOrThrow({ where: { id: reusable.id } })).usedOnLeadId).toBeNull();
    expect(await t.db.leadActivity.count({ where: { leadId: { in: [a, b, leadId] }, type: "code" } })).toBe(0);
  });

  it("a second lead with the same code is enrolled with a warning; the code stays with the first", async () => {
    const code = await makeCode();
    const first = await appliedWith(code.code);
    const second = await appliedWith(code.code);
    expect(await changeStatus(t.db, { leadId: first, actorId: staffId, status: "enrolled", now: NOW })).toEqual({ ok: true });
    const out = await changeStatus(t.db, { leadId: second, actorId: staffId, status: "enrolled", now: NOW });
    expect(out).toEqual({
      ok: true,
      warning: `Enrolled, but discount code ${code.code} was not applied: it is already used on another enrolled lead. Settle the price with the person.`,
    });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: second } })).status).toBe("enrolled");
    expect((await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } })).usedOnLeadId).toBe(first);
    expect((await t.db.leadActivity.findFirstOrThrow({ where: { leadId: second, type: "code" } })).detail).toBe(
      `Discount code ${code.code} not applied: already used on another enrolled lead.`,
    );
    // Undoing the second one's enrolment does not free the first one's code.
    await changeStatus(t.db, { leadId: second, actorId: staffId, status: "qualified", now: NOW });
    expect((await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } })).usedOnLeadId).toBe(first);
  });

  it("two leads with one code enrolled at the same moment: exactly one gets it", async () => {
    for (let round = 0; round < 5; round++) {
      const code = await makeCode();
      const leads = await Promise.all([appliedWith(code.code), appliedWith(code.code), appliedWith(code.code)]);
      const results = await Promise.all(leads.map((leadId) => changeStatus(t.db, { leadId, actorId: staffId, status: "enrolled", now: NOW })));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.filter((r) => r.ok && r.warning)).toHaveLength(2);
      const stored = await t.db.discountCode.findUniqueOrThrow({ where: { id: code.id } });
      expect(leads).toContain(stored.usedOnLeadId);
      const winner = leads.indexOf(stored.usedOnLeadId!);
      expect(results[winner]).toEqual({ ok: true });
      expect(await t.db.lead.count({ where: { id: { in: leads }, status: "enrolled" } })).toBe(3);
    }
  });
});

describe("the as-you-type check", () => {
  it("answers with the description or the refusal", async () => {
    const code = await makeCode({ programSlugs: JSON.stringify(["data-analytics"]), percent: 30 });
    const d = { db: t.db, limiter: codeCheckLimiter(memoryLimiterStore()) };
    expect(await answerCodeCheck(d, { ip: "198.51.100.1", code: code.code.toLowerCase(), program: null, now: NOW })).toEqual({
      status: 200,
      body: { ok: true, message: "30% off the tuition of Data Analytics, valid until 30 June 2027" },
    });
    expect(await answerCodeCheck(d, { ip: "198.51.100.1", code: code.code, program: "full-stack-development", now: NOW })).toEqual({
      status: 200,
      body: { ok: false, message: "This code is not valid for Full-Stack Web Development. It is valid for Data Analytics." },
    });
    // An odd program value is ignored rather than looked up.
    expect((await answerCodeCheck(d, { ip: "198.51.100.1", code: code.code, program: "<script>", now: NOW })).body.ok).toBe(true);
  });

  it("is limited per client address", async () => {
    const code = await makeCode();
    const d = { db: t.db, limiter: codeCheckLimiter(memoryLimiterStore(), { points: 3, durationSeconds: 600 }) };
    const ask = (ip: string) => answerCodeCheck(d, { ip, code: code.code, program: null, now: NOW });
    for (let i = 0; i < 3; i++) expect((await ask("198.51.100.2")).status).toBe(200);
    const refused = await ask("198.51.100.2");
    expect(refused).toMatchObject({ status: 429, body: { ok: false, message: TOO_MANY_CHECKS } });
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // Another address has its own count; IPv6 counts by /64.
    expect((await ask("198.51.100.3")).status).toBe(200);
    for (let i = 0; i < 3; i++) await ask(`2001:db8:1:2::${i + 1}`);
    expect((await ask("2001:db8:1:2::99")).status).toBe(429);
  });
});

describe("the console", () => {
  it("finds codes by any part, in any case, with owner, rules and use", async () => {
    const code = await makeCode({ code: "LOOM20-ZQ7SEARCH", programSlugs: JSON.stringify([cohort.program]) });
    const leadId = await appliedWith(code.code, "search-user@example.com");
    await changeStatus(t.db, { leadId, actorId: staffId, status: "enrolled", now: NOW });
    for (const q of ["zq7s", "Q7SEAR", "loom20-zq7search", " 7search "]) {
      const { rows } = await listCodes(t.db, { q });
      expect(rows.map((r) => r.code)).toEqual(["LOOM20-ZQ7SEARCH"]);
    }
    const [row] = (await listCodes(t.db, { q: "ZQ7SEARCH" })).rows;
    expect(row).toMatchObject({
      percent: 20,
      programs: [PROGRAM_NAMES[cohort.program]],
      singleUse: true,
      expiresAt: LATER,
      owner: { contactId: code.contactId, email: expect.stringMatching(/^owner-\d+@example\.com$/) },
      used: { leadId, leadName: "Ada Applicant", at: NOW },
    });
    expect((await listCodes(t.db, { q: "NO-SUCH-PART" })).rows).toEqual([]);
  });

  it("pages the list, newest first", async () => {
    const { total, pages } = await listCodes(t.db, {});
    expect(total).toBe(await t.db.discountCode.count());
    expect(pages).toBe(Math.max(1, Math.ceil(total / CODES_PAGE_SIZE)));
    const all = (await listCodes(t.db, {})).rows;
    expect(all.map((r) => r.createdAt.getTime())).toEqual([...all.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
  });

  it("saves a code's rules, and refuses bad ones with field errors", async () => {
    const code = await makeCode();
    expect(await saveCodeRules(t.db, code.id, { percent: "35", expiresOn: "2027-03-05", singleUse: "", programs: ["data-analytics"] })).toEqual({ ok: true });
    const saved = await codeDetail(t.db, code.id);
    expect(saved).toMatchObject({ percent: 35, singleUse: false, programSlugs: ["data-analytics"], expiresAt: new Date("2027-03-05T23:59:59.999Z") });
    // The new rules are what /apply says.
    const d = { db: t.db, limiter: codeCheckLimiter(memoryLimiterStore()) };
    expect((await answerCodeCheck(d, { ip: "198.51.100.9", code: code.code, program: null, now: NOW })).body.message).toBe(
      "35% off the tuition of Data Analytics, valid until 5 March 2027",
    );

    expect(await saveCodeRules(t.db, code.id, { percent: "101", expiresOn: "", programs: ["no-such-program"] })).toEqual({
      ok: false,
      fieldErrors: { percent: "Enter the percentage off from 1 to 100.", expiresOn: "Enter the last day the code works." },
    });
    expect(await saveCodeRules(t.db, code.id, { percent: "10", expiresOn: "2027-03-05", programs: ["no-such-program"] })).toEqual({
      ok: false,
      fieldErrors: { programs: "Choose programs from the list." },
    });
    expect(await saveCodeRules(t.db, "no-such-code", { percent: "10", expiresOn: "2027-03-05" })).toEqual({ ok: false, notFound: true, fieldErrors: {} });
    expect((await codeDetail(t.db, code.id))?.percent).toBe(35);
  });
});

describe("defaults for new codes", () => {
  it("are 20% for 90 days on every program, single use, until an admin changes them", async () => {
    await t.db.setting.deleteMany({ where: { key: "discountDefaults" } });
    expect(await getDiscountDefaults(t.db)).toEqual({ percent: 20, expiryDays: 90, singleUse: true, programSlugs: [] });
    expect(BUILT_IN_DISCOUNT_DEFAULTS).toEqual({ percent: 20, expiryDays: 90, singleUse: true, programSlugs: [] });
    expect(defaultExpiry({ expiryDays: 90 }, new Date("2027-01-01T00:00:00Z"))).toEqual(new Date("2027-04-01T00:00:00Z"));

    expect(await saveDiscountDefaults(t.db, { percent: "15", expiryDays: "30", singleUse: "", programs: ["data-analytics"] }, staffId)).toEqual({
      ok: true,
      changed: true,
    });
    expect(await getDiscountDefaults(t.db)).toEqual({ percent: 15, expiryDays: 30, singleUse: false, programSlugs: ["data-analytics"] });
    expect(await saveDiscountDefaults(t.db, { percent: "15", expiryDays: "30", singleUse: "", programs: ["data-analytics"] }, staffId)).toEqual({
      ok: true,
      changed: false,
    });
    expect(await saveDiscountDefaults(t.db, { percent: "abc", expiryDays: "0" }, staffId)).toEqual({
      ok: false,
      fieldErrors: { percent: "Enter the percentage off as a whole number.", expiryDays: "Enter the number of days a new code works from 1 to 3650 days." },
    });
    // An unreadable stored value falls back to the built-in defaults.
    await t.db.setting.update({ where: { key: "discountDefaults" }, data: { value: "{not json" } });
    expect(await getDiscountDefaults(t.db)).toEqual({ percent: 20, expiryDays: 90, singleUse: true, programSlugs: [] });
  });
});
