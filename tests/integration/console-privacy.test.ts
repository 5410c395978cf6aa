import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import { deliverToMailbox, firstOpenCohort, rowCounts, testSubmissionDeps } from "../helpers/submissions";
import { confirmNewsletter } from "../helpers/funnel";
import { seedPrograms } from "@/lib/content/seed-programs";
import { submitLead } from "@/lib/leads/pipeline";
import type { FormType } from "@/lib/leads/form-types";
import { unsubscribeByToken } from "@/lib/email/manage";
import { currentVersion } from "@/lib/legal/registry";
import { ERASED, erasePerson, exportPerson, findContactIdByEmail, makeScrubber, type PersonExport } from "@/lib/console/privacy";

const t = createTestDb();
const deps = testSubmissionDeps(t.db);

/** The person to export and erase: every value below is unique to them in the database. */
const ZELDA = {
  name: "Zelda Quixote-Marlowe",
  nameFromFriend: "Zelda Q",
  email: "zelda.qm@example.org",
  phone: "+44 20 7946 0321",
  phoneE164: "+442079460321",
};
/** Free text about Zelda that must go too (in her forms, staff notes, a lost reason). */
const ZELDA_TEXT = ["Zephyrine", "Quixotic Widgets", "Hubertine", "Zanzibarville"];
const FRIDA = { name: "Frida Referrer", email: "frida.ref@example.net" };
const YANNICK = { name: "Yannick Friendly", email: "yannick.f@example.net" };
const OSWIN = { name: "Oswin Otherperson", email: "oswin.o@example.com", phone: "+1 415 555 0199" };

let cohort: { id: string; program: string };
let zeldaId: string;
let fridaId: string;
let yannickId: string;
let oswinId: string;
let actorId: string;

const submit = async (formType: FormType, raw: Record<string, unknown>, firstTouch?: { landing?: string; referrer?: string }) => {
  const out = await submitLead(deps, formType, { consent: "on", submissionToken: randomUUID(), ...raw }, { ip: "203.0.113.9", firstTouch });
  if (out.kind !== "saved") throw new Error(`${formType} not saved: ${JSON.stringify(out)}`);
  return out.leadId;
};

const enroll = (who: { name: string; email: string; phone?: string }, goals: string) => ({
  name: who.name,
  email: who.email,
  phone: who.phone ?? "",
  program: cohort.program,
  cohort: cohort.id,
  paymentOption: "instalments",
  experience: "beginner",
  goals,
});

