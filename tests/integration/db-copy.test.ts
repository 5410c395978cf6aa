import { addTask } from "@/lib/console/tasks";
import { saveView } from "@/lib/console/saved-views";
import { bulkAssign, markInboxSeen, markLeadRead } from "@/lib/console/bulk";
import { addLostReason } from "@/lib/console/lost-reasons";
import { createTemplate } from "@/lib/console/email-templates";
import { sendLeadEmail } from "@/lib/console/lead-email";
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabaseSync, dropPgDatabasesLikeSync, pgUrl, randomDbName } from "../helpers/pg-admin";
import { ROLLUP_TABLES } from "@/lib/console/rollup-sql";
import { createDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  assertRulesCoverModels,
  connectPg,
  COPY_RULES,
  copyDatabase,
  CopyRefused,
  copyPlan,
  foreignKeys,
  formatVerifyTable,
  modelInfos,
  openSqliteSource,
  pgQuery,
  prismaModelNames,
  resetSequences,
  ruleCoverage,
  verifyCopy,
  type CopyRule,
} from "@/lib/db/copy";
import { createAuth, createStaffUser } from "@/lib/auth/auth";
import { seedPrograms } from "@/lib/content/seed-programs";
import { seedPeople } from "@/lib/people/seed";
import { SAMPLE_EVENTS, seedEvents } from "@/lib/events/seed-events";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { submitLead, type SubmissionDeps } from "@/lib/leads/pipeline";
import type { FormType } from "@/lib/leads/form-types";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { confirmNewsletter, fileRedemption, proveAddress, testReward } from "../helpers/funnel";
import { pointsBalance } from "@/lib/referrals/points";
import { decideRedemption } from "@/lib/console/referrals";
import { addNote, assignLead, changeStatus } from "@/lib/console/pipeline";
import { saveStaffRecipientSettings } from "@/lib/console/settings";
import { drainOutbox } from "@/lib/email/dispatcher";
import { mailboxTransport } from "@/lib/email/transport";
import { renderEmail } from "@/lib/email/render";
import { unsubscribeByToken } from "@/lib/email/manage";
import { handleResendWebhook } from "@/lib/email/webhook";
import { findSlots } from "@/lib/booking/availability";
import { bookSlot } from "@/lib/booking/book";

/**
 * `npm run db:copy` (lib/db/copy.ts, scripts/db-copy.ts): a SQLite database filled through
 * the app's own functions is copied into fresh PostgreSQL databases and compared.
 *
 * The source is always SQLite, also in a TEST_DATABASE=postgres run: a copy of the run's
 * SQLite template when there is one, else a file migrated here. The targets are PostgreSQL
 * databases made from one migrated template per file (from the run's PostgreSQL template
 * when there is one, else migrated here), all dropped at the end.
 */

const PRISMA = path.resolve("node_modules/.bin/prisma");
const RUN = randomDbName("loomstack_copy");
const PG_TEMPLATE = `${RUN}_tpl`;
const dir = mkdtempSync(path.join(tmpdir(), "loomstack-copy-"));

let databases = 0;
/** A new PostgreSQL database: migrated (from the template) or completely empty. */
function pgDatabase(migrated = true): string {
  const name = `${RUN}_${++databases}`;
  createPgDatabaseSync(name, migrated ? PG_TEMPLATE : undefined);
  return pgUrl(name);
}

