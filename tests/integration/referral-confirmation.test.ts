/**
 * When a referrer's points for a friend are confirmed (the console setting in
 * lib/referrals/rules.ts), and which referrals wait for review (lib/referrals/fraud.ts),
 * through the real entry points on a real database (SQLite, and PostgreSQL with
 * TEST_DATABASE=postgres):
 * - interest (the default): the friend's "yes" from the invitation confirms the points;
 * - applied: only the friend's application (/apply) together with a proven address does;
 * - enrolled: staff moving the friend's lead to Enrolled does, at once or, with a holding
 *   period, when releaseHeldReferralPoints runs after the period (clock injected), once;
 *   moving the lead out of Enrolled before then confirms nothing;
 * - a similar address, a throwaway domain or too many referrals in an hour hold the points
 *   for review, with the reason listed; Approve then confirms them.
 * Every expected number is written here, never read back from the ledger under test.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedPrograms } from "@/lib/content/seed-programs";
import { changeStatus } from "@/lib/console/pipeline";
import { decideReferralReview, listReferralReviews } from "@/lib/console/referral-reviews";
import { submitLead, type SubmissionContext } from "@/lib/leads/pipeline";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { pointsBalance } from "@/lib/referrals/points";
import { releaseHeldReferralPoints } from "@/lib/referrals/release";
import { DEFAULT_REFERRAL_RULES, getReferralRules, saveReferralRules } from "@/lib/referrals/rules";
import { referrerStatus } from "@/lib/referrals/status";
import { proveAddress } from "../helpers/funnel";
import { firstOpenCohort, testSubmissionDeps } from "../helpers/submissions";
import { createTestDb } from "../helpers/test-db";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
const DAY = 86_400_000;
const start = new Date(Date.UTC(2026, 10, 2, 9));
const at = (days: number, hours = 0) => new Date(start.getTime() + days * DAY + hours * 3600_000);

let cohort = { id: "", program: "" };
let staffId = "";
let ipN = 0;
/** Each request comes from its own address, so the same-IP signal stays out of the way unless a test wants it. */
const freshIp = () => `198.51.100.${(ipN++ % 250) + 1}`;

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  cohort = await firstOpenCohort(t.db);
  staffId = (await t.db.user.create({ data: { id: `staff-${randomUUID()}`, name: "Sam Staff", email: `sam-${randomUUID()}@staff.example`, role: "staff" } }))
    .id;
});
beforeEach(async () => {
  await t.db.setting.deleteMany({ where: { key: { startsWith: "referrals." } } });
});
afterAll(() => t.cleanup());

const tag = () => randomUUID().slice(0, 8);
/** "tara-1a2b@example.org" → "Tara Adams": a friend's name as the referrer types it. */
const nameOf = (email: string) => `${email[0].toUpperCase()}${email.slice(1).split(/[-@+.]/)[0]} Adams`;

async function setRules(raw: Record<string, string>) {
  const out = await saveReferralRules(t.db, { ...DEFAULT_REFERRAL_RULES, ...raw }, null);
  expect(out.ok).toBe(true);
}

/** The referrer sends the referral form listing `friends`; returns the referrer's and each friend's contact. */
async function refer(referrerEmail: string, friends: string[], now = start, ctx: Partial<SubmissionContext> = {}) {
  const out = await submitLead(
    deps,
    "referral",
    {
      name: "Rita Referrer",
      email: referrerEmail,
      friends: friends.map((email) => ({ name: nameOf(email), email })),
      consent: "on",
      submissionToken: randomUUID(),
    },
    { ip: freshIp(), now, ...ctx },
  );
  expect(out.kind).toBe("saved");
  const referrer = await t.db.contact.findUniqueOrThrow({ where: { email: referrerEmail } });
  const contacts = await Promise.all(friends.map((email) => t.db.contact.findUniqueOrThrow({ where: { email } })));
  return { referrer, friends: contacts };
}

const yes = (friend: { inviteToken: string | null }, now = start, ctx: Partial<SubmissionContext> = {}) =>
  confirmInterest(deps, friend.inviteToken!, { ip: freshIp(), now, ...ctx });

