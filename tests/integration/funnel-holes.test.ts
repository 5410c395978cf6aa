/**
 * Issue 13's holes, tried the way an attacker or a careless second submission would: nothing
 * is revealed or filed on the strength of a typed address, nothing a submission stored is
 * overwritten by a later one, referral points cannot be farmed, and a friend's "yes" reaches
 * staff. Real database (SQLite file, or PostgreSQL with TEST_DATABASE=postgres).
 */
import { randomUUID } from "node:crypto";
import { testReward } from "../helpers/funnel";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { latestEmail, proveAddress, tokenOf } from "../helpers/funnel";
import { firstOpenCohort, referralFields, testSubmissionDeps } from "../helpers/submissions";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead, type SubmitOutcome } from "@/lib/leads/pipeline";
import { applyOwnershipLink } from "@/lib/ownership/apply-link";
import { hashOwnershipToken, issueOwnershipLink, OWNERSHIP_LINKS_PER_HOUR, OWNERSHIP_TTL_MINUTES } from "@/lib/ownership/tokens";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { pointsBalance } from "@/lib/referrals/points";
import { referrerStatus, requestStatusLink } from "@/lib/referrals/status";
import { decideReferralReview, listReferralReviews } from "@/lib/console/referral-reviews";
import { funnels, parseDashboardRange } from "@/lib/console/dashboard";
import type { FormType } from "@/lib/leads/form-types";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);
let cohort: { id: string; program: string };
let ipCounter = 0;
let rewardId = "";
/** A different client for every call unless a test says otherwise. */
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  cohort = await firstOpenCohort(t.db, new Date(Date.now() + 86_400_000));
  rewardId = await testReward(t.db, 100);
});
afterAll(() => t.cleanup());

const post = (form: FormType, raw: Record<string, unknown>, ctx: Partial<Parameters<typeof submitLead>[3]> = {}) =>
  submitLead(deps, form, { consent: "on", submissionToken: randomUUID(), ...raw }, { ip: freshIp(), ...ctx });

function raw(form: FormType, email: string, name = "Test Person"): Record<string, unknown> {
  switch (form) {
    case "enroll":
      return { name, email, program: cohort.program, cohort: cohort.id, paymentOption: "upfront", experience: "none" };
    case "quote":
      return { audience: "individual", name, email, courses: [cohort.program], platform: "linux", contactBy: "email", timeZone: "UTC" };
    case "referral":
      return { name, email, friends: [{ name: "Nia New", email: `nia-${randomUUID().slice(0, 8)}@example.com` }] };
    case "newsletter":
      return { email, name };
    case "callback":
      return { name, phone: "+1 415 555 0142", course: "not-sure", platform: "linux", bestTime: "morning", timeZone: "UTC" };
    case "redemption":
      return { email, reward: rewardId };
    case "syllabus":
      return { email, program: cohort.program };
    case "event":
      return { eventSlug: "no-such-event", name, email };
    case "comment":
      return { email, name, article: "/careers/machine-learning-engineer", comment: `A question ${randomUUID()}`, advisor: "on" };
    case "booking":
      return { callType: "admissions-call", startsAt: "2026-12-10T20:00:00.000Z", timeZone: "UTC", name, email };
  }
}

/** What the person sees, without what is naturally different per request (ids). */
function answer(o: SubmitOutcome) {
  if (o.kind === "saved") return { kind: o.kind, success: o.success };
  return o;
}

