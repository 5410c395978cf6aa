import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testReward } from "../helpers/funnel";
import { createTestDb } from "../helpers/test-db";
import { GENEROUS_LIMITS, firstOpenCohort, rowCounts, testSubmissionDeps } from "../helpers/submissions";
import { tokenOf } from "../helpers/funnel";
import { seedPrograms } from "@/lib/content/seed-programs";
import Database from "better-sqlite3";
import { createMemoryRateLimiter, createSqliteRateLimiter, pruneExpiredSqlite } from "@/lib/rate-limit";
import { UPDATE_WINDOW_MINUTES } from "@/lib/leads/pipeline";
import { submitLead } from "@/lib/leads/pipeline";
import { pointsBalance } from "@/lib/referrals/points";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import type { FormType } from "@/lib/leads/form-types";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const ctx = { ip: "203.0.113.7" };

let openCohort: { id: string; program: string };

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  openCohort = await firstOpenCohort(t.db);
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

const submit = (formType: FormType, raw: Record<string, unknown>, c: Record<string, unknown> = {}) => submitLead(deps, formType, raw, { ...ctx, ...c });

/** The data of an email queued for a lead (what its template will show). */
async function emailData(where: { leadId?: string; template: string; toAddress?: string }) {
  const m = await t.db.emailMessage.findFirstOrThrow({ where, orderBy: { createdAt: "desc" } });
  return JSON.parse(m.data) as Record<string, unknown>;
}

const counts = () => rowCounts(t.db, ["contacts", "leads", "emails", "points"]);

