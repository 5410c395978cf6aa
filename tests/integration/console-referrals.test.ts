import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import type { Db } from "@/lib/db";
import { submitLead } from "@/lib/leads/pipeline";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { fileRedemption, testReward } from "../helpers/funnel";
import { deliverToMailbox, referralFields, testSubmissionDeps } from "../helpers/submissions";
import { pointsBalance } from "@/lib/referrals/points";
import { randomCode } from "@/lib/leads/codes";
import { renderEmail } from "@/lib/email/render";
import {
  contactSearchWhere,
  decideRedemption,
  getReferrer,
  listRedemptions,
  listReferrers,
  parseRedemptionFields,
  REFERRALS_PAGE_SIZE,
} from "@/lib/console/referrals";

// ---- fixtures ------------------------------------------------------------------------

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 12));

async function staff(db: Db, name = "Sam Staff") {
  const id = randomUUID();
  return db.user.create({ data: { id, name, email: `${id}@staff.example`, role: "staff" } });
}

/** A staff member for a describe block's decisions, created before its tests run. */
function staffBeforeAll(db: Db): { id: string } {
  const actor = { id: "" };
  beforeAll(async () => {
    actor.id = (await staff(db)).id;
  });
  return actor;
}

async function contact(db: Db, email: string | null, name: string | null, over: Record<string, unknown> = {}) {
  return db.contact.create({ data: { email, name, referralCode: randomCode(10), ...over } });
}

/** A friend referred by `referrerId`, with the referrer's pending award (as the referral form does). */
async function refer(db: Db, referrerId: string, email: string, name: string, at: Date, opts: { responded?: boolean } = {}) {
  const friend = await contact(db, email, name, { referredById: referrerId, createdAt: at, inviteToken: randomCode(24) });
  await db.pointsEntry.create({
    data: {
      contactId: referrerId,
      friendContactId: friend.id,
      amount: 100,
      bucket: "pending",
      reason: "referral",
      key: `referral:${friend.id}:pending`,
      createdAt: at,
    },
  });
  if (opts.responded) {
    await db.contact.update({ where: { id: friend.id }, data: { respondedAt: at } });
    await db.pointsEntry.createMany({
      data: [
        {
          contactId: referrerId,
          friendContactId: friend.id,
          amount: -100,
          bucket: "pending",
          reason: "referral_confirmed",
          key: `referral:${friend.id}:release`,
          createdAt: at,
        },
        {
          contactId: referrerId,
          friendContactId: friend.id,
          amount: 100,
          bucket: "confirmed",
          reason: "referral_confirmed",
          key: `referral:${friend.id}:confirmed`,
          createdAt: at,
        },
      ],
    });
  }
  return friend;
}

async function confirmedPoints(db: Db, contactId: string, amount: number) {
  await db.pointsEntry.create({ data: { contactId, amount, bucket: "confirmed", reason: "referral_confirmed", key: `grant:${randomUUID()}` } });
}

async function redemptionLead(db: Db, c: { id: string; email: string | null }, points: number | null, at = new Date()) {
  const fields = points === null ? { email: c.email, reward: "course" } : { email: c.email, reward: "course", points, details: "For the data course" };
  return db.lead.create({ data: { contactId: c.id, formType: "redemption", email: c.email, fields: JSON.stringify(fields), createdAt: at } });
}

/** A client that counts the queries it runs (to show a list costs the same for any page). */
function counting(db: Db) {
  const counter = { n: 0 };
  const client = db.$extends({
    query: {
      $allOperations({ args, query }) {
        counter.n++;
        return query(args);
      },
    },
  }) as unknown as Db;
  return { client, counter };
}

// ---- referrers list --------------------------------------------------------------------