/** A new, migrated SQLite file. */
function sqliteDatabase(name: string): string {
  const file = path.join(dir, name);
  const template = process.env.LOOMSTACK_TEST_TEMPLATE_DB;
  if (template) copyFileSync(template, file);
  else execFileSync(PRISMA, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  return `file:${file}`;
}

function copyTemplateFile(from: string, name: string): string {
  const file = path.join(dir, name);
  // A consistent copy of a WAL database, as `sqlite3 .backup` makes.
  const src = new Database(from.slice("file:".length), { readonly: true });
  try {
    src.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  } finally {
    src.close();
  }
  return `file:${file}`;
}

// ---- the data: filled through the app's own functions ------------------------------------

const PASSWORD = "copy-test-password-123";
const SECRET = "db-copy-test-secret-0123456789abcdef";
const WEBHOOK_SECRET = "whsec_" + randomBytes(32).toString("base64");
const BASE_URL = "http://localhost:3000";
/** 2^53 + 1: a BigInt a JavaScript number cannot hold. */
const BIG = 9007199254740993n;

const UNICODE = {
  zoe: "Zoë Ångström-Ñúñez",
  li: "李小龙 Lǐ Xiǎolóng",
  greek: "Σωκράτης Παπαδόπουλος",
  arabic: "ليلى عبد الله",
  emoji: "Rocket 🚀 Dev 👩🏽‍💻",
};
const NOTE =
  "Called back: “curly quotes”, emoji 🚀👩🏽‍💻🇺🇦, RTL مرحبا بالعالم, combining e\u0301 next to precomposed é, astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, " +
  "zero\u200Bwidth, a tab\tand a\nnew line, backslash \\ and 'single' and \"double\" quotes, 100% _under_score";

type Seeded = { admin: string; staff: string; rita: string; zoe: string; redemptionApproved: string; redemptionRejected: string; enrollLead: string };

async function seed(db: Db): Promise<Seeded> {
  await seedPrograms(db, new Date());
  const cohort = await db.cohort.findFirstOrThrow({ where: { status: "open" }, include: { program: true }, orderBy: { startDate: "asc" } });

  // Staff, a session (and Better Auth's rate-limit counter) through its HTTP handler.
  const auth = createAuth({ db, secret: SECRET, baseURL: BASE_URL });
  const admin = await createStaffUser(auth, { email: "ada.admin@loomstack.example", name: UNICODE.zoe, password: PASSWORD, role: "admin" });
  const staff = await createStaffUser(auth, { email: "li.staff@loomstack.example", name: UNICODE.li, password: PASSWORD, role: "staff" });
  const signIn = await auth.handler(
    new Request(`${BASE_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE_URL, "x-forwarded-for": "203.0.113.77", "user-agent": "Copy test agent (Ünïcode)" },
      body: JSON.stringify({ email: "li.staff@loomstack.example", password: PASSWORD }),
    }),
  );
  expect(signIn.status).toBe(200);
  // Better Auth's own tables the app never writes itself: a pending verification, and a
  // rate-limit counter with a BigInt no double can hold.
  await db.verification.create({
    data: { id: randomUUID(), identifier: "reset-password:ada", value: "tok-" + randomUUID(), expiresAt: new Date("2026-12-01T00:00:00.001Z") },
  });
  await db.rateLimit.create({ data: { id: randomUUID(), key: "203.0.113.99/sign-in/email", count: 3, lastRequest: BIG } });
  // People, outcomes and stories (issue 15): the seeded people and sample reports, a photo's bytes
  // (every byte value, so an encoding slip shows) and a consented story.
  await seedPeople(db);
  const photo = await db.personPhoto.create({ data: { contentType: "image/png", bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)), size: 256 } });
  await db.instructor.updateMany({ where: { name: "Priya Raman" }, data: { photoId: photo.id, photoAlt: UNICODE.emoji } });
  await db.studentStory.create({
    data: {
      studentName: UNICODE.zoe,
      programId: cohort.programId,
      storyDate: new Date("2026-09-01"),
      headline: "h",
      body: NOTE,
      consent: true,
      consentRecordedAt: new Date(),
      consentRecordedBy: "Ada",
      published: true,
    },
  });

  expect(
    await saveStaffRecipientSettings(db, { enroll: "admissions@loomstack.example, ada.admin@loomstack.example", quote: "sales@loomstack.example" }, admin.id),
  ).toMatchObject({ ok: true });

  const deps: SubmissionDeps = {
    db,
    limiter: createMemoryRateLimiter({ ip: { points: 1e6, durationSeconds: 600 }, identity: { points: 1e6, durationSeconds: 600 } }),
    siteUrl: "https://loomstack.example",
    staffRecipients: () => ["admissions@loomstack.example"],
  };
  const submit = async (formType: FormType, raw: Record<string, unknown>, ctx: { ip?: string; firstTouch?: { landing?: string; referrer?: string } } = {}) => {
    const out = await submitLead(deps, formType, { consent: "on", submissionToken: randomUUID(), ...raw }, { ip: "203.0.113.9", userAgent: "test", ...ctx });
    if (out.kind !== "saved") throw new Error(`${formType} not saved: ${JSON.stringify(out)}`);
    return out.leadId;
  };

  // Rita refers two friends (contacts with referredById and invite tokens, pending points).
  await submit("referral", {
    name: "Rita Referrer",
    email: "rita@example.com",
    friends: [
      { name: UNICODE.greek, email: "sokratis@example.gr", note: "Σωκράτη, δες αυτό 🚀" },
      { name: UNICODE.arabic, email: "layla@example.com", note: NOTE.slice(0, 400) },
      { name: "Hal Held", email: "hal@example.com" },
    ],
  });
  const rita = await db.contact.findUniqueOrThrow({ where: { email: "rita@example.com" } });
  // One friend confirms through the invitation link, the other by enrolling and confirming
  // her address: 200 confirmed.
  const sokratis = await db.contact.findUniqueOrThrow({ where: { email: "sokratis@example.gr" } });
  expect((await confirmInterest(deps, sokratis.inviteToken!, { ip: "192.0.2.31" })).ok).toBe(true);
  await submit(
    "enroll",
    {
      name: UNICODE.arabic,
      email: "layla@example.com",
      phone: "+44 20 7946 0321",
      program: cohort.program.slug,
      cohort: cohort.id,
      paymentOption: "instalments",
      experience: "beginner",
      goals: NOTE,
    },
    { ip: "192.0.2.32" },
  );
  await proveAddress(deps, "layla@example.com");
  // Hal says yes from Rita's own IP address: his points wait for staff review.
  const hal = await db.contact.findUniqueOrThrow({ where: { email: "hal@example.com" } });
  expect(await confirmInterest(deps, hal.inviteToken!, { ip: "203.0.113.9" })).toMatchObject({ ok: true, points: "held" });

  // An RSVP to a sample event: the event, the seat and its scheduled reminders.
  await seedEvents(db, new Date());
  await submit("event", { eventSlug: SAMPLE_EVENTS[0].slug, name: "Hal Held", email: "hal@example.com" });

  // Zoë's own forms, with attribution.
  const enrollLead = await submit(
    "enroll",
    {
      name: UNICODE.zoe,
      email: "zoe@example.org",
      phone: "",
      program: cohort.program.slug,
      cohort: cohort.id,
      paymentOption: "upfront",
      experience: "none",
      goals: `Build things ${UNICODE.emoji} — ${UNICODE.li}`,
      utm_source: "newsletter",
      utm_campaign: "été-2026",
      article: "/careers/ml",
      cta: "hero-apply",
    },
    { firstTouch: { landing: "/careers/ml?x=ü", referrer: "https://search.example/?q=bootcamp+ü" } },
  );
  await submit("quote", {
    audience: "team",
    name: UNICODE.zoe,
    email: "zoe@example.org",
    company: "Ångström & Søn AB",
    seats: 12,
    courses: [cohort.program.slug],
    platform: "macos",
    contactBy: "call",
    phone: "+46 8 123 456 78",
    bestTime: "morning",
    timeZone: "Europe/Stockholm",
    message: NOTE,
  });
  await submit("newsletter", { email: "zoe@example.org", name: UNICODE.zoe });
  // She confirms with the link it emails: her subscription is confirmed and her code issued.
  await confirmNewsletter(deps, "zoe@example.org");
  // A syllabus request (a SyllabusLink row).
  await submit("syllabus", { email: "zoe@example.org", program: cohort.program.slug, cta: "program-syllabus" });
  await submit("callback", {
    name: UNICODE.li,
    phone: "+1 415 555 0199",
    course: "not-sure",
    platform: "linux",
    bestTime: "evening",
    timeZone: "Asia/Shanghai",
  });
  const zoe = await db.contact.findUniqueOrThrow({ where: { email: "zoe@example.org" } });

  // Two redemption requests by Rita: one approved (spends 100 points), then one rejected.
  const redemptionApproved = await fileRedemption(deps, {
    email: "rita@example.com",
    reward: await testReward(db, 100, { name: "Kurs 100 ✓" }),
    details: "Für den Data-Kurs ✓",
  });
  expect(await decideRedemption(db, { leadId: redemptionApproved, actorId: admin.id, decision: "approved", note: "Genehmigt 👍" })).toMatchObject({ ok: true });
  const redemptionRejected = await fileRedemption(deps, {
    email: "rita@example.com",
    reward: await testReward(db, 100, { name: "Kurs 100 ✓" }),
    details: "A laptop 💻",
  });
  expect(await decideRedemption(db, { leadId: redemptionRejected, actorId: admin.id, decision: "rejected", note: "Not this time — désolé" })).toMatchObject({
    ok: true,
  });

  // Staff work on Zoë's application.
  expect(await assignLead(db, { leadId: enrollLead, actorId: admin.id, ownerId: staff.id })).toEqual({ ok: true });
  expect(await changeStatus(db, { leadId: enrollLead, actorId: staff.id, status: "contacted", now: new Date("2026-11-02T10:11:12.345Z") })).toEqual({
    ok: true,
  });
  expect(await addNote(db, { leadId: enrollLead, actorId: staff.id, note: NOTE })).toEqual({ ok: true });

  // Zoë comments on a guide; staff reply (a comment that points at another: copied in a second pass).
  const comment = await db.comment.create({
    data: {
      articlePath: "/careers/machine-learning-engineer",
      authorName: UNICODE.zoe,
      email: "zoe@example.org",
      contactId: zoe.id,
      body: "Très utile ✓",
      status: "approved",
    },
  });
  await db.comment.create({
    data: { articlePath: comment.articlePath, parentId: comment.id, authorName: "Staff", body: "Merci !", status: "approved", staffUserId: staff.id },
  });

  // Li takes calls (hours, a day off, a program pin); the enrollment books one (claims, its
  // emails with an invite); a browser that opened /book is remembered (issue 18).
  const callType = await db.callType.create({ data: { slug: "admissions-call", name: "Entretien d’admission ✓", durationMinutes: 20 } });
  await db.advisor.create({
    data: {
      userId: staff.id,
      timeZone: "Europe/Paris",
      weeklyHours: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "23:55" }))),
      callTypes: { create: [{ callTypeId: callType.id }] },
      datesOff: { create: [{ date: "2030-12-25", note: "Noël 🎄" }] },
      pins: { create: [{ programSlug: cohort.program.slug }] },
    },
  });
  const bookingNow = new Date();
  const offered = await findSlots(db, { callTypeSlug: "admissions-call", now: bookingNow });
  const enrolled = await db.lead.findUniqueOrThrow({ where: { id: enrollLead }, include: { contact: true } });
  const booked = await db.$transaction((tx) =>
    bookSlot(tx, {
      callTypeId: callType.id,
      startsAt: offered!.slots[0].startsAt,
      programSlug: cohort.program.slug,
      leadId: enrollLead,
      contactId: enrolled.contactId,
      visitorTimeZone: "Pacific/Tongatapu",
      visitor: { name: enrolled.name, email: enrolled.email ?? "ada@example.com", phone: enrolled.phone },
      siteUrl: "https://loomstack.example",
      now: bookingNow,
    }),
  );
  expect(booked.ok).toBe(true);
  await db.bookingVisit.create({ data: { visitorId: randomUUID(), utmSource: "newsletter", utmCampaign: "été ☀", leadId: enrollLead, bookedAt: bookingNow } });
  await db.ctaDailyCount.create({
    data: { day: "2026-06-01", article: "/careers/machine-learning-engineer/faq", cta: "faq-call-back", impressions: 12, clicks: 3 },
  });
  // A task on the lead, done, with a note in several scripts (issue 19).
  await addTask(db, {
    leadId: enrollLead,
    actorId: staff.id,
    ownerId: staff.id,
    kind: "call",
    due: "2030-01-07T09:00",
    title: "Rappeler Zoë ☎",
    timeZone: "Europe/Paris",
    now: bookingNow,
  });
  // A lost reason; a bulk change from the inbox with its per-lead row; read marks (issue 19).
  expect(await addLostReason(db, { label: "Prix — trop élevé ☹" })).toMatchObject({ ok: true });
  // Away from its owner and back: whoever owned it, one of the two is a change with a row per lead.
  for (const ownerId of [null, staff.id])
    expect(await bulkAssign(db, { actorId: staff.id, ids: [enrollLead], ownerId, now: bookingNow })).toMatchObject({ ok: true });
  await markLeadRead(db, { userId: staff.id, leadId: enrollLead, now: bookingNow });
  await markInboxSeen(db, staff.id, bookingNow);
  // A saved inbox view, named in several scripts (issue 19).
  expect(await saveView(db, staff.id, { name: "Nouveaux — Zoë ☀", query: "status=new&sort=owner" })).toMatchObject({ ok: true });
  // An email template, and an email written from the lead page with the writer as Reply-To (issue 19).
  await createTemplate(db, { name: "Première prise de contact", subject: "{{program}} ☀", body: "Bonjour {{first_name}},\n\n{{advisor_signature}}" }, staff.id);
  expect(
    await sendLeadEmail(db, {
      leadId: enrollLead,
      writerId: staff.id,
      token: "copy".repeat(8),
      subject: "Votre dossier ☀",
      body: "Bonjour {{first_name}}",
      now: bookingNow,
    }),
  ).toMatchObject({ ok: true });

  // Every queued email sent (rendered subject, HTML and text), through the local mailbox.
  await drainOutbox({
    db,
    transport: mailboxTransport(),
    render: (template, data, ctx) => renderEmail(template, data as never, ctx),
    from: "Loomstack Academy <hello@loomstack.example>",
    siteUrl: "https://loomstack.example",
  });
  // Zoë unsubscribes from the newsletter (a suppression); Layla's address hard-bounces (an
  // event and a suppression, through the webhook).
  const welcome = await db.emailMessage.findFirstOrThrow({ where: { contactId: zoe.id, template: "newsletter-welcome" } });
  expect((await unsubscribeByToken(db, welcome.unsubscribeToken!)).ok).toBe(true);
  const toLayla = await db.emailMessage.findFirstOrThrow({ where: { toAddress: "layla@example.com", providerId: { not: null } } });
  const body = JSON.stringify({
    type: "email.bounced",
    created_at: "2026-11-03T04:05:06.789Z",
    data: { email_id: toLayla.providerId, to: ["layla@example.com"], subject: toLayla.subject, bounce: { type: "Permanent", message: "Boîte inconnue ✉" } },
  });
  const at = new Date();
  const id = `msg_${randomUUID()}`;
  const outcome = await handleResendWebhook(db, WEBHOOK_SECRET, body, {
    "svix-id": id,
    "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
    "svix-signature": new Webhook(WEBHOOK_SECRET).sign(id, at, body),
  });
  expect(outcome.status).toBe(200);
  // And one email still waiting in the outbox.
  await db.emailMessage.create({
    data: {
      toAddress: "zoe@example.org",
      contactId: zoe.id,
      template: "enroll-confirmation",
      data: JSON.stringify({ name: UNICODE.zoe }),
      category: "transactional",
      idempotencyKey: "test:pending",
    },
  });
  // Issue 17's tables, written directly until their flows exist: a catalogue reward (on the
  // approved redemption), Zoë's discount code (issued when she confirmed) used on her
  // application with rules that exercise the copy, and a points entry
  // that reverses another (PointsEntry.reversesId points at its own table: a second pass).
  const reward = await db.reward.create({ data: { name: "Kopfhörer 🎧", category: "accessory", points: 300, stock: 4 } });
  await db.lead.update({ where: { id: redemptionApproved }, data: { rewardId: reward.id } });
  const code = await db.discountCode.update({
    where: { normalizedEmail: "zoe@example.org" },
    data: {
      code: "ZOE-20-ÄÖ",
      programSlugs: '["data-analytics"]',
      expiresAt: new Date("2027-03-05T12:00:00.000Z"),
      usedOnLeadId: enrollLead,
      usedAt: new Date(),
    },
  });
  await db.lead.update({ where: { id: enrollLead }, data: { discountCodeId: code.id } });
  const award = await db.pointsEntry.create({
    data: { contactId: rita.id, amount: 100, bucket: "confirmed", reason: "test_award", key: "test:award", termsVersion: 1 },
  });
  await db.pointsEntry.create({
    data: { contactId: rita.id, amount: -100, bucket: "confirmed", reason: "test_reversal", key: "test:reversal", reversesId: award.id },
  });
  return { admin: admin.id, staff: staff.id, rita: rita.id, zoe: zoe.id, redemptionApproved, redemptionRejected, enrollLead };
}

// ---- fixtures ------------------------------------------------------------------------------

let sourceUrl: string;
let seeded: Seeded;
/** The seeded source, read-only (as the command opens it). */
let source: Db;

beforeAll(async () => {
  const inherited = process.env.LOOMSTACK_TEST_PG_TEMPLATE;
  if (inherited) {
    createPgDatabaseSync(PG_TEMPLATE, inherited);
  } else {
    createPgDatabaseSync(PG_TEMPLATE);
    execFileSync(PRISMA, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: pgUrl(PG_TEMPLATE) }, stdio: "pipe" });
  }
  sourceUrl = sqliteDatabase("source.db");
  const writer = createDb(sourceUrl);
  try {
    seeded = await seed(writer);
  } finally {
    await writer.$disconnect();
  }
  source = openSqliteSource(sourceUrl);
}, 120_000);

afterAll(async () => {
  await source?.$disconnect();
  dropPgDatabasesLikeSync(`${RUN}%`);
  rmSync(dir, { recursive: true, force: true });
});

async function counts(db: Db, { copiedOnly = false } = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of modelInfos(db)) {
    if (copiedOnly && !m.rule.copy) continue;
    out[m.model] = await (db as unknown as Record<string, { count(): Promise<number> }>)[m.delegate].count();
  }
  return out;
}

/** The dashboard's rollups (not copied: the target's triggers count the copied leads), without rows that came back to 0. */
async function rollupRows(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ROLLUP_TABLES) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}" WHERE "n" <> 0`);
    out[table] = rows.map((r) => JSON.stringify(Object.values(r).map(String))).sort();
  }
  return out;
}

/** Models whose rows stay behind on purpose (lib/db/copy.ts says why): a 10-second undo, read marks. */
const LEFT_BEHIND = ["BulkChange", "BulkChangeLead", "LeadRead"];

// ---- rules -----------------------------------------------------------------------------------

describe("copy rules", () => {
  it("every Prisma model has a rule, and every rule a model", () => {
    const models = Object.values(Prisma.ModelName);
    expect(prismaModelNames()).toEqual(models);
    expect(ruleCoverage()).toEqual({ missing: [], unknown: [] });
    expect(Object.keys(COPY_RULES).sort()).toEqual([...models].sort());
    expect(() => assertRulesCoverModels()).not.toThrow();
  });

  it("a model without a rule stops the copy before anything is read or written", async () => {
    expect(() => assertRulesCoverModels([...prismaModelNames(), "Invoice"])).toThrow(/no copy rule for the model\(s\) Invoice/);
    const { Lead: _, ...withoutLead } = COPY_RULES;
    expect(() => modelInfos(source, withoutLead)).toThrow(/no copy rule for the model\(s\) Lead/);
    const target = pgDatabase();
    await expect(copyDatabase({ source, targetUrl: target, rules: withoutLead as Record<string, CopyRule> })).rejects.toThrow(CopyRefused);
    const check = createDb(target);
    try {
      expect(Object.values(await counts(check)).every((n) => n === 0)).toBe(true);
    } finally {
      await check.$disconnect();
    }
  });

  it("the order puts parents first and copies Contact.referredById in a second pass", async () => {
    const client = await connectPg(pgDatabase());
    try {
      const plan = copyPlan(modelInfos(source), await foreignKeys(pgQuery(client)));
      const order = plan.map((m) => m.model);
      expect(order).toHaveLength(prismaModelNames().filter((m) => COPY_RULES[m as keyof typeof COPY_RULES].copy).length);
      const before = (a: string, b: string) => expect(order.indexOf(a as never), `${a} before ${b}`).toBeLessThan(order.indexOf(b as never));
      before("Program", "Cohort");
      before("Program", "PaymentOption");
      before("Contact", "Lead");
      before("User", "Lead");
      before("Lead", "LeadActivity");
      before("User", "LeadActivity");
      before("Lead", "PointsEntry");
      before("Contact", "NewsletterSubscription");
      before("Lead", "EmailMessage");
      before("EmailMessage", "EmailEvent");
      before("User", "Session");
      before("User", "Account");
      expect(plan.find((m) => m.model === "Contact")!.selfRefs).toEqual(["referredById"]);
      expect(plan.filter((m) => m.selfRefs.length).map((m) => m.model)).toEqual(["Contact", "PointsEntry", "Comment"]);
    } finally {
      await client.end();
    }
  });

  it("refuses what it cannot order: a cycle, or a reference to a model it skips", () => {
    const infos = modelInfos(source);
    const cycle = [
      { name: "a_fk", child: "Program", parent: "Cohort", columns: ["careerGuide"] },
      { name: "b_fk", child: "Cohort", parent: "Program", columns: ["programId"] },
    ];
    expect(() => copyPlan(infos, cycle)).toThrow(/form a cycle/);
    const skipping = modelInfos(source, { ...COPY_RULES, Program: { copy: false, why: "test" } });
    expect(() => copyPlan(skipping, [{ name: "b_fk", child: "Cohort", parent: "Program", columns: ["programId"] }])).toThrow(/COPY_RULES skips Program/);
  });
});

// ---- copying --------------------------------------------------------------------------------

describe("copying the seeded database", () => {
  let targetUrl: string;
  let target: Db;

  beforeAll(async () => {
    targetUrl = pgDatabase();
    target = createDb(targetUrl, { pg: { max: 3 } });
  });
  afterAll(async () => {
    await target?.$disconnect();
  });

  it("the source has rows in every model (so the copy is tested on each)", async () => {
    const c = await counts(source);
    for (const model of prismaModelNames()) expect(c[model], model).toBeGreaterThan(0);
  });

  it("copies every row, and the verification finds counts and all rows equal", async () => {
    const progress: string[] = [];
    const result = await copyDatabase({ source, targetUrl, batchSize: 2, onProgress: (p) => progress.push(`${p.model}:${p.done}/${p.total}`) });
    const sourceCounts = await counts(source, { copiedOnly: true });
    expect(result.rows).toBe(Object.values(sourceCounts).reduce((a, b) => a + b, 0));
    expect(result.sequences).toEqual([]); // no model uses autoincrement
    expect(result.truncated).toBe(false);
    expect(await counts(target, { copiedOnly: true })).toEqual(sourceCounts);
    expect(await rollupRows(target)).toEqual(await rollupRows(source));
    // Small batches: several pages per model were read and written.
    expect(progress).toContain(`Lead:4/${sourceCounts.Lead}`);

    const verified = await verifyCopy({ source, target, batchSize: 3 });
    expect(verified.ok).toBe(true);
    expect(
      verified.models
        .filter((m) => !m.copied)
        .map((m) => m.model as string)
        .sort(),
    ).toEqual([...ROLLUP_TABLES, ...LEFT_BEHIND].sort());
    for (const m of verified.models.filter((x) => x.copied)) {
      expect(m, m.model).toMatchObject({ copied: true, ok: true, differences: [] });
      expect(m.compared, m.model).toBe(sourceCounts[m.model]);
      expect(m.target).toBe(m.source);
    }
    const table = formatVerifyTable(verified);
    expect(table).toMatch(/^Model\s+Source\s+Target\s+Compared\s+OK$/m);
    expect(table).toMatch(/^Lead\s+\d+\s+\d+\s+\d+\s+ok$/m);
    expect(table).not.toMatch(/MISMATCH/);

    const sampled = await verifyCopy({ source, target, sample: 2 });
    expect(sampled.ok).toBe(true);
    expect(sampled.models.find((m) => m.model === "Lead")!.compared).toBe(2);
  });

  it("keeps ids, timestamps, nulls, JSON text, BigInt, booleans and Unicode exactly", async () => {
    const lead = await target.lead.findUniqueOrThrow({ where: { id: seeded.enrollLead } });
    expect(lead).toEqual(await source.lead.findUniqueOrThrow({ where: { id: seeded.enrollLead } }));
    expect(lead.name).toBe(UNICODE.zoe);
    expect(lead.statusChangedAt).toEqual(new Date("2026-11-02T10:11:12.345Z"));
    expect(lead.ownerId).toBe(seeded.staff);
    expect(lead.utmCampaign).toBe("été-2026");
    expect(JSON.parse(lead.fields)).toEqual(JSON.parse((await source.lead.findUniqueOrThrow({ where: { id: seeded.enrollLead } })).fields));
    expect(JSON.parse(lead.fields).goals).toBe(`Build things ${UNICODE.emoji} — ${UNICODE.li}`);

    const note = await target.leadActivity.findFirstOrThrow({ where: { leadId: seeded.enrollLead, type: "note" } });
    expect(note.detail).toBe(NOTE);
    expect(note.detail!.normalize("NFC")).not.toBe(note.detail); // the decomposed é is still decomposed

    const friends = await target.contact.findMany({ where: { referredById: seeded.rita }, orderBy: { email: "asc" } });
    expect(friends.map((f) => f.name)).toEqual(["Hal Held", UNICODE.arabic, UNICODE.greek]);
    expect(friends.every((f) => f.respondedAt instanceof Date)).toBe(true);
    const zoe = await target.contact.findUniqueOrThrow({ where: { id: seeded.zoe } });
    expect(zoe.referredById).toBeNull();
    expect(zoe.marketingOptOutAt).toBeInstanceOf(Date);

    const limit = await target.rateLimit.findFirstOrThrow({ where: { key: "203.0.113.99/sign-in/email" } });
    expect(limit.lastRequest).toBe(BIG);
    expect(await target.rateLimit.count()).toBeGreaterThanOrEqual(2); // and the counter the sign-in left

    const users = await target.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => [u.name, u.emailVerified, u.banned, u.role])).toEqual([
      [UNICODE.zoe, true, false, "admin"],
      [UNICODE.li, true, false, "staff"],
    ]);
    const session = await target.session.findFirstOrThrow({ where: { userId: seeded.staff } });
    expect(session.userAgent).toBe("Copy test agent (Ünïcode)");
    expect(await target.account.count({ where: { password: { not: null } } })).toBe(2);

    const decided = await target.lead.findUniqueOrThrow({ where: { id: seeded.redemptionApproved } });
    expect(decided).toMatchObject({ decision: "approved", decidedById: seeded.admin });
    const messages = await target.emailMessage.findMany({ where: { status: "delivered" } });
    expect(messages.length).toBeGreaterThan(5);
    expect(messages.every((m) => m.html && m.text && m.subject)).toBe(true);
    expect(await target.emailEvent.count({ where: { type: "email.bounced" } })).toBe(1);
    expect(await target.emailSuppression.findMany({ orderBy: { address: "asc" }, select: { address: true, scope: true } })).toEqual([
      { address: "layla@example.com", scope: "all" },
      { address: "zoe@example.org", scope: "marketing" },
    ]);
    expect(await target.setting.findUniqueOrThrow({ where: { key: "staffRecipients.enroll" } })).toMatchObject({ updatedById: seeded.admin });
  });

  it("the app works on the copy: same balances, and new submissions are stored", async () => {
    expect(await pointsBalance(target, seeded.rita)).toEqual(await pointsBalance(source, seeded.rita));
    expect((await pointsBalance(target, seeded.rita)).confirmed).toBe(100); // 200 earned, 100 spent
    const out = await submitLead(
      {
        db: target,
        limiter: createMemoryRateLimiter({ ip: { points: 100, durationSeconds: 60 }, identity: { points: 100, durationSeconds: 60 } }),
        siteUrl: "https://loomstack.example",
        staffRecipients: () => [],
      },
      "newsletter",
      { email: "after.copy@example.com", name: "Après Copie", consent: "on" },
      { ip: "203.0.113.10" },
    );
    expect(out.kind).toBe("saved");
    expect(await target.contact.count()).toBe((await source.contact.count()) + 1);
  });

  it("refuses a target that holds data, and changes nothing in it", async () => {
    const before = await counts(target);
    const error = await copyDatabase({ source, targetUrl }).catch((e) => e);
    expect(error).toBeInstanceOf(CopyRefused);
    expect(error.message).toMatch(/The target already holds data: Program \d+ row\(s\).*Lead \d+ row\(s\)/);
    expect(error.message).toMatch(/--truncate/);
    expect(await counts(target)).toEqual(before);
  });

  it("with truncate, empties the target first and copies again", async () => {
    const result = await copyDatabase({ source, targetUrl, truncate: true });
    expect(result.truncated).toBe(true);
    expect(await counts(target, { copiedOnly: true })).toEqual(await counts(source, { copiedOnly: true })); // the extra newsletter contact is gone
    // Truncated with the rest, so the leads copied again are not counted twice.
    expect(await rollupRows(target)).toEqual(await rollupRows(source));
    expect((await verifyCopy({ source, target })).ok).toBe(true);
  });

  it("the verification reports a changed field, a missing row and a count that differs", async () => {
    await target.$executeRawUnsafe(`UPDATE "Lead" SET "name" = 'Zoe Angstrom' WHERE "id" = $1`, seeded.enrollLead);
    const gone = await target.emailEvent.findFirstOrThrow();
    await target.emailEvent.delete({ where: { id: gone.id } });
    const verified = await verifyCopy({ source, target });
    expect(verified.ok).toBe(false);
    const lead = verified.models.find((m) => m.model === "Lead")!;
    expect(lead.ok).toBe(false);
    expect(lead.differences).toEqual([`"${seeded.enrollLead}": name "${UNICODE.zoe}" ≠ "Zoe Angstrom"`]);
    const events = verified.models.find((m) => m.model === "EmailEvent")!;
    expect(events.differences).toEqual([`"${gone.id}": missing in the target`, `1 row(s) in the source, 0 in the target`]);
    expect(verified.models.filter((m) => !m.ok).map((m) => m.model)).toEqual(["Lead", "EmailEvent"]);
    expect(formatVerifyTable(verified)).toMatch(/^Lead\s+\d+\s+\d+\s+\d+\s+MISMATCH$/m);
  });
});