async function apply(email: string, now = start) {
  const out = await submitLead(
    deps,
    "enroll",
    {
      name: nameOf(email),
      email,
      program: cohort.program,
      cohort: cohort.id,
      paymentOption: "upfront",
      experience: "none",
      consent: "on",
      submissionToken: randomUUID(),
    },
    { ip: freshIp(), now },
  );
  expect(out.kind).toBe("saved");
  return out.kind === "saved" ? out.leadId : "";
}

const balance = (contactId: string) => pointsBalance(t.db, contactId).then((b) => ({ pending: b.pending, confirmed: b.confirmed }));
const confirmedRows = (friendId: string) => t.db.pointsEntry.count({ where: { friendContactId: friendId, bucket: "confirmed" } });
const inviteLead = async (friendId: string) => (await t.db.lead.findFirstOrThrow({ where: { contactId: friendId, formType: "invite" } })).id;

describe("the setting", () => {
  it("defaults to confirming on interest, validates input, and stores each value", async () => {
    expect(await getReferralRules(t.db)).toEqual({ confirmWhen: "interest", holdDays: 0, hourlyLimit: 5 });
    const bad = await saveReferralRules(t.db, { confirmWhen: "paid", holdDays: "-3", hourlyLimit: "0" }, null);
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        confirmWhen: "Choose when points are confirmed.",
        holdDays: "Enter the holding period in days as a whole number, such as 30.",
        hourlyLimit: "Enter a number from 1 to 1000.",
      },
    });
    expect(await saveReferralRules(t.db, { confirmWhen: "enrolled", holdDays: " 30 ", hourlyLimit: "8" }, null)).toEqual({
      ok: true,
      changed: ["confirmWhen", "holdDays", "hourlyLimit"],
    });
    expect(await getReferralRules(t.db)).toEqual({ confirmWhen: "enrolled", holdDays: 30, hourlyLimit: 8 });
    expect(await saveReferralRules(t.db, { confirmWhen: "enrolled", holdDays: "30", hourlyLimit: "8" }, null)).toEqual({ ok: true, changed: [] });
  });
});

describe("when points are confirmed", () => {
  it("interest (the default): the friend's yes from the invitation confirms them", async () => {
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@example.org`]);
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    expect(await yes(friends[0])).toMatchObject({ ok: true, points: "confirmed" });
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
  });

  it("applied: the yes alone leaves them pending; the application then confirms them", async () => {
    await setRules({ confirmWhen: "applied" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@example.org`]);
    expect(await yes(friends[0])).toMatchObject({ ok: true, points: "pending" });
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    await apply(friends[0].email!);
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
  });

  it("applied: an application from an unproven address confirms nothing until the address is proven", async () => {
    await setRules({ confirmWhen: "applied" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`gus-${tag()}@example.org`]);
    await apply(friends[0].email!);
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    await proveAddress(deps, friends[0].email!, { ip: freshIp(), now: at(0, 1) });
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
  });

  it("enrolled, no holding period: staff moving the lead to Enrolled confirms them at once", async () => {
    await setRules({ confirmWhen: "enrolled" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@example.org`]);
    expect(await yes(friends[0])).toMatchObject({ points: "pending" });
    await changeStatus(t.db, { leadId: await inviteLead(friends[0].id), actorId: staffId, status: "qualified", now: at(1) });
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    await changeStatus(t.db, { leadId: await inviteLead(friends[0].id), actorId: staffId, status: "enrolled", now: at(2) });
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
  });

  it("enrolled with a 14-day holding period: released once the period has passed, exactly once", async () => {
    await setRules({ confirmWhen: "enrolled", holdDays: "14" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@example.org`]);
    await yes(friends[0]);
    await changeStatus(t.db, { leadId: await inviteLead(friends[0].id), actorId: staffId, status: "enrolled", now: at(1) });
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });

    await releaseHeldReferralPoints(t.db, at(14, 23)); // 13 days 23 hours after enrolling
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });

    // Two servers' loops running at the same moment, then again later.
    await Promise.all([releaseHeldReferralPoints(t.db, at(15)), releaseHeldReferralPoints(t.db, at(15))]);
    await releaseHeldReferralPoints(t.db, at(16));
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
    expect(await confirmedRows(friends[0].id)).toBe(1);
  });

  it("enrolled with a holding period: an enrolment undone before the release confirms nothing", async () => {
    await setRules({ confirmWhen: "enrolled", holdDays: "14" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@example.org`]);
    await yes(friends[0]);
    const lead = await inviteLead(friends[0].id);
    await changeStatus(t.db, { leadId: lead, actorId: staffId, status: "enrolled", now: at(1) });
    await changeStatus(t.db, { leadId: lead, actorId: staffId, status: "lost", lostReason: "Withdrew before the start", now: at(5) });
    await releaseHeldReferralPoints(t.db, at(30));
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    expect(await confirmedRows(friends[0].id)).toBe(0);
  });

  it("the holding period counts from the latest enrolment: enrolled again, released 14 days after that", async () => {
    await setRules({ confirmWhen: "enrolled", holdDays: "14" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@example.org`]);
    await yes(friends[0]);
    const lead = await inviteLead(friends[0].id);
    await changeStatus(t.db, { leadId: lead, actorId: staffId, status: "enrolled", now: at(1) });
    await changeStatus(t.db, { leadId: lead, actorId: staffId, status: "qualified", now: at(3) });
    await changeStatus(t.db, { leadId: lead, actorId: staffId, status: "enrolled", now: at(10) });
    await releaseHeldReferralPoints(t.db, at(20));
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    await releaseHeldReferralPoints(t.db, at(24));
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
  });
});

