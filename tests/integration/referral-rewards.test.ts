import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../helpers/test-db";
import type { Db } from "@/lib/db";
import { randomCode } from "@/lib/leads/codes";
import { decideRedemption, getReferrer, reverseReferralAward } from "@/lib/console/referrals";
import { decideReferralReview } from "@/lib/console/referral-reviews";
import { createReward, listRewards, moveReward, seedRewards, setRewardActive, updateReward, activeRewards } from "@/lib/referrals/catalogue";
import { awardReferralPoints, confirmReferralPoints, pointsBalance } from "@/lib/referrals/points";
import { rejectFriendPoints } from "@/lib/referrals/confirm";

/**
 * Issue 17's referral rewards: the catalogue, redemptions that take stock, reversals linked
 * to their awards, the terms version on every award, and the ledger's invariants under any
 * sequence of actions.
 */

const t = createTestDb();
afterAll(() => t.cleanup());

let actorId = "";
beforeAll(async () => {
  actorId = randomUUID();
  await t.db.user.create({ data: { id: actorId, name: "Sam Staff", email: `${actorId}@staff.example`, role: "staff" } });
});

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

async function contact(db: Db, email: string, over: Record<string, unknown> = {}) {
  return db.contact.create({ data: { email, name: `Person ${email}`, referralCode: randomCode(10), ...over } });
}

/** A referrer with a friend whose award is pending (as the referral form leaves it). */
async function referral(db: Db, referrerEmail: string, now: Date) {
  const referrer = (await db.contact.findUnique({ where: { email: referrerEmail } })) ?? (await contact(db, referrerEmail));
  const lead = await db.lead.create({ data: { contactId: referrer.id, formType: "referral", email: referrerEmail, fields: "{}" } });
  const friend = await contact(db, `friend-${randomUUID().slice(0, 8)}@example.com`, { referredById: referrer.id });
  await db.$transaction((tx) => awardReferralPoints(tx, { referrerId: referrer.id, friendId: friend.id, leadId: lead.id, now }));
  return { referrer, friend, lead };
}

async function confirmedReferral(db: Db, referrerEmail: string, now = at("2026-11-02")) {
  const r = await referral(db, referrerEmail, now);
  await db.$transaction((tx) => confirmReferralPoints(tx, r.friend.id, now));
  const award = await db.pointsEntry.findUniqueOrThrow({ where: { key: `referral:${r.friend.id}:confirmed` } });
  return { ...r, award };
}

async function requestFor(db: Db, contactId: string, reward: { id: string; name: string; points: number }) {
  return db.lead.create({
    data: {
      contactId,
      formType: "redemption",
      rewardId: reward.id,
      fields: JSON.stringify({ reward: reward.id, rewardName: reward.name, points: reward.points }),
    },
  });
}

const sumOfEntries = async (db: Db, contactId: string) => (await db.pointsEntry.aggregate({ where: { contactId }, _sum: { amount: true } }))._sum.amount ?? 0;

// ---------------------------------------------------------------------------------------