describe("referrers list", () => {
  const t = createTestDb();
  afterAll(() => t.cleanup());
  let rita: { id: string }, sam: { id: string }, ledgerOnly: { id: string };

  beforeAll(async () => {
    rita = await contact(t.db, "rita@example.com", "Rita Referrer");
    sam = await contact(t.db, "sam@example.com", "Sam O'Neill");
    ledgerOnly = await contact(t.db, "ledger@example.com", "Lee Ledger");
    await refer(t.db, rita.id, "fay@example.com", "Fay Friend", day(1), { responded: true });
    await refer(t.db, rita.id, "gus@example.com", "Gus Friend", day(5));
    await refer(t.db, sam.id, "hal@example.com", "Hal Friend", day(3), { responded: true });
    // Someone who owns ledger rows but no contact names as referrer (e.g. data from before referredById).
    await t.db.pointsEntry.create({
      data: { contactId: ledgerOnly.id, amount: 100, bucket: "confirmed", reason: "referral_confirmed", key: "legacy:1", createdAt: day(2) },
    });
    // Not referrers: a friend, and an unrelated contact.
    await contact(t.db, "nobody@example.com", "No Body");
  });

  it("lists everyone who referred someone, most recent referral first, with ledger balances and counts", async () => {
    const list = await listReferrers(t.db);
    expect(list).toMatchObject({ total: 3, page: 1, pages: 1 });
    expect(list.rows.map((r) => r.email)).toEqual(["rita@example.com", "sam@example.com", "ledger@example.com"]);
    expect(list.rows[0]).toMatchObject({ pending: 100, confirmed: 100, friends: 2, responded: 1, lastReferralAt: day(5) });
    expect(list.rows[1]).toMatchObject({ pending: 0, confirmed: 100, friends: 1, responded: 1, lastReferralAt: day(3) });
    expect(list.rows[2]).toMatchObject({ pending: 0, confirmed: 100, friends: 0, responded: 0, lastReferralAt: null });
  });

  it("searches by the start of the email, the name or the surname, ignoring case", async () => {
    const emails = async (q: string) => (await listReferrers(t.db, { q })).rows.map((r) => r.email);
    expect(await emails("RITA@")).toEqual(["rita@example.com"]);
    expect(await emails("sa")).toEqual(["sam@example.com"]);
    expect(await emails("o'neill")).toEqual(["sam@example.com"]);
    expect(await emails("Lee")).toEqual(["ledger@example.com"]);
    expect(await emails("referrer")).toEqual(["rita@example.com"]);
    expect(await emails("fay")).toEqual([]); // a friend is not a referrer
    expect(await emails("zzz")).toEqual([]);
    expect(await emails("%")).toEqual([]); // LIKE wildcards are matched literally
    expect(await emails("_")).toEqual([]);
  });

  it("pages by 50, and the number of queries does not grow with the page", async () => {
    const { client, counter } = counting(t.db);
    await listReferrers(client);
    expect(counter.n).toBeLessThanOrEqual(8);

    for (let i = 0; i < 57; i++) {
      const r = await contact(t.db, `bulk${String(i).padStart(2, "0")}@example.com`, `Bulk ${i}`);
      await refer(t.db, r.id, `bulkfriend${i}@example.com`, `Bulk Friend ${i}`, new Date(day(10).getTime() + i * 60_000), { responded: i % 2 === 0 });
    }
    counter.n = 0;
    const first = await listReferrers(client);
    expect(counter.n).toBeLessThanOrEqual(8);
    expect(first).toMatchObject({ total: 60, pages: 2 });
    expect(first.rows).toHaveLength(REFERRALS_PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ email: "bulk56@example.com", friends: 1, responded: 1, pending: 0, confirmed: 100 });
    expect(first.rows[1]).toMatchObject({ email: "bulk55@example.com", friends: 1, responded: 0, pending: 100, confirmed: 0 });
    counter.n = 0;
    const second = await listReferrers(client, { page: 2 });
    expect(counter.n).toBeLessThanOrEqual(8);
    expect(second.rows.map((r) => r.email)).toEqual([
      ...Array.from({ length: 7 }, (_, i) => `bulk${String(6 - i).padStart(2, "0")}@example.com`),
      "rita@example.com",
      "sam@example.com",
      "ledger@example.com",
    ]);
    expect((await listReferrers(t.db, { page: 3 })).rows).toEqual([]);
    expect((await listReferrers(t.db, { page: Number.NaN })).page).toBe(1);
  });

  it("pages agree with a brute-force sort, ledger-only owners last", async () => {
    const m = createTestDb();
    try {
      let seed = 42;
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const at = (minute: number) => new Date(day(30).getTime() + minute * 60_000);
      const expected: { email: string; last: number | null; id: string }[] = [];
      for (let i = 0; i < 130; i++) {
        const email = `mix${i}@example.com`;
        const r = await contact(m.db, email, `Mix ${i}`);
        const kind = rand(4); // 0: friends only, 1: an award but no friend on record, 2: friends and awards, 3: other ledger rows only
        let last: number | null = null;
        if (kind === 0 || kind === 2) {
          for (let f = rand(3) + 1; f > 0; f--) {
            const minute = rand(300);
            await contact(m.db, `mixfriend${i}-${f}@example.com`, null, { referredById: r.id, createdAt: at(minute) });
            last = last === null ? minute : Math.max(last, minute);
          }
        }
        if (kind === 1 || kind === 2) {
          await m.db.pointsEntry.create({
            data: { contactId: r.id, amount: 100, bucket: "pending", reason: "referral", key: `mix:${i}`, createdAt: at(rand(500)) },
          });
        }
        if (kind === 3) await confirmedPoints(m.db, r.id, 100);
        expected.push({ email, last, id: r.id });
      }
      expected.sort((a, b) => (b.last ?? -1) - (a.last ?? -1) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const got: (string | null)[] = [];
      for (let page = 1; page <= 3; page++) {
        const list = await listReferrers(m.db, { page });
        expect(list).toMatchObject({ total: 130, pages: 3 });
        got.push(...list.rows.map((r) => r.email));
      }
      expect(got).toEqual(expected.map((e) => e.email));
      expect(new Set(got).size).toBe(130);
    } finally {
      await m.cleanup();
    }
  });

  it("builds an email range for searches with @, and name matches otherwise", () => {
    expect(contactSearchWhere(" Ada@Example ")).toEqual({ email: { gte: "ada@example", lt: "ada@example\uffff" } });
    expect(contactSearchWhere("ada")).toHaveProperty("OR");
  });
});