describe("fraud signals hold the points for review", () => {
  const held = async (referrerEmail: string, friendEmail: string, code: string) => {
    const { referrer, friends } = await refer(referrerEmail, [friendEmail]);
    expect(await yes(friends[0])).toMatchObject({ ok: true, points: "held" });
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    const review = await t.db.referralReview.findUniqueOrThrow({ where: { friendContactId: friends[0].id } });
    expect(JSON.parse(review.reasons).map((r: { code: string }) => r.code)).toContain(code);
    return { referrer, friend: friends[0], review };
  };

  it("a +alias of the referrer's address; Approve then confirms the points", async () => {
    const base = `taylor${tag()}`;
    const { referrer, review } = await held(`${base}@gmail.com`, `${base}+friend@gmail.com`, "similar_address");
    const [row] = (await listReferralReviews(t.db, { status: "pending", take: 500 })).rows.filter((r) => r.id === review.id);
    expect(row.reasons.map((r) => r.text).join(" ")).toContain(`"+" tags and dots are removed`);
    expect(await decideReferralReview(t.db, { reviewId: review.id, decision: "approved", actorId: staffId })).toEqual({ ok: true, decision: "approved" });
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 100 });
  });

  it("the referrer's address with dots; googlemail.com counts as gmail.com", async () => {
    const base = `taylor${tag()}`;
    await held(`${base}@gmail.com`, `${base.slice(0, 3)}.${base.slice(3)}@googlemail.com`, "similar_address");
  });

  it("a local part one or two characters away, at the same domain; Reject leaves nothing confirmed", async () => {
    const base = `taylor${tag()}`;
    const { referrer, review } = await held(`${base}@example.com`, `${base}x@example.com`, "similar_address");
    await held(`${base}@example.net`, `${base.slice(0, -2)}zz@example.net`, "similar_address");
    expect(await decideReferralReview(t.db, { reviewId: review.id, decision: "rejected", actorId: staffId })).toEqual({ ok: true, decision: "rejected" });
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 0 });
  });

  it("a throwaway-inbox domain", async () => {
    await held(`rita-${tag()}@example.com`, `fay-${tag()}@mailinator.com`, "disposable_domain");
  });

  it("the controls: the same local part at another domain, or three edits away, confirm at once", async () => {
    const base = `taylor${tag()}`;
    const { referrer, friends } = await refer(`${base}@example.com`, [`${base}@example.org`, `${base.slice(0, -3)}xyz@example.com`]);
    for (const f of friends) expect(await yes(f)).toMatchObject({ points: "confirmed" });
    expect(await balance(referrer.id)).toEqual({ pending: 0, confirmed: 200 });
  });

  it("more referrals in an hour than the setting allows: those friends wait; at the limit they do not", async () => {
    await setRules({ hourlyLimit: "2" });
    const rita = `rita-${tag()}@example.com`;
    const first = await refer(rita, [`a-${tag()}@example.org`, `b-${tag()}@example.org`], at(0));
    for (const f of first.friends) expect(await yes(f)).toMatchObject({ points: "confirmed" });
    // A third within the hour is one too many; a fourth two hours later is fine again.
    const third = await refer(rita, [`c-${tag()}@example.org`], at(0, 0.5));
    const fourth = await refer(rita, [`d-${tag()}@example.org`], at(0, 2));
    expect(await yes(third.friends[0])).toMatchObject({ points: "held" });
    expect(await yes(fourth.friends[0])).toMatchObject({ points: "confirmed" });
    const review = await t.db.referralReview.findUniqueOrThrow({ where: { friendContactId: third.friends[0].id } });
    expect(JSON.parse(review.reasons)).toEqual([
      { code: "many_referrals", text: "The referrer referred 3 people within an hour; more than 2 in an hour are reviewed." },
    ]);
    expect(await balance(first.referrer.id)).toEqual({ pending: 100, confirmed: 300 });
  });

  it("a signal found at the release of a holding period holds the points too", async () => {
    await setRules({ confirmWhen: "enrolled", holdDays: "7" });
    const { referrer, friends } = await refer(`rita-${tag()}@example.com`, [`fay-${tag()}@yopmail.com`]);
    await yes(friends[0]);
    await changeStatus(t.db, { leadId: await inviteLead(friends[0].id), actorId: staffId, status: "enrolled", now: at(1) });
    await releaseHeldReferralPoints(t.db, at(9));
    expect(await balance(referrer.id)).toEqual({ pending: 100, confirmed: 0 });
    expect((await t.db.referralReview.findUniqueOrThrow({ where: { friendContactId: friends[0].id } })).status).toBe("pending");
  });
});