describe("the catalogue", () => {
  it("validates with a message per field, and saves a valid reward at the end of the list", async () => {
    const bad = await createReward(t.db, { name: " ", category: "boat", points: "12.5", stock: "-1", active: "on" });
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        name: "Enter the reward's name.",
        category: "Choose a category.",
        points: "Enter the price in points as a whole number.",
        stock: "Enter the stock as a whole number from 0 to 100,000, or leave it empty for no limit.",
      },
    });
    const zero = await createReward(t.db, { name: "Sticker", category: "accessory", points: "0", stock: "" });
    expect(zero).toMatchObject({ ok: false, fieldErrors: { points: "Enter the price in points of at least 1." } });

    const made = await createReward(t.db, { name: "Catalogue mug", description: "", category: "accessory", points: "150", stock: "", active: "on" });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const row = await t.db.reward.findUniqueOrThrow({ where: { id: made.id } });
    expect(row).toMatchObject({ name: "Catalogue mug", description: null, category: "accessory", points: 150, stock: null, active: true });

    expect(await updateReward(t.db, made.id, { name: "Catalogue mug", category: "accessory", points: "175", stock: "3" })).toEqual({ ok: true, id: made.id });
    // An unticked box is not posted: the reward leaves the catalogue.
    expect(await t.db.reward.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ points: 175, stock: 3, active: false });
    expect(await updateReward(t.db, "nope", { name: "X", category: "course", points: "1", stock: "" })).toMatchObject({
      ok: false,
      message: "That reward no longer exists.",
    });
  });

  it("reorders one place at a time, and only active rewards are on offer", async () => {
    const db = createTestDb();
    try {
      expect(await seedRewards(db.db)).toEqual({ rewards: 3 });
      expect(await seedRewards(db.db)).toEqual({ rewards: 0 });
      const names = async () => (await listRewards(db.db)).map((r) => r.name);
      expect(await names()).toEqual(["$100 off tuition", "Noise-cancelling headphones", "Refurbished laptop"]);
      const laptop = (await listRewards(db.db))[2];
      expect(laptop).toMatchObject({ points: 2000, stock: 5 });
      expect(await moveReward(db.db, laptop.id, "up")).toBe(true);
      expect(await names()).toEqual(["$100 off tuition", "Refurbished laptop", "Noise-cancelling headphones"]);
      expect(await moveReward(db.db, (await listRewards(db.db))[0].id, "up")).toBe(false);
      expect(await setRewardActive(db.db, laptop.id, false)).toBe(true);
      expect((await activeRewards(db.db)).map((r) => r.name)).toEqual(["$100 off tuition", "Noise-cancelling headphones"]);
    } finally {
      await db.cleanup();
    }
  });
});

describe("terms version on awards", () => {
  it("records the referral terms in force at the award's and the confirmation's time", async () => {
    // referral-terms v1 takes effect on 2026-10-01 (lib/legal/registry.ts).
    const before = await referral(t.db, "early@example.com", at("2026-09-15"));
    const pending = await t.db.pointsEntry.findUniqueOrThrow({ where: { key: `referral:${before.friend.id}:pending` } });
    expect(pending.termsVersion).toBeNull();

    const r = await referral(t.db, "terms@example.com", at("2026-11-02"));
    expect((await t.db.pointsEntry.findUniqueOrThrow({ where: { key: `referral:${r.friend.id}:pending` } })).termsVersion).toBe(1);
    await t.db.$transaction((tx) => confirmReferralPoints(tx, r.friend.id, at("2026-11-03")));
    const confirmed = await t.db.pointsEntry.findMany({ where: { friendContactId: r.friend.id, reason: "referral_confirmed" } });
    expect(confirmed.map((e) => e.termsVersion)).toEqual([1, 1]);
  });
});

