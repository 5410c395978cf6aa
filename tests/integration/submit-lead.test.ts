import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { seedPrograms } from "@/lib/content/seed-programs";
import Database from "better-sqlite3";
import { createMemoryRateLimiter, createSqliteRateLimiter, pruneExpiredSqlite } from "@/lib/rate-limit";
import { submitLead, UPDATE_WINDOW_MINUTES, type SubmissionDeps } from "@/lib/leads/submit-lead";
import { pointsBalance } from "@/lib/referrals/points";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import type { FormType } from "@/lib/leads/form-types";

const t = createTestDb();
const generous = { ip: { points: 10_000, durationSeconds: 600 }, identity: { points: 10_000, durationSeconds: 600 } };
const deps: SubmissionDeps = {
  db: t.db,
  limiter: createMemoryRateLimiter(generous),
  siteUrl: "https://loomstack.example",
  staffRecipients: () => ["admissions@loomstack.example"],
};
const ctx = { ip: "203.0.113.7" };

let openCohort: { id: string; program: string };

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  const c = await t.db.cohort.findFirstOrThrow({ where: { status: "open" }, include: { program: true }, orderBy: { startDate: "asc" } });
  openCohort = { id: c.id, program: c.program.slug };
});
afterAll(() => t.cleanup());

const enroll = (over: Record<string, unknown> = {}) => ({
  name: "Ada Lovelace",
  email: "ada@example.com",
  phone: "",
  program: openCohort.program,
  cohort: openCohort.id,
  paymentOption: "instalments",
  experience: "beginner",
  goals: "Move into ML engineering.",
  consent: "on",
  submissionToken: randomUUID(),
  ...over,
});

const submit = (formType: FormType, raw: Record<string, unknown>, c: Record<string, unknown> = {}) =>
  submitLead(deps, formType, raw, { ...ctx, ...c });

async function counts() {
  return {
    contacts: await t.db.contact.count(),
    leads: await t.db.lead.count(),
    emails: await t.db.emailMessage.count(),
    points: await t.db.pointsEntry.count(),
  };
}

describe("enroll", () => {
  it("stores the contact, the lead with consent and attribution, and queues two emails in one go", async () => {
    const out = await submit(
      "enroll",
      enroll({ email: "  Grace@Example.COM ", phone: "+44 20 7946 0958", article: "/careers/machine-learning-engineer", cta: "overview-apply", utm_source: "newsletter" }),
      { firstTouch: { landing: "/careers/machine-learning-engineer?utm_medium=email", referrer: "https://search.example/" } },
    );
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId }, include: { contact: true, emails: true } });
    expect(lead.contact.email).toBe("grace@example.com");
    expect(lead).toMatchObject({
      formType: "enroll",
      status: "new",
      email: "grace@example.com",
      phone: "+442079460958",
      programSlug: openCohort.program,
      cohortId: openCohort.id,
      consentVersion: "contact-2026-11",
      article: "/careers/machine-learning-engineer",
      cta: "overview-apply",
      utmSource: "newsletter",
      landingPage: "/careers/machine-learning-engineer?utm_medium=email",
      referrerUrl: "https://search.example/",
    });
    expect(lead.consentText).toMatch(/may contact me/);
    expect(lead.consentAt).toBeInstanceOf(Date);
    expect(JSON.parse(lead.fields)).toMatchObject({ paymentOption: "instalments", experience: "beginner" });
    expect(lead.emails.map((e) => [e.template, e.toAddress, e.status]).sort()).toEqual([
      ["enroll-confirmation", "grace@example.com", "pending"],
      ["staff-new-lead", "admissions@loomstack.example", "pending"],
    ]);
    expect(out.success.headline).toBe("Application received");
  });

  it("rejects bad input with a message per field and stores nothing", async () => {
    const before = await counts();
    const out = await submit("enroll", enroll({ email: "not-an-email", name: "", phone: "12", consent: undefined, paymentOption: "bitcoin" }));
    expect(out.kind).toBe("invalid");
    if (out.kind !== "invalid") return;
    expect(Object.keys(out.fieldErrors).sort()).toEqual(["consent", "email", "name", "paymentOption", "phone"]);
    expect(out.fieldErrors.email).toMatch(/email address like/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a cohort of another program or one that is closed", async () => {
    const other = await t.db.cohort.findFirstOrThrow({ where: { program: { slug: { not: openCohort.program } } } });
    const wrong = await submit("enroll", enroll({ cohort: other.id, email: "wrong@example.com" }));
    expect(wrong).toEqual({ kind: "invalid", fieldErrors: { cohort: "Choose a start date for this program." } });
    const closed = await t.db.cohort.create({
      data: { programId: other.programId, name: "Closed", startDate: new Date(Date.now() + 9e9), endDate: new Date(Date.now() + 9e10), timeZone: "UTC", seats: 1, seatsLeft: 0, status: "closed" },
    });
    const program = await t.db.program.findUniqueOrThrow({ where: { id: other.programId } });
    const out = await submit("enroll", enroll({ program: program.slug, cohort: closed.id, email: "closed@example.com" }));
    expect(out.kind === "invalid" && out.fieldErrors.cohort).toMatch(/no longer taking applications/);
  });

  it("keeps HTML and script as plain text", async () => {
    const out = await submit("enroll", enroll({ email: "xss@example.com", name: '<script>alert("x")</script>', goals: "<img src=x onerror=alert(1)>" }));
    expect(out.kind).toBe("saved");
    const lead = await t.db.lead.findFirstOrThrow({ where: { email: "xss@example.com" } });
    expect(lead.name).toBe('<script>alert("x")</script>');
    expect(JSON.parse(lead.fields).goals).toBe("<img src=x onerror=alert(1)>");
  });

  it("ignores unknown fields", async () => {
    const out = await submit("enroll", enroll({ email: "extra@example.com", status: "enrolled", isAdmin: "yes" }));
    expect(out.kind).toBe("saved");
    const lead = await t.db.lead.findFirstOrThrow({ where: { email: "extra@example.com" } });
    expect(lead.status).toBe("new");
    expect(JSON.parse(lead.fields)).not.toHaveProperty("isAdmin");
  });
});