// ---- one referrer -----------------------------------------------------------------------

describe("one referrer", () => {
  const t = createTestDb();
  afterAll(() => t.cleanup());

  it("shows the ledger, balances, each friend's status and own leads, and the redemption requests", async () => {
    const rita = await contact(t.db, "rita@example.com", "Rita Referrer");
    const invited = await refer(t.db, rita.id, "inv@example.com", "Ivy Invited", day(1));
    const responded = await refer(t.db, rita.id, "resp@example.com", "Rae Responded", day(2), { responded: true });
    const optedOut = await refer(t.db, rita.id, "out@example.com", "Otto Out", day(3), { responded: true });
    await t.db.contact.update({ where: { id: optedOut.id }, data: { marketingOptOutAt: day(4) } });
    const suppressed = await refer(t.db, rita.id, "bounce@example.com", "Bo Bounce", day(4));
    await t.db.emailSuppression.create({ data: { address: "bounce@example.com", scope: "all", reason: "hard_bounce" } });
    const friendLead = await t.db.lead.create({ data: { contactId: responded.id, formType: "enroll", fields: "{}", createdAt: day(2) } });
    const request = await redemptionLead(t.db, rita, 100, day(6));

    const d = await getReferrer(t.db, rita.id);
    expect(d).not.toBeNull();
    if (!d) return;
    expect(d.contact.email).toBe("rita@example.com");
    expect(d.balance).toMatchObject({ pending: 200, confirmed: 200 });
    expect(d.ledger).toHaveLength(8);
    expect(d.ledger.reduce((s, e) => s + e.amount, 0)).toBe(400);
    expect(d.ledger[0]).toMatchObject({ reason: "referral", bucket: "pending", amount: 100, friend: { id: suppressed.id, email: "bounce@example.com" } });

    const byEmail = Object.fromEntries(d.friends.map((f) => [f.email, f]));
    expect(byEmail["inv@example.com"]).toMatchObject({
      id: invited.id,
      status: "invited",
      respondedAt: null,
      optedOut: null,
      points: { pending: 100, confirmed: 0 },
      leadCount: 0,
    });
    expect(byEmail["resp@example.com"]).toMatchObject({
      status: "responded",
      respondedAt: day(2),
      points: { pending: 0, confirmed: 100 },
      leadCount: 1,
      leads: [{ id: friendLead.id, formType: "enroll" }],
    });
    expect(byEmail["out@example.com"]).toMatchObject({ status: "opted_out", respondedAt: day(3), optedOut: { at: day(4), reason: "unsubscribe" } });
    expect(byEmail["bounce@example.com"]).toMatchObject({ status: "opted_out", respondedAt: null, optedOut: { reason: "hard_bounce" } });

    expect(d.redemptions).toHaveLength(1);
    expect(d.redemptions[0]).toMatchObject({ id: request.id, points: 100, reward: "course", status: "pending", confirmedBalance: 200, canApprove: true });
  });

  it("returns null for an unknown contact", async () => {
    expect(await getReferrer(t.db, "nope")).toBeNull();
  });
});