describe("reversals", () => {
  it("a referral rejected in review reverses its pending award, linked to it, once", async () => {
    const r = await referral(t.db, "rejected@example.com", at("2026-11-02"));
    const review = await t.db.referralReview.create({ data: { friendContactId: r.friend.id, referrerId: r.referrer.id, reasons: "[]" } });
    expect(await decideReferralReview(t.db, { reviewId: review.id, decision: "rejected", actorId })).toEqual({ ok: true, decision: "rejected" });
    const award = await t.db.pointsEntry.findUniqueOrThrow({ where: { key: `referral:${r.friend.id}:pending` } });
    const reversal = await t.db.pointsEntry.findUniqueOrThrow({ where: { reversesId: award.id } });
    expect(reversal).toMatchObject({ amount: -100, bucket: "pending", reason: "referral_rejected" });
    expect(await pointsBalance(t.db, r.referrer.id)).toEqual({ pending: 0, confirmed: 0, redeemed: 0, reversed: 100 });
    // Reversing the same award again is impossible, by the unique link.
    await expect(
      t.db.pointsEntry.create({
        data: { contactId: r.referrer.id, amount: -100, bucket: "pending", reason: "referral_rejected", key: randomUUID(), reversesId: award.id },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await t.db.$transaction((tx) => rejectFriendPoints(tx, r.friend.id))).toBe(false);
    // A reversed award is never confirmed afterwards.
    expect(await t.db.$transaction((tx) => confirmReferralPoints(tx, r.friend.id))).toBe(false);
    expect(await pointsBalance(t.db, r.referrer.id)).toEqual({ pending: 0, confirmed: 0, redeemed: 0, reversed: 100 });
  });

  it("staff reverse a refunded referral: a negative confirmed entry linked to the award, with the reason on the lead", async () => {
    const r = await confirmedReferral(t.db, "refund@example.com");
    expect(await reverseReferralAward(t.db, { entryId: r.award.id, actorId, reason: "  " })).toMatchObject({ ok: false, error: "reason_required" });
    const out = await reverseReferralAward(t.db, { entryId: r.award.id, actorId, reason: "Friend refunded in week one", now: at("2026-11-20") });
    expect(out).toEqual({ ok: true, contactId: r.referrer.id, amount: 100 });
    expect(await t.db.pointsEntry.findUniqueOrThrow({ where: { reversesId: r.award.id } })).toMatchObject({
      amount: -100,
      bucket: "confirmed",
      reason: "referral_reversed",
      createdAt: at("2026-11-20"),
    });
    expect(await t.db.leadActivity.findFirst({ where: { leadId: r.lead.id } })).toMatchObject({
      actorId,
      detail: "Referral points reversed (100): Friend refunded in week one",
    });
    expect(await pointsBalance(t.db, r.referrer.id)).toEqual({ pending: 0, confirmed: 0, redeemed: 0, reversed: 100 });
    expect(await reverseReferralAward(t.db, { entryId: r.award.id, actorId, reason: "again" })).toMatchObject({ ok: false, error: "already_reversed" });
    const detail = await getReferrer(t.db, r.referrer.id);
    expect(detail?.ledger.find((e) => e.id === r.award.id)).toMatchObject({ reversed: true, reversible: false });
  });

  it("two staff reversing the same award at once: one reversal", async () => {
    const r = await confirmedReferral(t.db, "double-refund@example.com");
    await confirmedReferral(t.db, "double-refund@example.com");
    const results = await Promise.all([1, 2].map((i) => reverseReferralAward(t.db, { entryId: r.award.id, actorId, reason: `click ${i}` })));
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(await t.db.pointsEntry.count({ where: { reversesId: r.award.id } })).toBe(1);
    expect(await pointsBalance(t.db, r.referrer.id)).toMatchObject({ confirmed: 100, reversed: 100 });
  });

  it("points already spent are not taken back below zero; other entries cannot be reversed here", async () => {
    const r = await confirmedReferral(t.db, "spent@example.com");
    const reward = await t.db.reward.create({ data: { name: "Spent voucher", category: "course", points: 100 } });
    const lead = await requestFor(t.db, r.referrer.id, reward);
    expect(await decideRedemption(t.db, { leadId: lead.id, actorId, decision: "approved" })).toMatchObject({ ok: true });
    expect(await reverseReferralAward(t.db, { entryId: r.award.id, actorId, reason: "refund" })).toMatchObject({ ok: false, error: "already_spent" });
    const pendingAward = await t.db.pointsEntry.findUniqueOrThrow({ where: { key: `referral:${r.friend.id}:pending` } });
    expect(await reverseReferralAward(t.db, { entryId: pendingAward.id, actorId, reason: "x" })).toMatchObject({ ok: false, error: "not_an_award" });
    expect(await pointsBalance(t.db, r.referrer.id)).toEqual({ pending: 0, confirmed: 0, redeemed: 100, reversed: 0 });
  });
});

describe("redemption approvals and stock", () => {
  it("approving takes one unit of stock with the points; an empty stock refuses and changes nothing", async () => {
    const r = await confirmedReferral(t.db, "stock@example.com");
    await confirmedReferral(t.db, "stock@example.com");
    const reward = await t.db.reward.create({ data: { name: "Last headphones", category: "accessory", points: 100, stock: 1 } });
    const first = await requestFor(t.db, r.referrer.id, reward);
    const second = await requestFor(t.db, r.referrer.id, reward);
    expect(await decideRedemption(t.db, { leadId: first.id, actorId, decision: "approved" })).toMatchObject({ ok: true, points: 100, confirmedBalance: 100 });
    expect((await t.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(0);
    const emails = await t.db.emailMessage.count();

    const refused = await decideRedemption(t.db, { leadId: second.id, actorId, decision: "approved" });
    expect(refused).toMatchObject({ ok: false, error: "out_of_stock" });
    expect((await t.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(0);
    expect(await pointsBalance(t.db, r.referrer.id)).toEqual({ pending: 0, confirmed: 100, redeemed: 100, reversed: 0 });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ decision: null });
    expect(await t.db.emailMessage.count()).toBe(emails);

    // Rejecting with a reason still works, and tells the requester.
    expect(await decideRedemption(t.db, { leadId: second.id, actorId, decision: "rejected", note: "Out of stock until March" })).toMatchObject({ ok: true });
    const mail = await t.db.emailMessage.findFirstOrThrow({ where: { idempotencyKey: `lead:${second.id}:decision` } });
    expect(JSON.parse(mail.data)).toMatchObject({ decision: "rejected", reward: "Last headphones", reason: "Out of stock until March" });
  });

  it("an unlimited reward keeps no stock count", async () => {
    const r = await confirmedReferral(t.db, "unlimited@example.com");
    const reward = await t.db.reward.create({ data: { name: "Unlimited voucher", category: "course", points: 100, stock: null } });
    expect(await decideRedemption(t.db, { leadId: (await requestFor(t.db, r.referrer.id, reward)).id, actorId, decision: "approved" })).toMatchObject({
      ok: true,
    });
    expect((await t.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBeNull();
  });

  it("two people approved at once for the last unit: one gets it, stock never below zero", async () => {
    const a = await confirmedReferral(t.db, "race-a@example.com");
    const b = await confirmedReferral(t.db, "race-b@example.com");
    const reward = await t.db.reward.create({ data: { name: "Last laptop", category: "device", points: 100, stock: 1 } });
    const leads = [await requestFor(t.db, a.referrer.id, reward), await requestFor(t.db, b.referrer.id, reward)];
    const results = await Promise.all(leads.map((l) => decideRedemption(t.db, { leadId: l.id, actorId, decision: "approved" })));
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok)).toMatchObject([{ error: "out_of_stock" }]);
    expect((await t.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(0);
    const spent = (await pointsBalance(t.db, a.referrer.id)).redeemed + (await pointsBalance(t.db, b.referrer.id)).redeemed;
    expect(spent).toBe(100);
  });

  it("two requests by one person approved at once for more than the balance: at most the balance is spent", async () => {
    const r = await confirmedReferral(t.db, "same-points@example.com");
    const reward = await t.db.reward.create({ data: { name: "Race voucher", category: "course", points: 100 } });
    const leads = await Promise.all([1, 2, 3].map(() => requestFor(t.db, r.referrer.id, reward)));
    const results = await Promise.all(leads.map((l) => decideRedemption(t.db, { leadId: l.id, actorId, decision: "approved" })));
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(await pointsBalance(t.db, r.referrer.id)).toEqual({ pending: 0, confirmed: 0, redeemed: 100, reversed: 0 });
  });
});

// ---------------------------------------------------------------------------------------

type Action =
  { k: "award" } | { k: "confirm" | "reject" | "reverse"; friend: number } | { k: "redeem"; reward: 0 | 1 } | { k: "approve" | "refuse"; request: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ k: "award" as const }),
  fc.record({ k: fc.constantFrom("confirm" as const, "reject" as const, "reverse" as const), friend: fc.nat(5) }),
  fc.record({ k: fc.constant("redeem" as const), reward: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ k: fc.constantFrom("approve" as const, "refuse" as const), request: fc.nat(5) }),
);

describe("the ledger under any sequence of actions", () => {
  it("balances equal the sum of entries and match a model; confirmed and pending never go below zero", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const email = `prop-${randomUUID().slice(0, 12)}@example.com`;
        const referrer = await contact(t.db, email);
        const lead = await t.db.lead.create({ data: { contactId: referrer.id, formType: "referral", email, fields: "{}" } });
        const rewards = [
          await t.db.reward.create({ data: { name: `Voucher ${email}`, category: "course", points: 100, stock: null } }),
          await t.db.reward.create({ data: { name: `Laptop ${email}`, category: "device", points: 200, stock: 1 } }),
        ];
        // The model: what each action should do, from the rules alone.
        const model = { pending: 0, confirmed: 0, redeemed: 0, reversed: 0, stock: 1 };
        const friends: { id: string; state: "pending" | "confirmed" | "rejected" | "reversed" }[] = [];
        const requests: { id: string; price: number; laptop: boolean; decided: boolean }[] = [];

        for (const a of actions) {
          if (a.k === "award") {
            const friend = await contact(t.db, `f-${randomUUID().slice(0, 12)}@example.com`, { referredById: referrer.id });
            await t.db.$transaction((tx) => awardReferralPoints(tx, { referrerId: referrer.id, friendId: friend.id, leadId: lead.id }));
            friends.push({ id: friend.id, state: "pending" });
            model.pending += 100;
          } else if (a.k === "confirm" || a.k === "reject" || a.k === "reverse") {
            const f = friends[a.friend];
            if (!f) continue;
            if (a.k === "confirm") {
              const ok = await t.db.$transaction((tx) => confirmReferralPoints(tx, f.id));
              expect(ok).toBe(f.state === "pending");
              if (ok) [f.state, model.pending, model.confirmed] = ["confirmed", model.pending - 100, model.confirmed + 100];
            } else if (a.k === "reject") {
              const ok = await t.db.$transaction((tx) => rejectFriendPoints(tx, f.id));
              expect(ok).toBe(f.state === "pending");
              if (ok) [f.state, model.pending, model.reversed] = ["rejected", model.pending - 100, model.reversed + 100];
            } else {
              const award = await t.db.pointsEntry.findUnique({ where: { key: `referral:${f.id}:confirmed` } });
              const out = award ? await reverseReferralAward(t.db, { entryId: award.id, actorId, reason: "refund" }) : null;
              const expected =
                f.state === "confirmed" ? (model.confirmed >= 100 ? "ok" : "already_spent") : f.state === "reversed" ? "already_reversed" : "none";
              expect(out === null ? "none" : out.ok ? "ok" : out.error).toBe(expected);
              if (out?.ok) [f.state, model.confirmed, model.reversed] = ["reversed", model.confirmed - 100, model.reversed + 100];
            }
          } else if (a.k === "redeem") {
            const reward = rewards[a.reward];
            const l = await requestFor(t.db, referrer.id, reward);
            requests.push({ id: l.id, price: reward.points, laptop: a.reward === 1, decided: false });
          } else {
            if (a.k !== "approve" && a.k !== "refuse") continue;
            const q = requests[a.request];
            if (!q) continue;
            const out = await decideRedemption(t.db, { leadId: q.id, actorId, decision: a.k === "approve" ? "approved" : "rejected" });
            const expected = q.decided
              ? "already_decided"
              : a.k === "refuse"
                ? "ok"
                : model.confirmed < q.price
                  ? "insufficient_points"
                  : q.laptop && model.stock === 0
                    ? "out_of_stock"
                    : "ok";
            expect(out.ok ? "ok" : out.error).toBe(expected);
            if (out.ok) {
              q.decided = true;
              if (a.k === "approve") {
                model.confirmed -= q.price;
                model.redeemed += q.price;
                if (q.laptop) model.stock -= 1;
              }
            }
          }
          const balance = await pointsBalance(t.db, referrer.id);
          const { stock, ...expectedBalance } = model;
          expect(balance).toEqual(expectedBalance);
          expect(balance.pending + balance.confirmed).toBe(await sumOfEntries(t.db, referrer.id));
          expect(balance.confirmed).toBeGreaterThanOrEqual(0);
          expect(balance.pending).toBeGreaterThanOrEqual(0);
          expect((await t.db.reward.findUniqueOrThrow({ where: { id: rewards[1].id } })).stock).toBe(stock);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