beforeAll(async () => {
  await seedPrograms(t.db, new Date());
  cohort = await firstOpenCohort(t.db);
  actorId = (await t.db.user.create({ data: { id: randomUUID(), name: "Alex Admin", email: "alex.admin@loomstack.example", role: "admin" } })).id;

  // Frida refers Zelda (which creates Zelda's contact and invites her).
  await submit("referral", {
    name: FRIDA.name,
    email: FRIDA.email,
    friends: [{ name: ZELDA.nameFromFriend, email: ZELDA.email, note: "Zelda, the robotics track is for you" }],
  });
  // Zelda's own forms.
  const enrollId = await submit(
    "enroll",
    { ...enroll(ZELDA, "Build a robot bakery called Zephyrine"), utm_source: "newsletter", article: "/careers/ml", cta: "hero-apply" },
    {
      landing: `/careers/ml?email=${ZELDA.email}`,
      referrer: `https://mail.example/inbox?u=${ZELDA.email}`,
    },
  );
  await submit("quote", {
    audience: "team",
    name: ZELDA.name,
    email: ZELDA.email,
    company: "Quixotic Widgets Ltd",
    seats: 4,
    courses: [cohort.program],
    platform: "macos",
    contactBy: "call",
    phone: "+44 20 7946 0111",
    bestTime: "morning",
    timeZone: "Europe/London",
    message: "Call after 5pm and ask for Zelda",
  });
  await submit("newsletter", { email: ZELDA.email, name: ZELDA.name });
  await confirmNewsletter(deps, ZELDA.email);
  await submit("referral", { name: ZELDA.name, email: ZELDA.email, friends: [{ name: YANNICK.name, email: YANNICK.email, note: "Yannick, Zelda says hi" }] });
  await submit("callback", { name: ZELDA.name, phone: ZELDA.phone, course: "not-sure", platform: "linux", bestTime: "evening", timeZone: "Europe/London" });
  // Someone else entirely.
  const oswinLead = await submit("enroll", enroll(OSWIN, "Become a data engineer at Otherco"));

  // Send everything (renders subject, HTML and text with the real templates).
  await deliverToMailbox(t.db);

  zeldaId = (await t.db.contact.findUniqueOrThrow({ where: { email: ZELDA.email } })).id;
  fridaId = (await t.db.contact.findUniqueOrThrow({ where: { email: FRIDA.email } })).id;
  yannickId = (await t.db.contact.findUniqueOrThrow({ where: { email: YANNICK.email } })).id;
  oswinId = (await t.db.contact.findUniqueOrThrow({ where: { email: OSWIN.email } })).id;

  // Staff work: a note, an assignment, lost with a reason; and a note on Oswin's lead.
  await t.db.leadActivity.createMany({
    data: [
      { leadId: enrollId, actorId, type: "assign", detail: "Alex Admin" },
      { leadId: enrollId, actorId, type: "note", detail: "Zelda mentioned her partner Hubertine" },
      { leadId: enrollId, actorId, type: "status", fromStatus: "new", toStatus: "contacted" },
      { leadId: enrollId, actorId, type: "status", fromStatus: "contacted", toStatus: "lost", detail: "Moving to Zanzibarville" },
      { leadId: oswinLead, actorId, type: "note", detail: "Oswin prefers mornings" },
    ],
  });
  await t.db.lead.update({
    where: { id: enrollId },
    data: { status: "lost", lostReason: "Moving to Zanzibarville", firstContactedAt: new Date(), statusChangedAt: new Date() },
  });

  // Delivery events naming her address (one matched to a message, one not), and an
  // unsubscribe from the newsletter (a suppression entry for her address).
  const welcome = await t.db.emailMessage.findFirstOrThrow({ where: { contactId: zeldaId, template: "newsletter-welcome" } });
  await t.db.emailEvent.create({
    data: { externalId: "evt-1", messageId: welcome.id, type: "email.delivered", detail: JSON.stringify({ to: [ZELDA.email] }), occurredAt: new Date() },
  });
  await t.db.emailEvent.create({ data: { externalId: "evt-2", type: "email.opened", detail: JSON.stringify({ to: [ZELDA.email] }), occurredAt: new Date() } });
  expect((await unsubscribeByToken(t.db, welcome.unsubscribeToken!)).ok).toBe(true);
  // One email still waiting to be sent.
  await t.db.emailMessage.create({
    data: {
      toAddress: ZELDA.email,
      contactId: zeldaId,
      template: "enroll-confirmation",
      data: JSON.stringify({ name: ZELDA.name }),
      category: "transactional",
      idempotencyKey: "test:pending",
    },
  });
});
afterAll(() => t.cleanup());

type Hit = { table: string; column: string; needle: string; value: string };

/** A whole value that is a random identifier or token: a UUID, or a run of letters, digits, _ and - with a letter in it. */
const isOpaqueToken = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || (/^[A-Za-z0-9_-]{20,}$/.test(value) && /[A-Za-z]/.test(value));

/** Every text value in every table (read with a second connection, as a raw scan). */
async function scanDatabase(needles: string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  const check = (table: string, row: Record<string, unknown>) => {
    for (const [column, value] of Object.entries(row)) {
      if (typeof value !== "string") continue;
      const lower = value.toLowerCase();
      for (const needle of needles) {
        if (!lower.includes(needle.toLowerCase())) continue;
        // A digits-only needle (her local number) inside a random token is chance, not her
        // data: CI once found "7946" in a submission token's UUID.
        if (/^\d+$/.test(needle) && isOpaqueToken(value)) continue;
        hits.push({ table, column, needle, value: value.slice(0, 200) });
      }
    }
  };
  if (t.provider === "postgres") {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'",
      );
      expect(tables.length).toBeGreaterThan(10);
      for (const { name } of tables) for (const row of (await client.query(`SELECT * FROM "${name}"`)).rows) check(name, row);
    } finally {
      await client.end();
    }
    return hits;
  }
  const conn = new Database(t.url.slice("file:".length), { readonly: true });
  try {
    const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as {
      name: string;
    }[];
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) for (const row of conn.prepare(`SELECT * FROM "${name}"`).iterate() as Iterable<Record<string, unknown>>) check(name, row);
    return hits;
  } finally {
    conn.close();
  }
}