describe("the referrer's status page", () => {
  it("shows each friend masked, with their stage and where their points stand", async () => {
    await setRules({ confirmWhen: "applied" });
    const rita = `rita-${tag()}@example.com`;
    const emails = [`tara-${tag()}@example.org`, `uma-${tag()}@example.org`, `vic-${tag()}@mailinator.com`, `wes-${tag()}@example.org`];
    const { referrer, friends } = await refer(rita, emails);
    const [tara, uma, vic] = friends;
    await yes(tara);
    await apply(tara.email!); // applied and proven: confirmed
    await yes(uma); // responded: pending under "applied"
    await yes(vic); // disposable: in review (the rule is met once it applies)
    await apply(vic.email!);
    await t.db.lead.updateMany({ where: { contactId: uma.id }, data: { status: "enrolled" } });
    const status = await referrerStatus(t.db, referrer.id);
    /** The masked form of an address, written out: first character, three stars, the domain. */
    const masked = (e: string) => `${e[0]}***${e.slice(e.indexOf("@"))}`;
    const row = (e: string) => status!.friends.find((f) => f.email === masked(e));
    expect(row(tara.email!)).toEqual({ name: "T*** A.", email: "t***@example.org", stage: "applied", points: "confirmed", since: start });
    expect(row(uma.email!)).toMatchObject({ name: "U*** A.", stage: "enrolled", points: "pending" });
    expect(row(vic.email!)).toMatchObject({ name: "V*** A.", email: "v***@mailinator.com", stage: "applied", points: "in_review" });
    expect(row("wes@example.org")).toMatchObject({ name: "W*** A.", stage: "invited", points: "pending" });
    expect(status?.confirmRule).toBe("Points are confirmed once your friend applies to a course and confirms their email address.");
  });
});