describe("spam and duplicates", () => {
  it("gives a bot that fills the honeypot a normal success and stores nothing", async () => {
    const before = await counts();
    expect(await submit("enroll", enroll({ email: "bot@example.com", website: "http://spam.example" }))).toEqual({ kind: "ignored" });
    expect(await counts()).toEqual(before);
  });

  it("turns a re-sent submission (same token) into the same lead", async () => {
    const raw = enroll({ email: "double@example.com" });
    const first = await submit("enroll", raw);
    const second = await submit("enroll", raw);
    expect(first.kind === "saved" && second.kind === "saved" && second.leadId).toBe(first.kind === "saved" && first.leadId);
    expect(second.kind === "saved" && second.created).toBe(false);
    expect(await t.db.lead.count({ where: { email: "double@example.com" } })).toBe(1);
    expect(await t.db.emailMessage.count({ where: { lead: { email: "double@example.com" } } })).toBe(2);
  });

  it(`updates the lead when the same person sends the same form within ${UPDATE_WINDOW_MINUTES} minutes, and creates a new one after`, async () => {
    const now = new Date();
    const a = await submit("enroll", enroll({ email: "again@example.com", goals: "first" }), { now });
    const b = await submit("enroll", enroll({ email: "again@example.com", goals: "second" }), { now: new Date(now.getTime() + 60_000) });
    expect(b.kind === "saved" && b.leadId).toBe(a.kind === "saved" && a.leadId);
    const lead = await t.db.lead.findFirstOrThrow({ where: { email: "again@example.com" } });
    expect(lead.revision).toBe(2);
    expect(JSON.parse(lead.fields).goals).toBe("second");
    expect(await t.db.emailMessage.count({ where: { leadId: lead.id } })).toBe(2); // no second confirmation
    const later = new Date(now.getTime() + (UPDATE_WINDOW_MINUTES + 1) * 60_000);
    const c = await submit("enroll", enroll({ email: "again@example.com" }), { now: later });
    expect(c.kind === "saved" && c.created).toBe(true);
    expect(await t.db.lead.count({ where: { email: "again@example.com" } })).toBe(2);
  });
});