async function countsThatMustNotChange() {
  const [perForm, ledger, statuses] = await Promise.all([
    t.db.lead.groupBy({ by: ["formType"], _count: { _all: true }, orderBy: { formType: "asc" } }),
    t.db.pointsEntry.groupBy({ by: ["contactId", "bucket"], _sum: { amount: true }, orderBy: [{ contactId: "asc" }, { bucket: "asc" }] }),
    t.db.lead.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } }),
  ]);
  return {
    perForm: perForm.map((r) => [r.formType, r._count._all]),
    ledger: ledger.map((r) => [r.contactId, r.bucket, r._sum.amount]),
    statuses: statuses.map((r) => [r.status, r._count._all]),
    ...(await rowCounts(t.db, ["contacts", "emails", "events", "newsletter", "suppressions", "points"])),
  };
}

describe("finding a person", () => {
  it("by email, exact and case-insensitive", async () => {
    expect(await findContactIdByEmail(t.db, "  Zelda.QM@Example.ORG ")).toBe(zeldaId);
    expect(await findContactIdByEmail(t.db, "zelda.qm@example")).toBeNull();
    expect(await findContactIdByEmail(t.db, "")).toBeNull();
  });
});

describe("export", () => {
  let data: PersonExport;
  beforeAll(async () => {
    data = (await exportPerson(t.db, zeldaId))!;
  });

  it("contains the contact, every lead with its fields parsed, and the activities", async () => {
    expect(data.contact).toMatchObject({ id: zeldaId, email: ZELDA.email, name: ZELDA.name, phone: ZELDA.phoneE164 });
    const leads = await t.db.lead.findMany({ where: { contactId: zeldaId }, orderBy: { createdAt: "asc" } });
    expect(leads.map((l) => l.formType).sort()).toEqual(["callback", "enroll", "newsletter", "quote", "referral"]);
    expect(data.leads.map((l) => l.id)).toEqual(leads.map((l) => l.id));
    const enrollLead = data.leads.find((l) => l.formType === "enroll")!;
    expect(enrollLead.fields).toMatchObject({ goals: "Build a robot bakery called Zephyrine", email: ZELDA.email });
    expect(enrollLead).toMatchObject({
      utmSource: "newsletter",
      article: "/careers/ml",
      cta: "hero-apply",
      lostReason: "Moving to Zanzibarville",
      consentVersion: "contact-2026-11",
    });
    expect(enrollLead.activities.map((a) => a.type)).toEqual(["assign", "note", "status", "status"]);
    expect(data.leads.find((l) => l.formType === "quote")!.fields).toMatchObject({ company: "Quixotic Widgets Ltd" });
  });

  it("contains the emails sent to her or about her leads, without bodies", async () => {
    const expected = await t.db.emailMessage.findMany({
      where: { OR: [{ contactId: zeldaId }, { toAddress: ZELDA.email }, { lead: { contactId: zeldaId }, contactId: null }] },
      select: { id: true },
    });
    expect(data.emails.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    const templates = data.emails.map((e) => e.template);
    expect(templates).toEqual(expect.arrayContaining(["referral-invitation", "enroll-confirmation", "newsletter-welcome", "staff-new-lead"]));
    expect(data.emails.every((e) => e.to === ZELDA.email || e.to === "admissions@loomstack.example")).toBe(true);
    const sent = data.emails.find((e) => e.template === "enroll-confirmation" && e.status === "delivered")!;
    expect(sent.subject).toBeTruthy();
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.deliveredAt).toBeInstanceOf(Date);
    expect(Object.keys(sent)).not.toContain("html");
    expect(Object.keys(sent)).not.toContain("data");
    expect(JSON.stringify(data)).not.toContain("<html");
  });

  it("contains the points ledger, the newsletter, suppressions and referrals (ids and names only)", async () => {
    expect(data.points.balance).toMatchObject({ pending: 100, confirmed: 0 });
    expect(data.points.entries).toHaveLength(1);
    expect(data.points.entries[0]).toMatchObject({ amount: 100, bucket: "pending", friendContactId: yannickId });
    // These forms are sent on the real clock: the notice stored is the one in force today.
    expect(data.newsletter).toMatchObject({ discountPercent: 20, consentVersion: "newsletter-2026-11", privacyVersion: currentVersion("privacy").version });
    expect(data.newsletter!.unsubscribedAt).toBeInstanceOf(Date);
    expect(data.newsletter!.confirmedAt).toBeInstanceOf(Date);
    expect(data.discountCodes).toEqual([expect.objectContaining({ code: expect.stringMatching(/^LOOM20-/), percent: 20, programSlugs: [], usedAt: null })]);
    expect(data.suppressions).toEqual([expect.objectContaining({ address: ZELDA.email, scope: "marketing", reason: "unsubscribe" })]);
    expect(data.referredBy).toEqual({ id: fridaId, name: FRIDA.name });
    expect(data.referred).toEqual([{ id: yannickId, name: YANNICK.name }]);
  });

  it("contains nothing of anyone else", async () => {
    const json = JSON.stringify(data).toLowerCase();
    const oswinLeads = await t.db.lead.findMany({ where: { contactId: oswinId }, select: { id: true } });
    for (const s of [OSWIN.email, OSWIN.name, "4155550199", "Otherco", "Oswin prefers", oswinId, ...oswinLeads.map((l) => l.id)]) {
      expect(json, s).not.toContain(s.toLowerCase());
    }
    // Frida appears as the referrer (id and name), never with her email or her own leads.
    const fridaLeads = await t.db.lead.findMany({ where: { contactId: fridaId }, select: { id: true } });
    for (const s of [FRIDA.email, ...fridaLeads.map((l) => l.id)]) expect(json).not.toContain(s.toLowerCase());
    // Yannick's address is only where Zelda typed it herself (her referral form), and the
    // invitation he was sent is his mail, not hers.
    const withoutReferralFields = JSON.stringify({
      ...data,
      leads: data.leads.map((l) => (l.formType === "referral" ? { ...l, fields: null, submissions: l.submissions.map((x) => ({ ...x, fields: null })) } : l)),
    });
    expect(withoutReferralFields).not.toContain(YANNICK.email);
    expect(data.emails.some((e) => e.to === YANNICK.email)).toBe(false);
  });

  it("is null for an unknown contact", async () => {
    expect(await exportPerson(t.db, "no-such-contact")).toBeNull();
  });
});