describe("answers never depend on whether an address is known", () => {
  it("every form answers a known address and an unknown one the same way, and reveals nothing personal", async () => {
    // Kim is known everywhere: she subscribed, referred friends, and has confirmed points.
    await post("newsletter", { email: "kim@example.com", name: "Kim Known" });
    await post("referral", { name: "Kim Known", email: "kim@example.com", friends: [{ name: "Lou", email: "lou-kim@example.com" }] });
    const lou = await t.db.contact.findUniqueOrThrow({ where: { email: "lou-kim@example.com" } });
    await confirmInterest(deps, lou.inviteToken!, { ip: freshIp() });
    const kim = await t.db.contact.findUniqueOrThrow({ where: { email: "kim@example.com" }, include: { newsletter: true } });
    expect(await pointsBalance(t.db, kim.id)).toMatchObject({ pending: 0, confirmed: 100 });

    let tried = 0;
    let differing = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<FormType>("enroll", "quote", "referral", "newsletter", "redemption"), fc.nat(), async (form, n) => {
        const unknown = `stranger-${n}-${randomUUID().slice(0, 6)}@example.com`;
        const a = await post(form, raw(form, "kim@example.com", "Mallory"));
        const b = await post(form, raw(form, unknown, "Mallory"));
        tried += 2;
        if (JSON.stringify(answer(a)) !== JSON.stringify(answer(b))) differing++;
        expect(answer(a)).toEqual(answer(b));
        const text = JSON.stringify(a);
        for (const secret of [kim.referralCode, kim.newsletter!.discountCode, "100 confirmed"]) expect(text).not.toContain(secret);
      }),
      { numRuns: 25 },
    );
    // Figures for the README: requests tried and answers that differed.
    console.log(`[identical answers] ${tried} submissions, known and unknown addresses: ${differing} answers differed`);
    expect(differing).toBe(0);
    // Nothing was emailed to the unknown addresses for redemptions.
    const links = await t.db.emailMessage.findMany({ where: { template: "ownership-link", toAddress: { startsWith: "stranger-" } } });
    expect(links.filter((m) => (JSON.parse(m.data) as { purpose: string }).purpose === "redemption")).toHaveLength(0);
  });

  it("the status-link form answers the same for any address and only emails a known one", async () => {
    const known = await requestStatusLink(deps, { email: "kim@example.com" }, { ip: freshIp() });
    const unknown = await requestStatusLink(deps, { email: "nobody-here@example.com" }, { ip: freshIp() });
    expect({ ...known, submissionToken: "" }).toEqual({ ...unknown, submissionToken: "" });
    expect(known.status).toBe("success");
    expect(await t.db.emailMessage.count({ where: { toAddress: "nobody-here@example.com" } })).toBe(0);
    const link = await latestEmail(t.db, "kim@example.com", "ownership-link");
    expect(link.parsed.purpose).toBe("referral-status");
    const used = await applyOwnershipLink(deps, tokenOf(link.parsed.url), { ip: freshIp() });
    expect(used).toMatchObject({ ok: true, purpose: "referral-status", email: "kim@example.com" });
    const status = await referrerStatus(t.db, used.ok && used.purpose === "referral-status" ? used.contactId : "");
    expect(status?.balance.confirmed).toBe(100); // (the property test above referred more friends as Kim: pending)
    // Friends are masked: recognisable, not readable.
    expect(status?.friends.find((f) => f.email.endsWith("@example.com") && f.email.startsWith("l"))).toMatchObject({
      name: "L***",
      email: "l***@example.com",
      points: "confirmed",
    });
  });
});