describe("rate limits", () => {
  // These two use the SQLite store on the test's file; the PostgreSQL and Redis stores have
  // their own tests (tests/integration/rate-limit-stores.test.ts).
  const sqliteOnly = it.skipIf(t.provider !== "sqlite");

  sqliteOnly("stops a person after the per-email limit with a retry time, and the limit survives a restart", async () => {
    const file = t.url.slice("file:".length);
    const rules = { ip: { points: 100, durationSeconds: 600 }, identity: { points: 2, durationSeconds: 600 } };
    const limited = { ...deps, limiter: createSqliteRateLimiter(file, rules) };
    const go = () => submitLead(limited, "newsletter", { email: "limit@example.com", consent: "on" }, ctx);
    expect((await go()).kind).toBe("saved");
    expect((await go()).kind).toBe("saved");
    const third = await go();
    expect(third.kind).toBe("rate_limited");
    expect(third.kind === "rate_limited" && third.retryAfterSeconds).toBeGreaterThan(500);
    // A new limiter on the same database (as after a restart) still remembers.
    const restarted = { ...deps, limiter: createSqliteRateLimiter(file, rules) };
    expect((await submitLead(restarted, "newsletter", { email: "limit@example.com", consent: "on" }, ctx)).kind).toBe("rate_limited");
  });

  sqliteOnly("prunes counters whose window has ended, and only those", async () => {
    const file = t.url.slice("file:".length);
    const limiter = createSqliteRateLimiter(file, { ip: { points: 100, durationSeconds: 1 }, identity: { points: 100, durationSeconds: 600 } });
    await limiter.consume("callback", { ip: "203.0.113.77", identity: "+14155550100" });
    const sqlite = new Database(file);
    try {
      const keys = () => sqlite.prepare("SELECT key FROM rate_limits WHERE key LIKE 'callback:%'").all().map((r) => (r as { key: string }).key);
      expect(keys()).toEqual(expect.arrayContaining(["callback:ip:203.0.113.77", "callback:identity:+14155550100"]));
      // Two seconds on, the 1-second IP window has ended; the 10-minute one has not.
      pruneExpiredSqlite(sqlite, Date.now() + 2_000);
      expect(keys()).not.toContain("callback:ip:203.0.113.77");
      expect(keys()).toContain("callback:identity:+14155550100");
    } finally {
      sqlite.close();
    }
  });

  it("limits per IP across different emails", async () => {
    const limited = { ...deps, limiter: createMemoryRateLimiter({ ip: { points: 3, durationSeconds: 600 }, identity: generous.identity }) };
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await submitLead(limited, "newsletter", { email: `ip${i}@example.com`, consent: "on" }, { ip: "198.51.100.9" })).kind);
    expect(outcomes).toEqual(["saved", "saved", "saved", "rate_limited"]);
  });
});