describe("enroll", () => {
  it("stores the contact, the lead with consent and attribution, and queues two emails in one go", async () => {
    const out = await submit(
      "enroll",
      enroll({
        email: "  Grace@Example.COM ",
        phone: "+44 20 7946 0958",
        article: "/careers/machine-learning-engineer",
        cta: "overview-apply",
        utm_source: "newsletter",
      }),
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
      data: {
        programId: other.programId,
        name: "Closed",
        startDate: new Date(Date.now() + 9e9),
        endDate: new Date(Date.now() + 9e10),
        timeZone: "UTC",
        seats: 1,
        seatsLeft: 0,
        status: "closed",
      },
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

  it(`adds a revision when the same person sends the same form within ${UPDATE_WINDOW_MINUTES} minutes, never overwriting, and a new lead after`, async () => {
    const now = new Date();
    const a = await submit("enroll", enroll({ email: "again@example.com", goals: "first" }), { now });
    const b = await submit("enroll", enroll({ email: "again@example.com", goals: "second", phone: "+1 415 555 0100" }), {
      now: new Date(now.getTime() + 60_000),
    });
    expect(b.kind === "saved" && b.leadId).toBe(a.kind === "saved" && a.leadId);
    const lead = await t.db.lead.findFirstOrThrow({ where: { email: "again@example.com" }, include: { submissions: { orderBy: { revision: "asc" } } } });
    expect(lead.revision).toBe(2);
    // The lead keeps what the first submission said; each submission keeps its own.
    expect(JSON.parse(lead.fields).goals).toBe("first");
    expect(lead.phone).toBeNull();
    expect(lead.submissions.map((s) => [s.revision, JSON.parse(s.fields).goals, s.phone])).toEqual([
      [1, "first", null],
      [2, "second", "+14155550100"],
    ]);
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
      const keys = () =>
        sqlite
          .prepare("SELECT key FROM rate_limits WHERE key LIKE 'callback:%'")
          .all()
          .map((r) => (r as { key: string }).key);
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
    const limited = { ...deps, limiter: createMemoryRateLimiter({ ip: { points: 3, durationSeconds: 600 }, identity: GENEROUS_LIMITS.identity }) };
    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push((await submitLead(limited, "newsletter", { email: `ip${i}@example.com`, consent: "on" }, { ip: "198.51.100.9" })).kind);
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

  it("awards 100 pending points per new friend, invites each, and emails the totals to the referrer only", async () => {
    const out = await submit(
      "referral",
      referral("rita@example.com", [
        { name: "Fay Friend", email: "fay@example.com", note: "She loves data" },
        { name: "Gus Friend", email: "GUS@example.com" },
      ]),
    );
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    // The page shows nothing personal: the link and points go to the referrer's inbox.
    expect(JSON.stringify(out.success)).not.toMatch(/\/r\/|points so far: \d|[A-Z2-9]{8}/);
    const mail = await emailData({ leadId: out.leadId, template: "referral-confirmation" });
    expect(mail.points).toMatchObject({ earnedNow: 200, pending: 200, confirmed: 0 });
    expect((mail.points as { referralLink: string }).referralLink).toMatch(/^https:\/\/loomstack\.example\/r\/[A-Z2-9]{8}$/);
    const invites = await t.db.emailMessage.findMany({ where: { template: "referral-invitation", leadId: out.leadId } });
    expect(invites.map((i) => i.toAddress).sort()).toEqual(["fay@example.com", "gus@example.com"]);
    expect(invites.every((i) => i.category === "marketing")).toBe(true);
    const fay = await t.db.contact.findUniqueOrThrow({ where: { email: "fay@example.com" } });
    expect(fay.referredById).toBe((await t.db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } })).id);
    expect(fay.nameSource).toBe("referrer");
  });

  it("gives no points for yourself, an existing contact, or a friend someone else referred", async () => {
    const self = await submit("referral", referral("sam@example.com", [{ name: "Me", email: "SAM@example.com" }]));
    expect(self.kind === "invalid" && self.fieldErrors["friends.0.email"]).toMatch(/your own address/);

    const dup = await submit(
      "referral",
      referral("sam@example.com", [
        { name: "A", email: "a@example.com" },
        { name: "A again", email: "a@example.com" },
      ]),
    );
    expect(dup.kind === "invalid" && dup.fieldErrors["friends.1.email"]).toMatch(/already listed/);

    // grace@example.com is already a contact (enrolled above); fay was referred by rita.
    const out = await submit(
      "referral",
      referral("sam@example.com", [
        { name: "Grace", email: "grace@example.com" },
        { name: "Fay", email: "fay@example.com" },
      ]),
    );
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    expect((await emailData({ leadId: out.leadId, template: "referral-confirmation" })).points).toMatchObject({ earnedNow: 0, pending: 0, confirmed: 0 });
    expect(await t.db.emailMessage.count({ where: { template: "referral-invitation", toAddress: "grace@example.com" } })).toBe(0);
  });

  it("has no limit across submissions, and caps one submission at 10 friends", async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `Friend ${i}`, email: `many${i}@example.com` }));
    const out = await submit("referral", referral("mo@example.com", ten));
    expect(out.kind === "saved" && (await emailData({ leadId: out.leadId, template: "referral-confirmation" })).points).toMatchObject({ earnedNow: 1000 });
    const more = Array.from({ length: 3 }, (_, i) => ({ name: `Friend ${i}`, email: `more${i}@example.com` }));
    const out2 = await submit("referral", referral("mo@example.com", more), { now: new Date(Date.now() + 3600_000) });
    expect(out2.kind === "saved" && (await emailData({ leadId: out2.leadId, template: "referral-confirmation" })).points).toMatchObject({
      earnedNow: 300,
      pending: 1300,
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `F${i}`, email: `x${i}@example.com` }));
    const tooMany = await submit("referral", referral("mo@example.com", eleven));
    expect(tooMany.kind === "invalid" && tooMany.fieldErrors.friends).toMatch(/up to 10/);
  });

  it("ignores friend rows left empty", async () => {
    const out = await submit(
      "referral",
      referral("blank@example.com", [
        { name: "Real", email: "real@example.com" },
        { name: "", email: "" },
      ]),
    );
    expect(out.kind === "saved" && (await emailData({ leadId: out.leadId, template: "referral-confirmation" })).points).toMatchObject({ earnedNow: 100 });
  });

  it("confirms points only when the friend proves the address: a form alone does not; the invitation link does, once", async () => {
    const rita = await t.db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } });
    expect(await pointsBalance(t.db, rita.id)).toMatchObject({ pending: 200, confirmed: 0 });

    // Fay signs up for the newsletter: nothing is confirmed until she uses the link it emails
    // (which also proves the address). (From her own IP: one the referrer used would hold the points for review.)
    await submit("newsletter", { email: "fay@example.com", consent: "on" }, { ip: "192.0.2.50" });
    expect(await pointsBalance(t.db, rita.id)).toMatchObject({ pending: 200, confirmed: 0 });
    const confirm = await emailData({ toAddress: "fay@example.com", template: "ownership-link" });
    expect(confirm).toMatchObject({ purpose: "newsletter-confirm", url: expect.stringMatching(/^https:\/\/loomstack\.example\/confirm\/[A-Za-z0-9_-]{43}$/) });
    expect(await applyOwnershipLink(deps, tokenOf(confirm.url), { ip: "192.0.2.50" })).toMatchObject({ ok: true, purpose: "newsletter-confirm" });
    expect(await pointsBalance(t.db, rita.id)).toMatchObject({ pending: 100, confirmed: 100 });
    expect(await applyOwnershipLink(deps, tokenOf(confirm.url), { ip: "192.0.2.50" })).toEqual({ ok: false, reason: "used" });

    const gus = await t.db.contact.findUniqueOrThrow({ where: { email: "gus@example.com" } });
    expect(await confirmInterest(deps, gus.inviteToken!, { ip: "192.0.2.51" })).toMatchObject({ ok: true, alreadyConfirmed: false, points: "confirmed" });
    expect(await confirmInterest(deps, gus.inviteToken!, { ip: "192.0.2.51" })).toMatchObject({ ok: true, alreadyConfirmed: true });
    expect(await confirmInterest(deps, "NOTAREALTOKEN23456789ABC", { ip: "192.0.2.51" })).toEqual({ ok: false });
    expect(await pointsBalance(t.db, rita.id)).toMatchObject({ pending: 0, confirmed: 200 });

    // The ledger only ever grew: 2 awards, then 2 moves of 2 rows each.
    const rows = await t.db.pointsEntry.findMany({ where: { contactId: rita.id } });
    expect(rows).toHaveLength(6);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(200);
  });

  it("credits the referrer when a new visitor arrives through their link, once the visitor proves the address", async () => {
    const rita = await t.db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } });
    const out = await submit("enroll", enroll({ name: "Lin Link", email: "lin.link@example.com" }), {
      firstTouch: { ref: rita.referralCode },
      ip: "192.0.2.60",
    });
    expect(out.kind).toBe("saved");
    if (out.kind !== "saved") return;
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: out.leadId } });
    expect(lead.referredById).toBe(rita.id);
    expect(lead.referralCode).toBe(rita.referralCode);
    expect(await pointsBalance(t.db, rita.id)).toMatchObject({ pending: 100, confirmed: 200 });
    const mail = await emailData({ leadId: out.leadId, template: "enroll-confirmation" });
    await applyOwnershipLink(deps, tokenOf(mail.verifyUrl), { ip: "192.0.2.60" });
    expect(await pointsBalance(t.db, rita.id)).toMatchObject({ pending: 0, confirmed: 300 });
  });

  it("files a redemption only through the link sent to the address, and only against confirmed points", async () => {
    const before = await t.db.lead.count({ where: { formType: "redemption" } });
    // The form answers the same for an address with points and one without, and files nothing.
    const laptop = await testReward(t.db, 500);
    const voucher = await testReward(t.db, 300);
    const tooMuch = await submit("redemption", { email: "rita@example.com", reward: laptop, consent: "on" });
    const stranger = await submit("redemption", { email: "nobody@example.com", reward: voucher, consent: "on" });
    expect(tooMuch.kind).toBe("accepted");
    expect(stranger).toEqual(tooMuch);
    expect(await t.db.emailMessage.count({ where: { toAddress: "nobody@example.com" } })).toBe(0);
    expect(await t.db.lead.count({ where: { formType: "redemption" } })).toBe(before);

    const link = await emailData({ toAddress: "rita@example.com", template: "ownership-link" });
    expect(link.purpose).toBe("redemption");
    // 500 asked, 300 confirmed: refused with the balance, nothing filed, and the link still works.
    expect(await applyOwnershipLink(deps, tokenOf(link.url), { ip: "192.0.2.70" })).toMatchObject({
      ok: false,
      reason: "insufficient",
      balance: { confirmed: 300, pending: 0 },
      points: 500,
    });
    expect(await t.db.lead.count({ where: { formType: "redemption" } })).toBe(before);

    await submit("redemption", { email: "rita@example.com", reward: voucher, points: 1, consent: "on", details: "Data course" });
    const ok = await emailData({ toAddress: "rita@example.com", template: "ownership-link" });
    const filed = await applyOwnershipLink(deps, tokenOf(ok.url), { ip: "192.0.2.70" });
    expect(filed).toMatchObject({ ok: true, purpose: "redemption" });
    const lead = await t.db.lead.findFirstOrThrow({ where: { formType: "redemption" }, orderBy: { createdAt: "desc" } });
    // The price is the catalogue's, whatever the browser posted.
    expect(JSON.parse(lead.fields)).toMatchObject({ reward: voucher, rewardName: "Test reward for 300 points", points: 300, details: "Data course" });
    expect(lead.rewardId).toBe(voucher);
    expect(await applyOwnershipLink(deps, tokenOf(ok.url), { ip: "192.0.2.70" })).toEqual({ ok: false, reason: "used" });
    expect(await t.db.lead.count({ where: { formType: "redemption" } })).toBe(before + 1);
  });
});