describe("nothing a submission stored is overwritten by a later one", () => {
  it("a form sent with someone else's address never renames them, and their later emails keep their name", async () => {
    await post("enroll", raw("enroll", "vera@example.com", "Vera Victim"));
    await post("newsletter", { email: "vera@example.com", name: "Mallory" });
    const vera = await t.db.contact.findUniqueOrThrow({ where: { email: "vera@example.com" } });
    expect(vera.name).toBe("Vera Victim");
    // Mallory's submission is kept as sent, on its own lead.
    const mallory = await t.db.lead.findFirstOrThrow({ where: { contactId: vera.id, formType: "newsletter" }, include: { submissions: true } });
    expect(mallory.name).toBe("Mallory");
    expect(mallory.submissions.map((s) => s.name)).toEqual(["Mallory"]);
    // Vera's next email greets her by her own name.
    const out = await post("quote", raw("quote", "vera@example.com", "Vera Victim"));
    const mail = await t.db.emailMessage.findFirstOrThrow({ where: { leadId: out.kind === "saved" ? out.leadId : "", template: "quote-confirmation" } });
    expect(JSON.parse(mail.data).name).toBe("Vera Victim");
  });

  it("a second sign-up without a name blanks neither the name nor the CTA, and the dashboard's funnel (leads only) lists neither", async () => {
    const first = await post("newsletter", { email: "nell@example.com", name: "Nell Named", article: "/careers/ml", cta: "salary-newsletter" });
    const second = await post("newsletter", { email: "nell@example.com", cta: "footer-newsletter" });
    expect(second.kind === "saved" && second.leadId).toBe(first.kind === "saved" && first.leadId);
    const lead = await t.db.lead.findFirstOrThrow({
      where: { email: "nell@example.com" },
      include: { submissions: { orderBy: { revision: "asc" } }, contact: true },
    });
    expect(lead).toMatchObject({ name: "Nell Named", article: "/careers/ml", cta: "salary-newsletter", revision: 2 });
    expect(lead.contact.name).toBe("Nell Named");
    expect(lead.submissions.map((s) => [s.revision, s.name, s.cta])).toEqual([
      [1, "Nell Named", "salary-newsletter"],
      [2, null, "footer-newsletter"],
    ]);
    // Newsletter sign-ups are not leads: the dashboard counts them apart, not in the funnel.
    const f = await funnels(t.db, parseDashboardRange({}));
    expect(f.cta.rows.find((r) => r.value === "salary-newsletter")).toBeUndefined();
    expect(f.cta.rows.find((r) => r.value === "footer-newsletter")).toBeUndefined();
  });

  it("a name typed by a referrer gives way to the person's own, which nothing later changes", async () => {
    await post("referral", { name: "Rex Referrer", email: "rex@example.com", friends: [{ name: "Wrongly Spelt", email: "ona@example.com" }] });
    expect((await t.db.contact.findUniqueOrThrow({ where: { email: "ona@example.com" } })).name).toBe("Wrongly Spelt");
    await post("enroll", raw("enroll", "ona@example.com", "Ona Own"));
    await post("quote", raw("quote", "ona@example.com", "Someone Else"));
    expect(await t.db.contact.findUniqueOrThrow({ where: { email: "ona@example.com" } })).toMatchObject({ name: "Ona Own", nameSource: "submission" });
  });
});

