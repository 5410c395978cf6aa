import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimedBlocks } from "@/lib/booking/blocks";
import { bookingByManageToken, cancelBooking, rescheduleBooking } from "@/lib/booking/book";
import type { BookingEmailData } from "@/lib/booking/email-data";
import { drainOutbox } from "@/lib/email/dispatcher";
import { renderEmail } from "@/lib/email/render";
import type { EmailTransport, OutgoingEmail } from "@/lib/email/transport";
import { seedPrograms } from "@/lib/content/seed-programs";
import { createTestDb } from "../helpers/test-db";
import { must, narrow } from "../helpers/narrow";
import { book, bookRequest, HOUR, makeAdvisor, makeCallType, makeVisitor, MINUTE, SITE } from "../helpers/booking";

/**
 * A booked call after it is made: its reminders (queued for 24 h and 1 h before, sent once,
 * never after a cancellation, moved with the call), moving it (same UID, next SEQUENCE, new
 * claims, a new manage link) and cancelling it. Real database; the clock is injected into
 * the booking functions and into the dispatcher.
 */
const t = createTestDb();
const NOW = new Date("2027-03-01T06:00:00Z");
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  await seedPrograms(t.db, NOW);
});
afterAll(() => t.cleanup());

/** What the "provider" accepted, per outbox row: a second send of a row would show here. */
const sent: OutgoingEmail[] = [];
const recording: EmailTransport = { name: "mailbox", send: async (email) => (sent.push(email), { ok: true, providerId: `test_${email.id}` }) };

/** Runs the outbox dispatcher as it would run at `now`. */
const drain = (now: Date) =>
  drainOutbox({
    db: t.db,
    transport: recording,
    render: (template, data, ctx) => renderEmail(template, data as never, ctx),
    from: "Loomstack Academy <hello@loomstack.example>",
    siteUrl: SITE,
    now: () => now,
  });

async function mailsOf(bookingId: string) {
  const rows = await t.db.emailMessage.findMany({ where: { idempotencyKey: { startsWith: `booking:${bookingId}:` } }, orderBy: { idempotencyKey: "asc" } });
  return rows.map((m) => ({ ...m, parsed: JSON.parse(m.data) as BookingEmailData }));
}

const sendsOf = (rowIds: string[]) => sent.filter((s) => rowIds.includes(s.id)).length;

async function setup(o: { advisors?: number; minNoticeMinutes?: number } = {}) {
  const ct = await makeCallType(t.db, { name: "Admissions call" });
  const advisors = [];
  for (let i = 0; i < (o.advisors ?? 1); i++) {
    advisors.push(await makeAdvisor(t.db, { idPrefix: String.fromCharCode(97 + i), callTypeIds: [ct.id], minNoticeMinutes: o.minNoticeMinutes ?? 120 }));
  }
  const visitor = await makeVisitor(t.db, { name: "Vi Visitor" });
  return { ct, advisors, visitor };
}

const move = (bookingId: string, startsAt: Date, now = NOW, actorId: string | null = null) =>
  t.db.$transaction((tx) => rescheduleBooking(tx, { bookingId, startsAt, now, siteUrl: SITE, actorId }));
const cancel = (bookingId: string, now = NOW, actorId: string | null = null) =>
  t.db.$transaction((tx) => cancelBooking(tx, { bookingId, now, siteUrl: SITE, actorId }));