describe("newsletter, quote and call back", () => {
  it("gives one unique discount code per person, in the welcome email once the sign-up is confirmed", async () => {
    const confirm = async (email: string) => {
      const link = await emailData({ toAddress: email, template: "ownership-link" });
      await applyOwnershipLink(deps, tokenOf(link.url), { ip: "192.0.2.80" });
      return (await emailData({ toAddress: email, template: "newsletter-welcome" })).discountCode;
    };
    const a = await submit("newsletter", { email: "news@example.com", consent: "on" });
    expect(await t.db.emailMessage.count({ where: { toAddress: "news@example.com", template: "newsletter-welcome" } })).toBe(0);
    const first = await confirm("news@example.com");
    expect(first).toMatch(/^LOOM20-[A-Z2-9]{8}$/);
    expect(JSON.stringify(a)).not.toContain(String(first));
    await submit("newsletter", { email: " NEWS@example.com ", consent: "on" }, { now: new Date(Date.now() + 3600_000) });
    await submit("newsletter", { email: "news2@example.com", consent: "on" });
    expect(await confirm("news2@example.com")).not.toBe(first);
    expect(await t.db.newsletterSubscription.count({ where: { contact: { email: "news@example.com" } } })).toBe(1);
    // Subscribed and confirmed: signing up again sends nothing more.
    expect(await t.db.emailMessage.count({ where: { toAddress: "news@example.com" } })).toBe(2);
  });

  it("lifts an earlier unsubscribe when the person confirms a new sign-up, but never a complaint", async () => {
    const useLink = async (email: string) =>
      applyOwnershipLink(deps, tokenOf((await emailData({ toAddress: email, template: "ownership-link" })).url), { ip: "192.0.2.81" });
    await submit("newsletter", { email: "back@example.com", consent: "on" });
    await t.db.emailSuppression.create({ data: { address: "back@example.com", scope: "marketing", reason: "unsubscribe" } });
    await t.db.contact.update({ where: { email: "back@example.com" }, data: { marketingOptOutAt: new Date() } });
    await submit("newsletter", { email: "back@example.com", consent: "on" }, { now: new Date(Date.now() + 3600_000) });
    // A typed address alone lifts nothing.
    expect(await t.db.emailSuppression.count({ where: { address: "back@example.com" } })).toBe(1);
    expect(await useLink("back@example.com")).toMatchObject({ ok: true, purpose: "newsletter-confirm" });
    expect(await t.db.emailSuppression.count({ where: { address: "back@example.com" } })).toBe(0);
    expect((await t.db.contact.findUniqueOrThrow({ where: { email: "back@example.com" } })).marketingOptOutAt).toBeNull();

    await submit("newsletter", { email: "complainer@example.com", consent: "on" });
    await t.db.emailSuppression.create({ data: { address: "complainer@example.com", scope: "marketing", reason: "complaint" } });
    await submit("newsletter", { email: "complainer@example.com", consent: "on" }, { now: new Date(Date.now() + 3600_000) });
    await useLink("complainer@example.com");
    expect(await t.db.emailSuppression.count({ where: { address: "complainer@example.com" } })).toBe(1);
  });

  it("requires company and seats for a team quote only", async () => {
    const base = {
      name: "Quinn",
      email: "quinn@example.com",
      courses: [openCohort.program],
      platform: "windows",
      contactBy: "call",
      phone: "+44 7700 900123",
      bestTime: "morning",
      timeZone: "Europe/London",
      consent: "on",
    };
    const team = await submit("quote", { ...base, audience: "team" });
    expect(team.kind === "invalid" && Object.keys(team.fieldErrors).sort()).toEqual(["company", "seats"]);
    expect((await submit("quote", { ...base, audience: "individual", company: "Ignored Ltd" })).kind).toBe("saved");
    const badCourse = await submit("quote", { ...base, email: "q2@example.com", audience: "individual", courses: ["no-such-course"] });
    expect(badCourse.kind === "invalid" && badCourse.fieldErrors.courses).toBeTruthy();
  });

  it("saves a call-back request by phone alone, with a staff notification and no email to the person", async () => {
    const out = await submit("callback", {
      name: "Pat Phone",
      phone: "(512) 555-0175",
      course: openCohort.program,
      platform: "linux",
      bestTime: "morning",
      timeZone: "America/Chicago",
      consent: "on",
    });
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
    for (const l of leads) expect(l.emails.map((e) => e.template).sort()).toEqual(["ownership-link", "staff-new-lead"]);
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
    const outs = await Promise.all(
      Array.from({ length: 6 }, () => submit("newsletter", { email: "tabs@example.com", consent: "on", submissionToken: randomUUID() })),
    );
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