describe("referrals and points", () => {
  const referral = (email: string, friends: { name: string; email: string; note?: string }[], over: Record<string, unknown> = {}) => ({
    name: "Rita Referrer",
    email,
    friends,
    consent: "on",
    submissionToken: randomUUID(),
    ...over,
  });

  it("awards 100 pending points per new friend, invites each, and reports totals", async () => {
    const out = await submit("referral", referral("rita@example.com", [
      { name: "Fay Friend", email: "fay@example.com", note: "She loves data" },
      { name: "Gus Friend", email: "GUS@example.com" },
    ]));
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    expect(out.success.points).toMatchObject({ earnedNow: 200, pending: 200, confirmed: 0 });
    expect(out.success.points?.referralLink).toMatch(/^https:\/\/loomstack\.example\/r\/[A-Z2-9]{8}$/);
    const invites = await t.db.emailMessage.findMany({ where: { template: "referral-invitation", leadId: out.leadId } });
    expect(invites.map((i) => i.toAddress).sort()).toEqual(["fay@example.com", "gus@example.com"]);
    expect(invites.every((i) => i.category === "marketing")).toBe(true);
    const fay = await t.db.contact.findUniqueOrThrow({ where: { email: "fay@example.com" } });
    expect(fay.referredById).toBe((await t.db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } })).id);
  });

  it("gives no points for yourself, an existing contact, or a friend someone else referred", async () => {
    const self = await submit("referral", referral("sam@example.com", [{ name: "Me", email: "SAM@example.com" }]));
    expect(self.kind === "invalid" && self.fieldErrors["friends.0.email"]).toMatch(/your own address/);

    const dup = await submit("referral", referral("sam@example.com", [
      { name: "A", email: "a@example.com" },
      { name: "A again", email: "a@example.com" },
    ]));
    expect(dup.kind === "invalid" && dup.fieldErrors["friends.1.email"]).toMatch(/already listed/);

    // grace@example.com is already a contact (enrolled above); fay was referred by rita.
    const out = await submit("referral", referral("sam@example.com", [
      { name: "Grace", email: "grace@example.com" },
      { name: "Fay", email: "fay@example.com" },
    ]));
    expect(out.kind === "saved" && out.success.points).toMatchObject({ earnedNow: 0, pending: 0, confirmed: 0 });
    expect(await t.db.emailMessage.count({ where: { template: "referral-invitation", toAddress: "grace@example.com" } })).toBe(0);
  });

  it("has no limit across submissions, and caps one submission at 10 friends", async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `Friend ${i}`, email: `many${i}@example.com` }));
    const out = await submit("referral", referral("mo@example.com", ten));
    expect(out.kind === "saved" && out.success.points?.earnedNow).toBe(1000);
    const more = Array.from({ length: 3 }, (_, i) => ({ name: `Friend ${i}`, email: `more${i}@example.com` }));
    const out2 = await submit("referral", referral("mo@example.com", more), { now: new Date(Date.now() + 3600_000) });
    expect(out2.kind === "saved" && out2.success.points).toMatchObject({ earnedNow: 300, pending: 1300 });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `F${i}`, email: `x${i}@example.com` }));
    const tooMany = await submit("referral", referral("mo@example.com", eleven));
    expect(tooMany.kind === "invalid" && tooMany.fieldErrors.friends).toMatch(/up to 10/);
  });

  it("ignores friend rows left empty", async () => {
    const out = await submit("referral", referral("blank@example.com", [
      { name: "Real", email: "real@example.com" },
      { name: "", email: "" },
    ]));
    expect(out.kind === "saved" && out.success.points?.earnedNow).toBe(100);
  });

  it("confirms the points when the friend submits any form, or confirms through the invitation link, once", async () => {
    const rita = await t.db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } });
    expect(await pointsBalance(t.db, rita.id)).toEqual({ pending: 200, confirmed: 0 });

    await submit("newsletter", { email: "fay@example.com", consent: "on" });
    expect(await pointsBalance(t.db, rita.id)).toEqual({ pending: 100, confirmed: 100 });

    const gus = await t.db.contact.findUniqueOrThrow({ where: { email: "gus@example.com" } });
    expect(await confirmInterest(t.db, gus.inviteToken!)).toMatchObject({ ok: true, alreadyConfirmed: false });
    expect(await confirmInterest(t.db, gus.inviteToken!)).toMatchObject({ ok: true, alreadyConfirmed: true });
    expect(await confirmInterest(t.db, "NOTAREALTOKEN23456789ABC")).toEqual({ ok: false });
    expect(await pointsBalance(t.db, rita.id)).toEqual({ pending: 0, confirmed: 200 });

    // The ledger only ever grew: 2 awards, then 2 moves of 2 rows each.
    const rows = await t.db.pointsEntry.findMany({ where: { contactId: rita.id } });
    expect(rows).toHaveLength(6);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(200);
  });

  it("credits the referrer when a new visitor arrives through their link and submits any form", async () => {
    const rita = await t.db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } });
    const out = await submit("callback", { name: "Lin Link", phone: "+1 415 555 0132", course: "not-sure", platform: "macos", bestTime: "evening", timeZone: "America/Los_Angeles", consent: "on" }, { firstTouch: { ref: rita.referralCode } });
    expect(out.kind).toBe("saved");
    const lead = await t.db.lead.findFirstOrThrow({ where: { phone: "+14155550132" } });
    expect(lead.referredById).toBe(rita.id);
    expect(lead.referralCode).toBe(rita.referralCode);
    expect(await pointsBalance(t.db, rita.id)).toEqual({ pending: 0, confirmed: 300 });
  });

  it("lets a referrer request a redemption only against confirmed points", async () => {
    const tooMuch = await submit("redemption", { email: "rita@example.com", reward: "device", points: 500, consent: "on" });
    expect(tooMuch.kind === "invalid" && tooMuch.fieldErrors.points).toMatch(/300 confirmed points/);
    const stranger = await submit("redemption", { email: "nobody@example.com", reward: "course", points: 100, consent: "on" });
    expect(stranger.kind === "invalid" && stranger.fieldErrors.email).toMatch(/no points/);
    const ok = await submit("redemption", { email: "rita@example.com", reward: "course", points: 300, consent: "on" });
    expect(ok.kind).toBe("saved");
    const lead = await t.db.lead.findFirstOrThrow({ where: { formType: "redemption" } });
    expect(JSON.parse(lead.fields)).toMatchObject({ reward: "course", points: 300 });

    // Once staff decided it, sending the form again is a new request, never an edit of the settled one.
    await t.db.lead.update({ where: { id: lead.id }, data: { decision: "rejected", decidedAt: new Date() } });
    const again = await submit("redemption", { email: "rita@example.com", reward: "device", points: 100, consent: "on" });
    expect(again.kind === "saved" && again.created).toBe(true);
    expect(JSON.parse((await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).fields)).toMatchObject({ reward: "course", points: 300 });
    expect(await t.db.lead.count({ where: { formType: "redemption" } })).toBe(2);
  });
});