describe("reminders", () => {
  it("queues the visitor's reminders at 24 h and 1 h before, and sends each exactly once", async () => {
    const { ct, visitor } = await setup();
    const startsAt = at("2027-03-04T10:00:00Z");
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, startsAt, NOW)), "ok", true);
    const reminders = (await mailsOf(booked.bookingId)).filter((m) => m.parsed.kind.startsWith("reminder"));
    expect(reminders.map((m) => [m.parsed.kind, m.toAddress, m.nextAttemptAt.toISOString()])).toEqual([
      ["reminder-1h", visitor.email, "2027-03-04T09:00:00.000Z"],
      ["reminder-24h", visitor.email, "2027-03-03T10:00:00.000Z"],
    ]);
    // They carry the visitor's manage link.
    expect(reminders.every((m) => m.parsed.manageUrl === `${SITE}/book/manage/${booked.manageToken}`)).toBe(true);
    const ids = reminders.map((m) => m.id);

    // Before their time nothing goes (the confirmations do).
    await drain(NOW);
    expect(sendsOf(ids)).toBe(0);
    // At 24 h before, twice: the 24 h reminder once.
    const at24 = new Date(startsAt.getTime() - 24 * HOUR + 1000);
    await drain(at24);
    await drain(at24);
    const after24 = await mailsOf(booked.bookingId);
    expect(after24.filter((m) => m.parsed.kind.startsWith("reminder")).map((m) => [m.parsed.kind, m.status])).toEqual([
      ["reminder-1h", "pending"],
      ["reminder-24h", "delivered"],
    ]);
    expect(sendsOf(ids)).toBe(1);
    const at1 = new Date(startsAt.getTime() - HOUR + 1000);
    await drain(at1);
    await drain(at1);
    expect(sendsOf(ids)).toBe(2);
    expect(new Set(sent.filter((s) => ids.includes(s.id)).map((s) => s.id)).size).toBe(2);
    expect(sent.find((s) => s.id === ids[0])?.to).toBe(visitor.email);
  });

  it("does not queue a reminder whose time has passed", async () => {
    const { ct, visitor } = await setup({ minNoticeMinutes: 60 });
    // Five hours ahead: the 24 h reminder would be in the past.
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-01T11:00:00Z"), NOW)), "ok", true);
    const kinds = (await mailsOf(booked.bookingId)).map((m) => `${m.parsed.kind}:${m.parsed.audience}`);
    expect(kinds.sort()).toEqual(["confirmed:advisor", "confirmed:visitor", "reminder-1h:visitor"]);
  });

  it("never sends a reminder of a cancelled call, due or not", async () => {
    const { ct, visitor } = await setup();
    const startsAt = at("2027-03-04T12:00:00Z");
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, startsAt, NOW)), "ok", true);
    expect(await cancel(booked.bookingId)).toEqual({ ok: true, changed: true });
    const reminders = (await mailsOf(booked.bookingId)).filter((m) => m.parsed.kind.startsWith("reminder"));
    expect(reminders.map((m) => m.status)).toEqual(["cancelled", "cancelled"]);
    await drain(new Date(startsAt.getTime() - 30 * MINUTE));
    expect(sendsOf(reminders.map((m) => m.id))).toBe(0);
    expect((await mailsOf(booked.bookingId)).filter((m) => m.parsed.kind.startsWith("reminder")).map((m) => m.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("replaces the reminders when the call moves: the old time's never go out", async () => {
    const { ct, visitor } = await setup();
    const first = at("2027-03-04T10:00:00Z");
    const later = at("2027-03-05T15:00:00Z");
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, first, NOW)), "ok", true);
    const old = (await mailsOf(booked.bookingId)).filter((m) => m.parsed.kind.startsWith("reminder")).map((m) => m.id);
    narrow(await move(booked.bookingId, later), "ok", true);

    const rows = await mailsOf(booked.bookingId);
    const pending = rows.filter((m) => m.parsed.kind.startsWith("reminder") && m.status === "pending");
    expect(pending.map((m) => [m.parsed.kind, m.parsed.sequence, m.nextAttemptAt.toISOString()])).toEqual([
      ["reminder-1h", 1, "2027-03-05T14:00:00.000Z"],
      ["reminder-24h", 1, "2027-03-04T15:00:00.000Z"],
    ]);
    expect(rows.filter((m) => old.includes(m.id)).map((m) => m.status)).toEqual(["cancelled", "cancelled"]);

    // At the old call's reminder times nothing is sent; at the new ones each goes once.
    const newIds = pending.map((m) => m.id);
    await drain(new Date(first.getTime() - 24 * HOUR + 1000));
    await drain(new Date(first.getTime() - HOUR + 1000));
    expect(sendsOf(old)).toBe(0);
    expect(sendsOf(newIds)).toBe(0);
    for (const due of [later.getTime() - 24 * HOUR + 1000, later.getTime() - HOUR + 1000]) {
      await drain(new Date(due));
      await drain(new Date(due));
    }
    expect(sendsOf(newIds)).toBe(2);
    expect(new Set(sent.filter((m) => newIds.includes(m.id)).map((m) => m.id)).size).toBe(2);
    expect(sendsOf(old)).toBe(0);
  });
});