describe("referral points cannot be farmed", () => {
  it("ten made-up friends who each sign up for the newsletter confirm nothing", async () => {
    const friends = Array.from({ length: 10 }, (_, i) => ({ name: `Fake ${i}`, email: `fake${i}-${randomUUID().slice(0, 6)}@example.com` }));
    await post("referral", { name: "Farah Farmer", email: "farah@example.com", friends });
    for (const f of friends) expect((await post("newsletter", { email: f.email })).kind).toBe("saved");
    const farah = await t.db.contact.findUniqueOrThrow({ where: { email: "farah@example.com" } });
    expect(await pointsBalance(t.db, farah.id)).toMatchObject({ pending: 1000, confirmed: 0 });
    // A redemption of those points is refused at the link: nothing is confirmed.
    await post("redemption", { email: "farah@example.com", reward: rewardId });
    const link = await latestEmail(t.db, "farah@example.com", "ownership-link");
    expect(await applyOwnershipLink(deps, tokenOf(link.parsed.url), { ip: freshIp() })).toMatchObject({ ok: false, reason: "insufficient" });
  });

  it("holds the points of a friend who says yes from the referrer's IP or browser, for staff to approve or reject", async () => {
    const referrerIp = "203.0.113.200";
    const browser = "b".repeat(22);
    const people = referralFields("Sol Same <sol@example.com>", ["Ivy Ip <ivy@example.com>", "Bea Browser <bea@example.com>"]);
    await post("referral", people, { ip: referrerIp, firstTouch: { visitorId: browser } });
    const sol = await t.db.contact.findUniqueOrThrow({ where: { email: "sol@example.com" } });
    const ivy = await t.db.contact.findUniqueOrThrow({ where: { email: "ivy@example.com" } });
    const bea = await t.db.contact.findUniqueOrThrow({ where: { email: "bea@example.com" } });
    expect(await confirmInterest(deps, ivy.inviteToken!, { ip: referrerIp })).toMatchObject({ ok: true, points: "held" });
    expect(await confirmInterest(deps, bea.inviteToken!, { ip: freshIp(), firstTouch: { visitorId: browser } })).toMatchObject({ ok: true, points: "held" });
    expect(await pointsBalance(t.db, sol.id)).toMatchObject({ pending: 200, confirmed: 0 });

    const { rows } = await listReferralReviews(t.db, { status: "pending" });
    const ivyReview = rows.find((r) => r.friend.id === ivy.id)!;
    const beaReview = rows.find((r) => r.friend.id === bea.id)!;
    expect(ivyReview.reasons.map((r) => r.code)).toEqual(["same_ip"]);
    expect(beaReview.reasons.map((r) => r.code)).toEqual(["same_browser"]);
    // Both friends still became leads: a flag never blocks.
    expect(await t.db.lead.count({ where: { contactId: { in: [ivy.id, bea.id] }, formType: "invite" } })).toBe(2);

    const staff = await t.db.user.create({ data: { id: randomUUID(), name: "Rev Viewer", email: `rev-${randomUUID()}@loomstack.example` } });
    expect(await decideReferralReview(t.db, { reviewId: ivyReview.id, decision: "approved", actorId: staff.id })).toEqual({ ok: true, decision: "approved" });
    expect(await decideReferralReview(t.db, { reviewId: beaReview.id, decision: "rejected", actorId: staff.id })).toEqual({ ok: true, decision: "rejected" });
    expect(await decideReferralReview(t.db, { reviewId: beaReview.id, decision: "approved", actorId: staff.id })).toEqual({
      ok: false,
      error: "already_decided",
    });
    expect(await pointsBalance(t.db, sol.id)).toMatchObject({ pending: 0, confirmed: 100 });
    // Append-only: the rejection is a negative row linked to the same friend.
    const beaRows = await t.db.pointsEntry.findMany({ where: { friendContactId: bea.id }, orderBy: { createdAt: "asc" } });
    expect(beaRows.map((r) => [r.reason, r.bucket, r.amount])).toEqual([
      ["referral", "pending", 100],
      ["referral_rejected", "pending", -100],
    ]);
  });
});

describe("a friend's yes reaches staff", () => {
  it("becomes one invite lead, attributed to the referrer and the invitation, with a staff alert and a confirmation", async () => {
    await post("referral", { name: "Ada Asker", email: "ada-asker@example.com", friends: [{ name: "Gil Glad", email: "gil@example.com" }] });
    const ada = await t.db.contact.findUniqueOrThrow({ where: { email: "ada-asker@example.com" } });
    const gil = await t.db.contact.findUniqueOrThrow({ where: { email: "gil@example.com" } });
    const clicks = await Promise.all(Array.from({ length: 5 }, () => confirmInterest(deps, gil.inviteToken!, { ip: "192.0.2.77" })));
    expect(clicks.every((c) => c.ok)).toBe(true);
    const leads = await t.db.lead.findMany({ where: { contactId: gil.id }, include: { emails: true } });
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      formType: "invite",
      referredById: ada.id,
      referralCode: ada.referralCode,
      cta: "referral-invitation",
      landingPage: "/invite",
      consentVersion: "invite-2026-12",
    });
    expect(leads[0].emails.map((e) => e.template).sort()).toEqual(["invite-confirmation", "staff-new-lead"]);
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: gil.id } })).emailVerifiedAt).toBeInstanceOf(Date);
    expect(await pointsBalance(t.db, ada.id)).toMatchObject({ pending: 0, confirmed: 100 });
  });
});