describe("newsletter, quote and call back", () => {
  it("gives one unique discount code per person, the same on every sign-up", async () => {
    const a = await submit("newsletter", { email: "news@example.com", consent: "on" });
    const b = await submit("newsletter", { email: " NEWS@example.com ", consent: "on" }, { now: new Date(Date.now() + 3600_000) });
    const other = await submit("newsletter", { email: "news2@example.com", consent: "on" });
    const code = (o: typeof a) => (o.kind === "saved" ? o.success.discountCode : undefined);
    expect(code(a)).toMatch(/^LOOM20-[A-Z2-9]{8}$/);
    expect(code(b)).toBe(code(a));
    expect(code(other)).not.toBe(code(a));
    expect(await t.db.newsletterSubscription.count({ where: { contact: { email: "news@example.com" } } })).toBe(1);
    expect(await t.db.emailMessage.count({ where: { toAddress: "news@example.com", template: "newsletter-welcome" } })).toBe(2);
  });

  it("lifts an earlier unsubscribe when the person subscribes again, but never a complaint", async () => {
    await submit("newsletter", { email: "back@example.com", consent: "on" });
    await t.db.emailSuppression.create({ data: { address: "back@example.com", scope: "marketing", reason: "unsubscribe" } });
    await t.db.contact.update({ where: { email: "back@example.com" }, data: { marketingOptOutAt: new Date() } });
    await submit("newsletter", { email: "back@example.com", consent: "on" }, { now: new Date(Date.now() + 3600_000) });
    expect(await t.db.emailSuppression.count({ where: { address: "back@example.com" } })).toBe(0);
    expect((await t.db.contact.findUniqueOrThrow({ where: { email: "back@example.com" } })).marketingOptOutAt).toBeNull();

    await submit("newsletter", { email: "complainer@example.com", consent: "on" });
    await t.db.emailSuppression.create({ data: { address: "complainer@example.com", scope: "marketing", reason: "complaint" } });
    await submit("newsletter", { email: "complainer@example.com", consent: "on" }, { now: new Date(Date.now() + 3600_000) });
    expect(await t.db.emailSuppression.count({ where: { address: "complainer@example.com" } })).toBe(1);
  });

  it("requires company and seats for a team quote only", async () => {
    const base = { name: "Quinn", email: "quinn@example.com", courses: [openCohort.program], platform: "windows", bestTime: "morning", timeZone: "Europe/London", consent: "on" };
    const team = await submit("quote", { ...base, audience: "team" });
    expect(team.kind === "invalid" && Object.keys(team.fieldErrors).sort()).toEqual(["company", "seats"]);
    expect((await submit("quote", { ...base, audience: "individual", company: "Ignored Ltd" })).kind).toBe("saved");
    const badCourse = await submit("quote", { ...base, email: "q2@example.com", audience: "individual", courses: ["no-such-course"] });
    expect(badCourse.kind === "invalid" && badCourse.fieldErrors.courses).toBeTruthy();
  });

  it("saves a call-back request by phone alone, with a staff notification and no email to the person", async () => {
    const out = await submit("callback", { name: "Pat Phone", phone: "(512) 555-0175", course: openCohort.program, platform: "linux", bestTime: "morning", timeZone: "America/Chicago", consent: "on" });
    expect(out.kind).toBe("saved");
    const lead = await t.db.lead.findFirstOrThrow({ where: { phone: "+15125550175" }, include: { emails: true, contact: true } });
    expect(lead.contact.email).toBeNull();
    expect(lead.emails.map((e) => e.template)).toEqual(["staff-new-lead"]);
  });
});