describe("moving a call", () => {
  it("keeps the UID, moves the claims, bumps the sequence, replaces the link and writes the timeline", async () => {
    const { ct, advisors, visitor } = await setup();
    const [adv] = advisors;
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true);
    const before = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });

    // 15 minutes later: the call overlaps its own old time, which does not count against it.
    const moved = narrow(await move(booked.bookingId, at("2027-03-04T10:15:00Z"), NOW, adv.id), "ok", true);
    expect(moved).toMatchObject({ bookingId: booked.bookingId, advisorId: adv.id });
    expect(moved.manageToken).not.toBe(booked.manageToken);
    const after = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    expect([after.uid, after.sequence, after.rescheduleCount, after.status]).toEqual([before.uid, 1, 1, "booked"]);
    expect([after.startsAt.toISOString(), after.endsAt.toISOString()]).toEqual(["2027-03-04T10:15:00.000Z", "2027-03-04T10:35:00.000Z"]);
    const claims = await t.db.bookingClaim.findMany({ where: { advisorId: adv.id }, orderBy: { block: "asc" } });
    expect(claims.map((c) => c.block)).toEqual(claimedBlocks(at("2027-03-04T10:15:00Z"), at("2027-03-04T10:35:00Z"), 10));
    expect(claims.every((c) => c.bookingId === booked.bookingId)).toBe(true);

    // The old link finds nothing; the new one finds the moved call.
    expect(await bookingByManageToken(t.db, booked.manageToken)).toBeNull();
    expect(must(await bookingByManageToken(t.db, moved.manageToken)).startsAt.toISOString()).toBe("2027-03-04T10:15:00.000Z");

    const mails = (await mailsOf(booked.bookingId)).filter((m) => m.parsed.sequence === 1 && !m.parsed.kind.startsWith("reminder"));
    expect(mails.map((m) => [m.parsed.kind, m.parsed.audience, m.parsed.uid, m.parsed.previousStartsAt])).toEqual([
      ["rescheduled", "advisor", before.uid, "2027-03-04T10:00:00.000Z"],
      ["rescheduled", "visitor", before.uid, "2027-03-04T10:00:00.000Z"],
    ]);
    expect(mails.find((m) => m.parsed.audience === "visitor")?.parsed.manageUrl).toBe(`${SITE}/book/manage/${moved.manageToken}`);

    const timeline = await t.db.leadActivity.findMany({ where: { leadId: visitor.leadId, type: "booking" }, orderBy: { createdAt: "asc" } });
    expect(timeline).toHaveLength(2);
    expect(timeline[1].actorId).toBe(adv.id);
    expect(timeline[1].detail).toMatch(/^Call moved: Admissions call, from Thu, 4 Mar 2027, 10:00–10:20 UTC to Thu, 4 Mar 2027, 10:15–10:35 UTC/);
  });

  it("hands the call to another advisor when its own is busy then, and tells the one it leaves", async () => {
    const { ct, advisors, visitor } = await setup({ advisors: 2 });
    const [a, b] = advisors;
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true);
    expect(booked.advisorId).toBe(a.id);
    // Another visitor takes B at 14:00, then A at 15:00 (B, having one call, is no longer first).
    const other = await makeVisitor(t.db);
    expect(narrow(await book(t.db, bookRequest(other, ct.id, at("2027-03-04T14:00:00Z"), NOW)), "ok", true).advisorId).toBe(b.id);
    const busyA = narrow(await book(t.db, bookRequest(other, ct.id, at("2027-03-04T15:00:00Z"), NOW)), "ok", true);
    expect(busyA.advisorId).toBe(a.id);

    const moved = narrow(await move(booked.bookingId, at("2027-03-04T15:00:00Z")), "ok", true);
    expect(moved.advisorId).toBe(b.id);
    expect(await t.db.bookingClaim.count({ where: { bookingId: booked.bookingId, advisorId: b.id } })).toBe(6);
    expect(await t.db.bookingClaim.count({ where: { bookingId: booked.bookingId, advisorId: a.id } })).toBe(0);
    const mails = (await mailsOf(booked.bookingId)).filter((m) => m.parsed.sequence === 1 && !m.parsed.kind.startsWith("reminder"));
    expect(mails.map((m) => [m.parsed.kind, m.parsed.audience, m.toAddress, m.parsed.startsAt])).toEqual(
      expect.arrayContaining([
        ["rescheduled", "visitor", visitor.email, "2027-03-04T15:00:00.000Z"],
        ["confirmed", "advisor", b.email, "2027-03-04T15:00:00.000Z"],
        ["cancelled", "advisor", a.email, "2027-03-04T10:00:00.000Z"],
      ]),
    );
    expect(mails).toHaveLength(3);
    // The slot A left is free again.
    expect(narrow(await book(t.db, bookRequest(other, ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true).advisorId).toBe(a.id);
  });

  it("refuses a time that is taken or not offered, and leaves the call as it was", async () => {
    const { ct, visitor } = await setup();
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true);
    const other = await makeVisitor(t.db);
    narrow(await book(t.db, bookRequest(other, ct.id, at("2027-03-04T12:00:00Z"), NOW)), "ok", true);
    const before = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    const claimsBefore = await t.db.bookingClaim.findMany({ where: { bookingId: booked.bookingId }, orderBy: { block: "asc" } });

    const taken = narrow(await move(booked.bookingId, at("2027-03-04T12:15:00Z")), "ok", false);
    expect(taken.reason).toBe("taken");
    expect(taken.nextSlots[0].startsAt.toISOString()).toBe("2027-03-04T12:30:00.000Z");
    expect(await move(booked.bookingId, at("2027-03-04T22:00:00Z"))).toMatchObject({ ok: false, reason: "not-offered" });
    expect(await move("no-such-booking", at("2027-03-04T13:00:00Z"))).toMatchObject({ ok: false, reason: "unknown" });

    const after = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    expect(after).toEqual(before);
    expect(await t.db.bookingClaim.findMany({ where: { bookingId: booked.bookingId }, orderBy: { block: "asc" } })).toEqual(claimsBefore);
    expect(must(await bookingByManageToken(t.db, booked.manageToken)).id).toBe(booked.bookingId);
  });
});