describe("a target that is not ready", () => {
  it("refuses a database that is not migrated, saying how to migrate it", async () => {
    const url = pgDatabase(false);
    const error = await copyDatabase({ source, targetUrl: url }).catch((e) => e);
    expect(error).toBeInstanceOf(CopyRefused);
    expect(error.message).toContain(`The target is not migrated`);
    expect(error.message).toContain(`DATABASE_URL='${url}' npx prisma migrate deploy`);
  });

  it("a failure part-way rolls everything back; after fixing the source a re-run copies", async () => {
    // PostgreSQL cannot store U+0000 in text; SQLite can. Put one in a copy of the source.
    const brokenUrl = copyTemplateFile(sourceUrl, "broken.db");
    const file = brokenUrl.slice("file:".length);
    const raw = new Database(file);
    const activity = raw.prepare(`SELECT id FROM LeadActivity WHERE type = 'note' LIMIT 1`).get() as { id: string };
    raw.prepare(`UPDATE LeadActivity SET detail = ? WHERE id = ?`).run("before\u0000after", activity.id);
    raw.close();

    const targetUrl = pgDatabase();
    const broken = openSqliteSource(brokenUrl);
    const check = createDb(targetUrl);
    try {
      const error = await copyDatabase({ source: broken, targetUrl, batchSize: 1 }).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(CopyRefused);
      expect(error.message).toContain(`Copying LeadActivity failed`);
      expect(error.message).toContain(`U+0000 (NUL)`);
      expect(error.message).toContain(`LeadActivity ${activity.id} detail`);
      expect(error.message).toContain(`rolled back`);
      // Nothing of the parents copied before it is left either.
      expect(Object.values(await counts(check)).every((n) => n === 0)).toBe(true);
    } finally {
      await broken.$disconnect();
    }

    const fixer = new Database(file);
    fixer.prepare(`UPDATE LeadActivity SET detail = ? WHERE id = ?`).run("beforeafter", activity.id);
    fixer.close();
    const fixed = openSqliteSource(brokenUrl);
    try {
      await copyDatabase({ source: fixed, targetUrl });
      expect((await verifyCopy({ source: fixed, target: check })).ok).toBe(true);
      expect((await check.leadActivity.findUniqueOrThrow({ where: { id: activity.id } })).detail).toBe("beforeafter");
    } finally {
      await fixed.$disconnect();
      await check.$disconnect();
    }
  });

  it("refuses a source that is behind the app's migrations", async () => {
    const behindUrl = copyTemplateFile(sourceUrl, "behind.db");
    const raw = new Database(behindUrl.slice("file:".length));
    raw.prepare(`DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`).run();
    raw.close();
    const behind = openSqliteSource(behindUrl);
    try {
      const error = await copyDatabase({ source: behind, sourceUrl: behindUrl, targetUrl: pgDatabase() }).catch((e) => e);
      expect(error).toBeInstanceOf(CopyRefused);
      expect(error.message).toMatch(/The source is behind this version of the app \(1 migration\(s\) not applied/);
    } finally {
      await behind.$disconnect();
    }
  });
});

describe("sequences", () => {
  it("moves a serial column's sequence past the copied ids (for a future autoincrement model)", async () => {
    const client = await connectPg(pgDatabase());
    try {
      const query = pgQuery(client);
      await client.query(`CREATE TABLE "SeqProbe" (id SERIAL PRIMARY KEY, label TEXT)`);
      await client.query(`INSERT INTO "SeqProbe" (id, label) VALUES (1, 'a'), (41, 'b')`);
      expect(await resetSequences(query, ["SeqProbe", "Lead"])).toEqual(["SeqProbe.id"]);
      const { rows } = await client.query(`INSERT INTO "SeqProbe" (label) VALUES ('c') RETURNING id`);
      expect(rows[0].id).toBe(42);
    } finally {
      await client.end();
    }
  });
});

// ---- the command -------------------------------------------------------------------------

describe("npx tsx scripts/db-copy.ts", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/db-copy.ts", ...args], {
      encoding: "utf8",
      env: { ...process.env },
      timeout: 120_000,
    });

  it("migrates an empty database, copies, prints the table and exits 0; a second run is refused with exit code 2", { timeout: 180_000 }, () => {
    const url = pgDatabase(false);
    const first = cli("--from", sourceUrl, "--to", url);
    expect(first.stderr).not.toMatch(/Refused|Failed/);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Migrating the target (prisma migrate deploy");
    expect(first.stdout).toMatch(
      /Copying 46 models in this order: Program, Cohort, PaymentOption, .*User, Contact \(referredById in a second pass\), .*DiscountCode, Lead\b/,
    );
    expect(first.stdout).toMatch(/Copied \d+ rows in [\d.]+ s/);
    expect(first.stdout).toMatch(/^EmailMessage\s+\d+\s+\d+\s+\d+\s+ok$/m);
    expect(first.stdout).toContain("counts and rows match");

    const again = cli("--from", sourceUrl, "--to", url, "--no-migrate");
    expect(again.status).toBe(2);
    expect(again.stdout).toContain("The target is migrated.");
    expect(again.stderr).toMatch(/Refused: The target already holds data/);

    const checked = cli("--from", sourceUrl, "--to", url, "--verify-only", "--sample", "3");
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain("3 random rows per model");
  });

  it("explains bad arguments and a missing database", () => {
    expect(cli("--to", "postgresql://x@127.0.0.1/y")).toMatchObject({ status: 2, stderr: expect.stringContaining("--from is required") });
    expect(cli("--from", "postgresql://a@b/c", "--to", "postgresql://x@127.0.0.1/y")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--from must be a SQLite file: URL"),
    });
    expect(cli("--from", `file:${path.join(dir, "nope.db")}`, "--to", pgUrl(`${RUN}_missing`))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("does not exist"),
    });
    const missing = cli("--from", sourceUrl, "--to", pgUrl(`${RUN}_missing`));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`The target database "${RUN}_missing" does not exist`);
  });
});