describe("concurrency", () => {
  beforeEach(() => undefined);

  it("many simultaneous submissions give exactly one lead each, each with its emails", async () => {
    const n = 40;
    const outs = await Promise.all(
      Array.from({ length: n }, (_, i) => submit("newsletter", { email: `burst${i}@example.com`, consent: "on", submissionToken: randomUUID() })),
    );
    expect(outs.every((o) => o.kind === "saved")).toBe(true);
    const leads = await t.db.lead.findMany({ where: { email: { startsWith: "burst" } }, include: { emails: true } });
    expect(leads).toHaveLength(n);
    for (const l of leads) expect(l.emails.map((e) => e.template).sort()).toEqual(["newsletter-welcome", "staff-new-lead"]);
  });

  it("the same submission token sent concurrently gives exactly one lead", async () => {
    const raw = enroll({ email: "race@example.com", submissionToken: randomUUID() });
    const outs = await Promise.all(Array.from({ length: 12 }, () => submit("enroll", raw)));
    expect(outs.every((o) => o.kind === "saved")).toBe(true);
    expect(new Set(outs.map((o) => (o.kind === "saved" ? o.leadId : "")))).toHaveProperty("size", 1);
    expect(await t.db.lead.count({ where: { email: "race@example.com" } })).toBe(1);
    expect(await t.db.emailMessage.count({ where: { lead: { email: "race@example.com" } } })).toBe(2);
  });

  it("the same person sending a form from several tabs at once (different tokens) gives one lead, revised", async () => {
    const outs = await Promise.all(Array.from({ length: 6 }, () => submit("newsletter", { email: "tabs@example.com", consent: "on", submissionToken: randomUUID() })));
    expect(outs.every((o) => o.kind === "saved")).toBe(true);
    expect(await t.db.contact.count({ where: { email: "tabs@example.com" } })).toBe(1);
    const leads = await t.db.lead.findMany({ where: { email: "tabs@example.com" } });
    expect(leads).toHaveLength(1);
    expect(leads[0].revision).toBe(6);
    expect(await t.db.newsletterSubscription.count({ where: { contact: { email: "tabs@example.com" } } })).toBe(1);
  });

  it("referrers naming the same friend while the friend signs up, all at once, make one contact and one award", async () => {
    const friend = { name: "Fern Friend", email: "fern@example.com" };
    const outs = await Promise.all([
      ...["ref1@example.com", "ref2@example.com", "ref3@example.com"].map((r) =>
        submit("referral", { name: "Rita Referrer", email: r, friends: [friend], consent: "on", submissionToken: randomUUID() }),
      ),
      submit("newsletter", { email: friend.email, consent: "on", submissionToken: randomUUID() }),
    ]);
    expect(outs.map((o) => o.kind)).toEqual(["saved", "saved", "saved", "saved"]);
    const fern = await t.db.contact.findMany({ where: { email: friend.email } });
    expect(fern).toHaveLength(1);
    // A friend is credited to one referrer at most, never twice.
    const credited = await t.db.pointsEntry.findMany({ where: { friendContactId: fern[0].id }, select: { contactId: true } });
    expect(new Set(credited.map((e) => e.contactId)).size).toBeLessThanOrEqual(1);
    expect(fern[0].referredById === null || credited.every((e) => e.contactId === fern[0].referredById)).toBe(true);
  });
});