describe("ownership links", () => {
  it("are stored only as a hash, work once however many use them at once, and expire", async () => {
    await post("referral", { name: "Owen Owner", email: "owen@example.com", friends: [{ name: "Pia", email: "pia-owen@example.com" }] });
    const owen = await t.db.contact.findUniqueOrThrow({ where: { email: "owen@example.com" } });
    const pia = await t.db.contact.findUniqueOrThrow({ where: { email: "pia-owen@example.com" } });
    await confirmInterest(deps, pia.inviteToken!, { ip: freshIp() });
    await post("redemption", { email: "owen@example.com", reward: rewardId });
    const link = await latestEmail(t.db, "owen@example.com", "ownership-link");
    const token = tokenOf(link.parsed.url);
    expect(await t.db.ownershipToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await t.db.ownershipToken.count({ where: { tokenHash: hashOwnershipToken(token) } })).toBe(1);

    const uses = await Promise.all(Array.from({ length: 8 }, () => applyOwnershipLink(deps, token, { ip: freshIp() })));
    expect(uses.filter((u) => u.ok)).toHaveLength(1);
    expect(uses.filter((u) => !u.ok).every((u) => !u.ok && u.reason === "used")).toBe(true);
    expect(await t.db.lead.count({ where: { contactId: owen.id, formType: "redemption" } })).toBe(1);

    // A link used after its time is refused, and does nothing.
    await post("redemption", { email: "owen@example.com", reward: rewardId });
    const late = tokenOf((await latestEmail(t.db, "owen@example.com", "ownership-link")).parsed.url);
    const after = new Date(Date.now() + (OWNERSHIP_TTL_MINUTES.redemption + 1) * 60_000);
    expect(await applyOwnershipLink(deps, late, { ip: freshIp(), now: after })).toEqual({ ok: false, reason: "expired" });
    expect(await t.db.lead.count({ where: { contactId: owen.id, formType: "redemption" } })).toBe(1);
  });

  it(`are sent at most ${OWNERSHIP_LINKS_PER_HOUR} times an hour to one address, whatever the form is told`, async () => {
    const now = new Date();
    const issue = () =>
      t.db.$transaction((tx) =>
        issueOwnershipLink(tx, { email: "cap@example.com", contactId: null, purpose: "referral-status", name: null, siteUrl: deps.siteUrl, now }),
      );
    const results = [];
    for (let i = 0; i < OWNERSHIP_LINKS_PER_HOUR + 2; i++) results.push(await issue());
    expect(results.filter(Boolean)).toHaveLength(OWNERSHIP_LINKS_PER_HOUR);
    expect(await t.db.emailMessage.count({ where: { toAddress: "cap@example.com" } })).toBe(OWNERSHIP_LINKS_PER_HOUR);
    const nextHour = new Date(now.getTime() + 61 * 60_000);
    expect(
      await t.db.$transaction((tx) =>
        issueOwnershipLink(tx, { email: "cap@example.com", contactId: null, purpose: "referral-status", name: null, siteUrl: deps.siteUrl, now: nextHour }),
      ),
    ).not.toBeNull();
  });

  it("a verify link proves the address of someone a referral link brought", async () => {
    const rex = await t.db.contact.findUniqueOrThrow({ where: { email: "rex@example.com" } });
    const before = await pointsBalance(t.db, rex.id);
    await post("newsletter", { email: "link-arrival@example.com", name: "Lia Link" }, { firstTouch: { ref: rex.referralCode } });
    expect(await pointsBalance(t.db, rex.id)).toMatchObject({ pending: before.pending + 100, confirmed: before.confirmed });
    await proveAddress(deps, "link-arrival@example.com", { ip: freshIp() });
    expect(await pointsBalance(t.db, rex.id)).toMatchObject({ pending: before.pending, confirmed: before.confirmed + 100 });
  });
});