describe("erase", () => {
  const needles = [ZELDA.email, "zelda", ZELDA.phoneE164, "7946", ...ZELDA_TEXT];

  it("finds her everywhere before (so the scan below means something)", async () => {
    const tables = new Set((await scanDatabase(needles)).map((h) => `${h.table}.${h.column}`));
    for (const place of [
      "Contact.email",
      "Contact.name",
      "Contact.phone",
      "Lead.fields",
      "Lead.searchName",
      "Lead.landingPage",
      "Lead.referrerUrl",
      "Lead.lostReason",
      "LeadSubmission.name",
      "LeadSubmission.fields",
      "LeadSubmission.landingPage",
      "OwnershipToken.email",
      "LeadActivity.detail",
      "EmailMessage.toAddress",
      "EmailMessage.data",
      "EmailMessage.subject",
      "EmailMessage.html",
      "EmailMessage.text",
      "EmailEvent.detail",
      "EmailSuppression.address",
    ]) {
      expect(tables, place).toContain(place);
    }
  });

  it("anonymises her everywhere in one go and keeps every count", async () => {
    const before = await countsThatMustNotChange();
    const activitiesBefore = await t.db.leadActivity.count();
    const result = await erasePerson(t.db, { contactId: zeldaId, actorId, now: new Date() });
    expect(result).toMatchObject({
      contactId: zeldaId,
      leads: 5,
      eraseActivities: 5,
      activities: 2,
      otherLeads: 1,
      newsletter: 1,
      discountCodes: 1,
      suppressionsKept: 1,
      emailsCancelled: 1,
    });
    expect(result!.emails).toBeGreaterThanOrEqual(10);
    expect(result!.emailEvents).toBe(2);
    expect(result!.otherEmails).toBe(2); // Frida's confirmation and the staff notification of her form

    expect(await countsThatMustNotChange()).toEqual(before);
    expect(await t.db.leadActivity.count()).toBe(activitiesBefore + 5);

    // Nothing left, except her address on the suppression list (kept on purpose, so an
    // erased address still gets no marketing email).
    const hits = await scanDatabase(needles);
    expect(hits.filter((h) => !(h.table === "EmailSuppression" && h.column === "address"))).toEqual([]);
    expect([...new Set(hits.map((h) => `${h.table}.${h.column}:${h.value}`))]).toEqual([`EmailSuppression.address:${ZELDA.email}`]);

    const contact = await t.db.contact.findUniqueOrThrow({ where: { id: zeldaId } });
    expect(contact).toMatchObject({ email: null, phone: null, name: null, inviteToken: null, referredById: fridaId });
    expect(contact.referralCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(contact.marketingOptOutAt).toBeInstanceOf(Date);

    const leads = await t.db.lead.findMany({ where: { contactId: zeldaId }, include: { activities: true } });
    // Every column of a lead that can hold something about her is emptied (the URLs may carry ?email=…).
    const personal = ["name", "email", "phone", "searchName", "searchLastName", "referrerUrl", "landingPage"];
    for (const l of leads) {
      expect(l).toMatchObject({ ...Object.fromEntries(personal.map((column) => [column, null])), fields: "{}" });
      expect(l.consentText).toBeTruthy();
      expect(l.activities.filter((a) => a.type === "erase")).toEqual([expect.objectContaining({ actorId })]);
    }
    const enrollLead = leads.find((l) => l.formType === "enroll")!;
    expect(enrollLead).toMatchObject({
      status: "lost",
      lostReason: ERASED,
      utmSource: "newsletter",
      article: "/careers/ml",
      cta: "hero-apply",
      programSlug: cohort.program,
    });
    expect(enrollLead.activities.find((a) => a.type === "assign")!.detail).toBe("Alex Admin");
    expect(enrollLead.activities.find((a) => a.type === "note")!.detail).toBe(ERASED);

    // Her emails: emptied; to her → an invalid address; the pending one is never sent.
    const emails = await t.db.emailMessage.findMany({ where: { OR: [{ contactId: zeldaId }, { lead: { contactId: zeldaId } }] } });
    for (const e of emails) {
      expect(e).toMatchObject({ data: "{}", subject: null, html: null, text: null });
      expect(e.status).not.toBe("pending");
    }
    const toHer = emails.filter((e) => e.contactId === zeldaId);
    expect(toHer.length).toBeGreaterThan(0);
    expect(toHer.map((e) => e.toAddress)).toEqual(toHer.map((e) => `erased-${e.id}@erased.invalid`));
    // Staff kept their address; Yannick's invitation is still his (and he can still unsubscribe).
    expect(emails.filter((e) => e.template === "staff-new-lead").every((e) => e.toAddress === "admissions@loomstack.example")).toBe(true);
    const invitation = emails.find((e) => e.toAddress === YANNICK.email)!;
    expect(invitation.unsubscribeToken).toBeTruthy();

    // Frida's referral form still lists one friend, now erased; her own details are intact.
    const fridaReferral = await t.db.lead.findFirstOrThrow({ where: { contactId: fridaId, formType: "referral" } });
    expect(JSON.parse(fridaReferral.fields)).toMatchObject({ name: FRIDA.name, email: FRIDA.email, friends: [{ name: ERASED, email: ERASED }] });
    const fridaMail = await t.db.emailMessage.findFirstOrThrow({ where: { toAddress: FRIDA.email } });
    expect(fridaMail.html).toContain(ERASED);
    expect(fridaMail.html).toContain(FRIDA.name);

    // Oswin is untouched.
    expect((await scanDatabase([OSWIN.email, "Oswin prefers", "Otherco"])).length).toBeGreaterThanOrEqual(3);
    expect(await t.db.contact.findUnique({ where: { email: OSWIN.email } })).toMatchObject({ name: OSWIN.name });
  });

  it("can run again (nothing left to change, nothing breaks)", async () => {
    const before = await countsThatMustNotChange();
    const again = await erasePerson(t.db, { contactId: zeldaId, actorId, now: new Date() });
    expect(again).toMatchObject({ leads: 5, activities: 0, otherLeads: 0, otherEmails: 0, emailEvents: 0, emailsCancelled: 0 });
    expect(await countsThatMustNotChange()).toEqual(before);
    expect((await scanDatabase(needles)).filter((h) => h.table !== "EmailSuppression")).toEqual([]);
    const data = (await exportPerson(t.db, zeldaId))!;
    expect(data.contact).toMatchObject({ email: null, name: null, phone: null });
    expect(data.leads.every((l) => JSON.stringify(l.fields) === "{}")).toBe(true);
  });

  it("is null for an unknown contact", async () => {
    expect(await erasePerson(t.db, { contactId: "no-such-contact", actorId })).toBeNull();
  });
});

describe("scrubbing other people's text", () => {
  it("replaces whole names, addresses (also HTML-escaped) and nothing inside other words", () => {
    const scrub = makeScrubber({ addresses: ["ann.o@example.com"], phones: [], names: ["Ann O'Neil", "Ann"] });
    expect(scrub("Friend 1: Ann O'Neil <ann.o@example.com>")).toBe(`Friend 1: ${ERASED} <${ERASED}>`);
    expect(scrub("Ann O&#x27;Neil &lt;ann.o@example.com&gt;")).toBe(`${ERASED} &lt;${ERASED}&gt;`);
    expect(scrub("Annual plan for Joanne, ANN said")).toBe(`Annual plan for Joanne, ${ERASED} said`);
  });
});