describe("cancelling a call", () => {
  it("frees its time, bumps the sequence, tells both sides once, and a second cancel changes nothing", async () => {
    const { ct, advisors, visitor } = await setup();
    const booked = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true);
    const later = new Date(NOW.getTime() + HOUR);
    expect(await cancel(booked.bookingId, later)).toEqual({ ok: true, changed: true });
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    expect([row.status, row.sequence, row.cancelledAt?.toISOString(), row.cancelledBy]).toEqual(["cancelled", 1, later.toISOString(), "visitor"]);
    expect(await t.db.bookingClaim.count({ where: { bookingId: booked.bookingId } })).toBe(0);
    const cancelled = (await mailsOf(booked.bookingId)).filter((m) => m.parsed.kind === "cancelled");
    expect(cancelled.map((m) => [m.parsed.audience, m.toAddress, m.parsed.sequence, m.parsed.uid])).toEqual([
      ["advisor", advisors[0].email, 1, row.uid],
      ["visitor", visitor.email, 1, row.uid],
    ]);

    const emails = await t.db.emailMessage.count();
    expect(await cancel(booked.bookingId, later)).toEqual({ ok: true, changed: false });
    expect(await t.db.emailMessage.count()).toBe(emails);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } })).sequence).toBe(1);
    const timeline = await t.db.leadActivity.findMany({ where: { leadId: visitor.leadId, type: "booking" }, orderBy: { createdAt: "asc" } });
    expect(timeline.map((a) => a.detail)).toEqual([
      "Call booked: Admissions call, Thu, 4 Mar 2027, 10:00–10:20 UTC, with " + advisors[0].name + ".",
      "Call cancelled by the visitor: Admissions call, Thu, 4 Mar 2027, 10:00–10:20 UTC.",
    ]);
    // A cancelled call cannot be moved; its time can be booked again.
    expect(await move(booked.bookingId, at("2027-03-04T11:00:00Z"))).toMatchObject({ ok: false, reason: "closed" });
    narrow(await book(t.db, bookRequest(await makeVisitor(t.db), ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true);
  });

  it("records staff cancellations as staff, and leaves a call that is over alone", async () => {
    const { ct, advisors, visitor } = await setup();
    const first = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-04T10:00:00Z"), NOW)), "ok", true);
    expect(await cancel(first.bookingId, NOW, advisors[0].id)).toEqual({ ok: true, changed: true });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: first.bookingId } })).cancelledBy).toBe("staff");
    const byStaff = await t.db.leadActivity.findMany({ where: { leadId: visitor.leadId, type: "booking", actorId: { not: null } } });
    expect(byStaff.map((a) => [a.actorId, a.detail?.startsWith("Call cancelled by staff")])).toEqual([[advisors[0].id, true]]);

    const second = narrow(await book(t.db, bookRequest(visitor, ct.id, at("2027-03-04T11:00:00Z"), NOW)), "ok", true);
    expect(await cancel(second.bookingId, at("2027-03-04T11:20:00Z"))).toMatchObject({ ok: false, reason: "closed" });
    expect(await cancel("no-such-booking")).toMatchObject({ ok: false, reason: "unknown" });
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: second.bookingId } })).status).toBe("booked");
  });
});