// ---- redemptions ------------------------------------------------------------------------

describe("redemption decisions", () => {
  const t = createTestDb();
  afterAll(() => t.cleanup());
  const actor = staffBeforeAll(t.db);

  async function person(email: string, confirmed: number) {
    const c = await contact(t.db, email, "Person " + email);
    if (confirmed) await confirmedPoints(t.db, c.id, confirmed);
    return c;
  }

  it("approves: appends one negative confirmed entry, records who, when and the note", async () => {
    const p = await person("approve@example.com", 300);
    const lead = await redemptionLead(t.db, p, 200);
    const now = day(20);
    const out = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved", note: "  Voucher sent  ", now });
    expect(out).toEqual({ ok: true, leadId: lead.id, decision: "approved", contactId: p.id, points: 200, confirmedBalance: 100 });

    const entry = await t.db.pointsEntry.findUniqueOrThrow({ where: { key: `redemption:${lead.id}` } });
    expect(entry).toMatchObject({ contactId: p.id, amount: -200, bucket: "confirmed", reason: "redemption", leadId: lead.id, createdAt: now });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ decision: "approved", decidedAt: now, decidedById: actor.id });
    const acts = await t.db.leadActivity.findMany({ where: { leadId: lead.id } });
    expect(acts).toMatchObject([{ type: "decision", actorId: actor.id, detail: "Voucher sent", createdAt: now }]);
    expect(await pointsBalance(t.db, p.id)).toEqual({ pending: 0, confirmed: 100, redeemed: 200, reversed: 0 });

    const again = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "rejected" });
    expect(again).toMatchObject({ ok: false, error: "already_decided", decision: "approved" });
    expect(await t.db.leadActivity.count({ where: { leadId: lead.id } })).toBe(1);
  });

  it("rejects: no ledger row, the decision is recorded, with the decision as detail when there is no note", async () => {
    const p = await person("reject@example.com", 300);
    const lead = await redemptionLead(t.db, p, 200);
    const out = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "rejected", note: "   " });
    expect(out).toMatchObject({ ok: true, decision: "rejected", points: null, confirmedBalance: 300 });
    expect(await t.db.pointsEntry.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await t.db.leadActivity.findFirstOrThrow({ where: { leadId: lead.id } })).toMatchObject({ detail: "rejected" });
    const again = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved" });
    expect(again).toMatchObject({ ok: false, error: "already_decided", decision: "rejected" });
    expect(await t.db.pointsEntry.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("refuses an approval that would take the confirmed balance below zero, and leaves the request pending", async () => {
    const p = await person("short@example.com", 150);
    // Pending points do not count.
    await t.db.pointsEntry.create({ data: { contactId: p.id, amount: 500, bucket: "pending", reason: "referral", key: `pending:${p.id}` } });
    const lead = await redemptionLead(t.db, p, 200);
    const out = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved" });
    expect(out).toMatchObject({ ok: false, error: "insufficient_points", confirmedBalance: 150, requested: 200 });
    expect(out.ok === false && out.message).toMatch(/below zero/);
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ decision: null, decidedAt: null });
    expect(await t.db.pointsEntry.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await t.db.leadActivity.count({ where: { leadId: lead.id } })).toBe(0);
    // Exactly the balance is fine, and leaves zero.
    await confirmedPoints(t.db, p.id, 50);
    expect(await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: true, confirmedBalance: 0 });
  });

  it("answers clearly for unknown leads, other forms, and requests without a number of points", async () => {
    const p = await person("odd@example.com", 1000);
    expect(await decideRedemption(t.db, { leadId: "missing", actorId: actor.id, decision: "approved" })).toMatchObject({ ok: false, error: "not_found" });
    const enroll = await t.db.lead.create({ data: { contactId: p.id, formType: "enroll", fields: "{}" } });
    expect(await decideRedemption(t.db, { leadId: enroll.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: false, error: "not_redemption" });
    const broken = await redemptionLead(t.db, p, null);
    expect(await decideRedemption(t.db, { leadId: broken.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: false, error: "invalid_request" });
    expect(await decideRedemption(t.db, { leadId: broken.id, actorId: actor.id, decision: "rejected" })).toMatchObject({ ok: true });
  });

  it("two different requests approved at once whose sum exceeds the balance: exactly one succeeds", async () => {
    const p = await person("race@example.com", 300);
    const a = await redemptionLead(t.db, p, 200, day(1));
    const b = await redemptionLead(t.db, p, 200, day(2));
    const results = await Promise.all([
      decideRedemption(t.db, { leadId: a.id, actorId: actor.id, decision: "approved" }),
      decideRedemption(t.db, { leadId: b.id, actorId: actor.id, decision: "approved" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: "insufficient_points", confirmedBalance: 100, requested: 200 }]);
    expect(await pointsBalance(t.db, p.id)).toEqual({ pending: 0, confirmed: 100, redeemed: 200, reversed: 0 });
    expect(await t.db.lead.count({ where: { id: { in: [a.id, b.id] }, decision: "approved" } })).toBe(1);
    expect(await t.db.lead.count({ where: { id: { in: [a.id, b.id] }, decision: null } })).toBe(1);
  });

  it("the same request approved twice at once: one ledger row, one decision", async () => {
    const p = await person("twice@example.com", 500);
    const lead = await redemptionLead(t.db, p, 200);
    const other = await staff(t.db, "Other Staff");
    const results = await Promise.all([
      decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved" }),
      decideRedemption(t.db, { leadId: lead.id, actorId: other.id, decision: "approved" }),
      decideRedemption(t.db, { leadId: lead.id, actorId: other.id, decision: "approved" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(["already_decided", "already_decided"]);
    expect(await t.db.pointsEntry.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await t.db.leadActivity.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await pointsBalance(t.db, p.id)).toMatchObject({ pending: 0, confirmed: 300 });
  });

  it("the unique ledger key stops a second payout even if the lead still looks undecided", async () => {
    const p = await person("keyed@example.com", 500);
    const lead = await redemptionLead(t.db, p, 200);
    await t.db.pointsEntry.create({
      data: { contactId: p.id, amount: -200, bucket: "confirmed", reason: "redemption", leadId: lead.id, key: `redemption:${lead.id}` },
    });
    const out = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved" });
    expect(out).toMatchObject({ ok: false, error: "already_decided" });
    // Nothing from the failed attempt was committed.
    expect(await t.db.pointsEntry.count({ where: { leadId: lead.id } })).toBe(1);
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ decision: null });
    expect(await t.db.leadActivity.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("holds across processes: two servers approving different requests at once never overdraw", async () => {
    const p = await person("procs@example.com", 300);
    const a = await redemptionLead(t.db, p, 200, day(1));
    const b = await redemptionLead(t.db, p, 200, day(2));
    const root = path.resolve(__dirname, "../..");
    const run = (leadId: string) =>
      new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
        const code = `
          import { createDb } from "./lib/db";
          import { decideRedemption } from "./lib/console/referrals";
          (async () => {
            const db = createDb(process.env.DATABASE_URL);
            const out = await decideRedemption(db, { leadId: process.env.LEAD_ID!, actorId: process.env.ACTOR_ID!, decision: "approved" });
            process.stdout.write(JSON.stringify(out));
            await db.$disconnect();
          })().catch((e) => {
            console.error(e);
            process.exit(1);
          });
        `;
        const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--eval", code], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: t.url, LEAD_ID: leadId, ACTOR_ID: actor.id },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("close", (status) => (status === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${status}: ${err}`))));
      });
    const results = await Promise.all([run(a.id), run(b.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: "insufficient_points" }]);
    expect(await pointsBalance(t.db, p.id)).toMatchObject({ pending: 0, confirmed: 100 });
  }, 60_000);
});

describe("redemption decision emails", () => {
  const t = createTestDb();
  afterAll(() => t.cleanup());
  const actor = staffBeforeAll(t.db);

  async function person(email: string | null, confirmed: number, name: string | null = "Pat Person") {
    const c = await contact(t.db, email, name);
    if (confirmed) await confirmedPoints(t.db, c.id, confirmed);
    return c;
  }
  const emailsFor = (leadId: string) => t.db.emailMessage.findMany({ where: { leadId } });
  const render = async (m: { template: string; data: string }) =>
    renderEmail(m.template as "redemption-decision", JSON.parse(m.data), { siteUrl: "https://loomstack.example" });

  it("approval queues exactly one transactional email to the requester: points redeemed, what they asked for, balance left", async () => {
    const p = await person("mail-approve@example.com", 300);
    const lead = await redemptionLead(t.db, p, 200);
    const out = await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved", note: "Voucher sent" });
    expect(out).toMatchObject({ ok: true, confirmedBalance: 100 });

    const emails = await emailsFor(lead.id);
    expect(emails).toHaveLength(1);
    const [m] = emails;
    expect(m).toMatchObject({
      toAddress: "mail-approve@example.com",
      template: "redemption-decision",
      category: "transactional",
      status: "pending",
      idempotencyKey: `lead:${lead.id}:decision`,
      leadId: lead.id,
      contactId: p.id,
      unsubscribeToken: null,
    });
    expect(JSON.parse(m.data)).toEqual({
      leadId: lead.id,
      decision: "approved",
      name: "Pat Person",
      reward: "Toward a course",
      details: "For the data course",
      points: 200,
      confirmedBalance: 100,
      // An approval's note is for colleagues, not the requester.
      reason: null,
    });
    const { subject, text } = await render(m);
    expect(subject).toBe("Approved: your request to spend 200 referral points");
    expect(text).toContain("We deducted 200 points from your confirmed balance.");
    expect(text).toContain("You have 100 points confirmed left to spend.");
    expect(text).toContain("Toward a course");
    expect(text).not.toContain("Voucher sent");
  });

  it("rejection queues one email with the requested points, the unchanged balance and the reason", async () => {
    const p = await person("mail-reject@example.com", 300);
    const lead = await redemptionLead(t.db, p, 200);
    expect(
      await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "rejected", note: "  Vouchers for that course are sold out.  " }),
    ).toMatchObject({ ok: true });
    const [m, ...rest] = await emailsFor(lead.id);
    expect(rest).toHaveLength(0);
    expect(m).toMatchObject({
      toAddress: "mail-reject@example.com",
      template: "redemption-decision",
      category: "transactional",
      idempotencyKey: `lead:${lead.id}:decision`,
    });
    expect(JSON.parse(m.data)).toMatchObject({ decision: "rejected", points: 200, confirmedBalance: 300, reason: "Vouchers for that course are sold out." });
    const { subject, text } = await render(m);
    expect(subject).toBe("Not approved: your request to spend 200 referral points");
    expect(text).toContain("Vouchers for that course are sold out.");
    expect(text).toContain("No points were deducted. Your confirmed balance is still 300 points.");

    // Without a note there is no reason; a request without a number of points can still be rejected.
    const quiet = await redemptionLead(t.db, p, null);
    await decideRedemption(t.db, { leadId: quiet.id, actorId: actor.id, decision: "rejected", note: "   " });
    const [q] = await emailsFor(quiet.id);
    expect(JSON.parse(q.data)).toMatchObject({ decision: "rejected", points: null, reason: null, reward: "Toward a course", confirmedBalance: 300 });
    expect((await render(q)).text).not.toContain("Why");
  });

  it("deciding again (a re-sent click, or the other button) queues nothing more", async () => {
    const p = await person("mail-twice@example.com", 500);
    const a = await redemptionLead(t.db, p, 200);
    await decideRedemption(t.db, { leadId: a.id, actorId: actor.id, decision: "approved" });
    expect(await decideRedemption(t.db, { leadId: a.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: false, error: "already_decided" });
    expect(await decideRedemption(t.db, { leadId: a.id, actorId: actor.id, decision: "rejected", note: "Oops" })).toMatchObject({
      ok: false,
      error: "already_decided",
    });
    expect(await emailsFor(a.id)).toHaveLength(1);
    expect(JSON.parse((await emailsFor(a.id))[0].data)).toMatchObject({ decision: "approved", reason: null });

    // Three clicks at once: one decision, one email.
    const b = await redemptionLead(t.db, p, 100);
    const results = await Promise.all([1, 2, 3].map(() => decideRedemption(t.db, { leadId: b.id, actorId: actor.id, decision: "approved" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await emailsFor(b.id)).toHaveLength(1);
  });

  it("a decision that fails queues nothing", async () => {
    const p = await person("mail-fail@example.com", 150);
    const short = await redemptionLead(t.db, p, 200);
    expect(await decideRedemption(t.db, { leadId: short.id, actorId: actor.id, decision: "approved" })).toMatchObject({
      ok: false,
      error: "insufficient_points",
    });
    const vague = await redemptionLead(t.db, p, null);
    expect(await decideRedemption(t.db, { leadId: vague.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: false, error: "invalid_request" });
    const enroll = await t.db.lead.create({ data: { contactId: p.id, formType: "enroll", fields: "{}" } });
    expect(await decideRedemption(t.db, { leadId: enroll.id, actorId: actor.id, decision: "rejected" })).toMatchObject({ ok: false, error: "not_redemption" });
    // Paid out already (the ledger key exists): the transaction rolls back, the email with it.
    const rich = await person("mail-paid@example.com", 500);
    const paid = await redemptionLead(t.db, rich, 100);
    await t.db.pointsEntry.create({
      data: { contactId: rich.id, amount: -100, bucket: "confirmed", reason: "redemption", leadId: paid.id, key: `redemption:${paid.id}` },
    });
    expect(await decideRedemption(t.db, { leadId: paid.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: false, error: "already_decided" });
    expect(await t.db.emailMessage.count({ where: { toAddress: { in: ["mail-fail@example.com", "mail-paid@example.com"] } } })).toBe(0);
  });

  it("the decision and its email commit together: if queuing fails, nothing is decided", async () => {
    const p = await person("mail-atomic@example.com", 300);
    const lead = await redemptionLead(t.db, p, 200);
    // The same database, except that inside transactions writing to the outbox fails.
    const failingOutbox = (tx: Db["emailMessage"]) => ({
      findUnique: (args: Parameters<typeof tx.findUnique>[0]) => tx.findUnique(args),
      create: async () => {
        throw new Error("outbox unavailable");
      },
      createMany: async () => {
        throw new Error("outbox unavailable");
      },
    });
    const broken = new Proxy(t.db, {
      get(target, prop) {
        if (prop !== "$transaction") return Reflect.get(target, prop);
        return (fn: (tx: Db) => Promise<unknown>, options?: Record<string, unknown>) =>
          target.$transaction(
            (tx) => fn(new Proxy(tx as Db, { get: (inner, key) => (key === "emailMessage" ? failingOutbox(inner.emailMessage) : Reflect.get(inner, key)) })),
            options,
          );
      },
    });
    await expect(decideRedemption(broken, { leadId: lead.id, actorId: actor.id, decision: "approved" })).rejects.toThrow(/outbox unavailable/);
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ decision: null, decidedAt: null });
    expect(await t.db.pointsEntry.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await t.db.leadActivity.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await emailsFor(lead.id)).toHaveLength(0);
    // Once the outbox works again the same request can be decided, with its email.
    expect(await decideRedemption(t.db, { leadId: lead.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: true });
    expect(await emailsFor(lead.id)).toHaveLength(1);
  });

  it("suppression works as for other transactional mail: sent after an unsubscribe, held back after a hard bounce; no address, no email", async () => {
    const unsubscribed = await person("mail-unsub@example.com", 300);
    const bounced = await person("mail-bounce@example.com", 300);
    await t.db.emailSuppression.createMany({
      data: [
        { address: "mail-unsub@example.com", scope: "marketing", reason: "unsubscribe" },
        { address: "mail-bounce@example.com", scope: "all", reason: "hard_bounce" },
      ],
    });
    const a = await redemptionLead(t.db, unsubscribed, 100);
    const b = await redemptionLead(t.db, bounced, 100);
    await decideRedemption(t.db, { leadId: a.id, actorId: actor.id, decision: "approved" });
    await decideRedemption(t.db, { leadId: b.id, actorId: actor.id, decision: "rejected", note: "Duplicate request" });
    // Queued either way (like every transactional email); the dispatcher decides.
    expect(await t.db.emailMessage.count({ where: { leadId: { in: [a.id, b.id] } } })).toBe(2);
    await deliverToMailbox(t.db);
    expect((await emailsFor(a.id))[0]).toMatchObject({ status: "delivered", subject: "Approved: your request to spend 100 referral points" });
    expect((await emailsFor(b.id))[0]).toMatchObject({ status: "suppressed", lastError: "Suppressed (all:hard_bounce)" });

    // A contact without an email address (e.g. erased) is decided without an email.
    const nobody = await person(null, 300, null);
    const c = await redemptionLead(t.db, nobody, 100);
    expect(await decideRedemption(t.db, { leadId: c.id, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: true, confirmedBalance: 200 });
    expect(await emailsFor(c.id)).toHaveLength(0);
  });
});

describe("redemption requests list", () => {
  const t = createTestDb();
  afterAll(() => t.cleanup());

  it("lists newest first with requester, reward, points and current balance; filters by state", async () => {
    const actor = await staff(t.db, "Dee Decider");
    const p = await contact(t.db, "list@example.com", "Lis Tester");
    await confirmedPoints(t.db, p.id, 500);
    const old = await redemptionLead(t.db, p, 100, day(1));
    const mid = await redemptionLead(t.db, p, 200, day(2));
    const big = await redemptionLead(t.db, p, 900, day(3));
    await decideRedemption(t.db, { leadId: old.id, actorId: actor.id, decision: "approved", note: "Code emailed" });
    await decideRedemption(t.db, { leadId: mid.id, actorId: actor.id, decision: "rejected" });

    const all = await listRedemptions(t.db);
    expect(all).toMatchObject({ total: 3, pages: 1, counts: { pending: 1, approved: 1, rejected: 1 } });
    expect(all.rows.map((r) => r.id)).toEqual([big.id, mid.id, old.id]);
    expect(all.rows[0]).toMatchObject({
      status: "pending",
      points: 900,
      reward: "course",
      confirmedBalance: 400,
      canApprove: false,
      contact: { email: "list@example.com" },
    });
    expect(all.rows[1]).toMatchObject({ status: "rejected", note: null, decidedBy: { name: "Dee Decider" } });
    expect(all.rows[2]).toMatchObject({ status: "approved", note: "Code emailed", details: "For the data course" });

    expect((await listRedemptions(t.db, { status: "pending" })).rows.map((r) => r.id)).toEqual([big.id]);
    expect((await listRedemptions(t.db, { status: "approved" })).rows.map((r) => r.id)).toEqual([old.id]);
    expect((await listRedemptions(t.db, { status: "rejected" })).rows.map((r) => r.id)).toEqual([mid.id]);
    expect((await listRedemptions(t.db, { status: "rejected" })).total).toBe(1);
  });

  it("reads malformed request fields without failing", () => {
    expect(parseRedemptionFields("not json")).toEqual({ reward: null, points: null, details: null });
    expect(parseRedemptionFields(JSON.stringify({ points: -5, reward: 3 }))).toEqual({ reward: null, points: null, details: null });
    expect(parseRedemptionFields(JSON.stringify({ points: 300, reward: "device", details: " " }))).toEqual({ reward: "device", points: 300, details: null });
  });
});

// ---- end to end through the public forms ------------------------------------------------

describe("through the public forms", () => {
  const t = createTestDb();
  afterAll(() => t.cleanup());
  const deps = testSubmissionDeps(t.db, { staffRecipients: () => [] });
  const ctx = { ip: "203.0.113.7" };

  it("referral → friend confirms → redemption request → approval leaves zero, and the list and detail agree", async () => {
    const people = referralFields("Rita Referrer <rita@example.com>", ["Fay Friend <fay@example.com>", "Gus Friend <gus@example.com>"]);
    const out = await submitLead(deps, "referral", { ...people, consent: "on" }, ctx);
    expect(out.kind).toBe("saved");
    const gus = await t.db.contact.findUniqueOrThrow({ where: { email: "gus@example.com" } });
    expect(await confirmInterest(deps, gus.inviteToken!, { ip: "192.0.2.41" })).toMatchObject({ ok: true, points: "confirmed" });
    const request = { leadId: await fileRedemption(deps, { email: "rita@example.com", reward: await testReward(t.db, 100, { name: "Headphones" }) }) };

    const [row] = (await listReferrers(t.db)).rows;
    expect(row).toMatchObject({ email: "rita@example.com", pending: 100, confirmed: 100, friends: 2, responded: 1 });
    const [pending] = (await listRedemptions(t.db, { status: "pending" })).rows;
    expect(pending).toMatchObject({ id: request.leadId, reward: "Headphones", points: 100, confirmedBalance: 100, canApprove: true });

    const actor = await staff(t.db);
    expect(await decideRedemption(t.db, { leadId: request.leadId, actorId: actor.id, decision: "approved" })).toMatchObject({ ok: true, confirmedBalance: 0 });
    const d = await getReferrer(t.db, row.id);
    expect(d?.balance).toMatchObject({ pending: 100, confirmed: 0 });
    expect(d?.friends.map((f) => [f.email, f.status]).sort()).toEqual([
      ["fay@example.com", "invited"],
      ["gus@example.com", "responded"],
    ]);
    expect(d?.redemptions[0]).toMatchObject({ status: "approved", canApprove: false });
    expect(d?.ledger[0]).toMatchObject({ amount: -100, reason: "redemption", lead: { id: request.leadId, formType: "redemption" } });
  });
});
