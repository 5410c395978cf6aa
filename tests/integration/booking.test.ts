import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSlots, loadSlotQuery } from "@/lib/booking/availability";
import { claimedBlocks } from "@/lib/booking/blocks";
import { agenda, bookingByManageToken, bookSlot, setBookingOutcome } from "@/lib/booking/book";
import { claimSpan } from "@/lib/booking/claims";
import { freeSlots } from "@/lib/booking/slots";
import { newId } from "@/lib/db/sql";
import { seedPrograms } from "@/lib/content/seed-programs";
import { createTestDb } from "../helpers/test-db";
import { must, narrow } from "../helpers/narrow";
import { book, bookRequest, DAY, everyDay, HOUR, makeAdvisor, makeCallType, makeVisitor, MINUTE, type Visitor } from "../helpers/booking";

/**
 * Booking against a real database (SQLite; PostgreSQL with TEST_DATABASE=postgres): who gets
 * the call (round-robin), what is offered and refused, the claim rule that stops two calls of
 * one advisor from overlapping (different lengths and buffers included), changed working
 * hours, the agenda and marking a call's outcome. The clock is injected.
 *
 * The week of NOW (ISO, UTC) runs from Monday 1 March 2027 to Sunday 7 March.
 */
const t = createTestDb();
const NOW = new Date("2027-03-01T06:00:00Z");
const at = (iso: string) => new Date(iso);
let visitor: Visitor;

beforeAll(async () => {
  await seedPrograms(t.db, NOW);
  visitor = await makeVisitor(t.db);
});
afterAll(() => t.cleanup());

/** A booking made earlier, written as the app would (row and claims), for a given advisor. */
async function pastBooking(advisorId: string, callTypeId: string, startsAt: Date, o: { status?: string; createdAt?: Date; minutes?: number } = {}) {
  const endsAt = new Date(startsAt.getTime() + (o.minutes ?? 20) * MINUTE);
  const id = newId();
  await t.db.$transaction(async (tx) => {
    await tx.booking.create({
      data: {
        id,
        uid: `booking-${id}@loomstack.example`,
        leadId: visitor.leadId,
        contactId: visitor.contactId,
        advisorId,
        callTypeId,
        startsAt,
        endsAt,
        bufferMinutes: 10,
        visitorTimeZone: "UTC",
        status: o.status ?? "booked",
        manageTokenHash: `hash-${id}`,
        createdAt: o.createdAt ?? new Date(NOW.getTime() - 7 * DAY),
      },
    });
    if (o.status !== "cancelled") expect(await claimSpan(tx, id, { advisorId, startsAt, endsAt, bufferMinutes: 10 })).toBe(true);
  });
  return id;
}

const bookAt = async (callTypeId: string, iso: string, extra: Parameters<typeof bookRequest>[4] = {}) =>
  book(t.db, bookRequest(visitor, callTypeId, at(iso), NOW, extra));

const advisorOf = async (callTypeId: string, iso: string, extra: Parameters<typeof bookRequest>[4] = {}) =>
  narrow(await bookAt(callTypeId, iso, extra), "ok", true).advisorId;

describe("round-robin", () => {
  it("gives the call to the advisor with the fewest live calls this week", async () => {
    const ct = await makeCallType(t.db);
    const a = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct.id] });
    const b = await makeAdvisor(t.db, { idPrefix: "b", callTypeIds: [ct.id] });
    const c = await makeAdvisor(t.db, { idPrefix: "c", callTypeIds: [ct.id] });
    // A: two calls this week. B: one, already held (no-show), booked a day ago.
    await pastBooking(a.id, ct.id, at("2027-03-02T10:00:00Z"));
    await pastBooking(a.id, ct.id, at("2027-03-02T11:00:00Z"));
    await pastBooking(b.id, ct.id, at("2027-03-01T05:00:00Z"), { status: "no_show", createdAt: new Date(NOW.getTime() - DAY) });
    // C: only cancelled calls this week and calls next week, none of which count.
    for (const h of ["10", "11", "12"]) await pastBooking(c.id, ct.id, at(`2027-03-03T${h}:00:00Z`), { status: "cancelled" });
    for (const d of ["08", "09"]) await pastBooking(c.id, ct.id, at(`2027-03-${d}T10:00:00Z`), { createdAt: new Date(NOW.getTime() - 10 * DAY) });

    // C (0 this week); then B and C have one each and B booked longer ago; then C (1 against 2 and 2).
    expect(await advisorOf(ct.id, "2027-03-04T10:00:00Z")).toBe(c.id);
    expect(await advisorOf(ct.id, "2027-03-04T11:00:00Z")).toBe(b.id);
    expect(await advisorOf(ct.id, "2027-03-04T12:00:00Z")).toBe(c.id);
  });

  it("breaks ties by the least recently booked (never booked first), then by user id", async () => {
    const ct = await makeCallType(t.db);
    const a = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct.id] });
    const b = await makeAdvisor(t.db, { idPrefix: "b", callTypeIds: [ct.id] });
    const c = await makeAdvisor(t.db, { idPrefix: "c", callTypeIds: [ct.id] });
    await pastBooking(a.id, ct.id, at("2027-03-10T10:00:00Z"), { createdAt: new Date(NOW.getTime() - HOUR) });
    await pastBooking(b.id, ct.id, at("2027-03-10T10:00:00Z"), { createdAt: new Date(NOW.getTime() - 5 * HOUR) });
    expect(await advisorOf(ct.id, "2027-03-05T10:00:00Z")).toBe(c.id);
    expect(await advisorOf(ct.id, "2027-03-05T11:00:00Z")).toBe(b.id);
    expect(await advisorOf(ct.id, "2027-03-05T12:00:00Z")).toBe(a.id);

    const ct2 = await makeCallType(t.db);
    const second = await makeAdvisor(t.db, { idPrefix: "b", callTypeIds: [ct2.id] });
    const first = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct2.id] });
    expect(await advisorOf(ct2.id, "2027-03-05T10:00:00Z")).toBe(first.id);
    expect(await advisorOf(ct2.id, "2027-03-05T11:00:00Z")).toBe(second.id);
  });

  it("sends a pinned program's calls only to its advisors", async () => {
    const ct = await makeCallType(t.db);
    const free = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct.id] });
    const pinned = await makeAdvisor(t.db, { idPrefix: "b", callTypeIds: [ct.id], pins: ["data-analytics"] });
    await pastBooking(pinned.id, ct.id, at("2027-03-02T10:00:00Z"));
    await pastBooking(pinned.id, ct.id, at("2027-03-02T11:00:00Z"));

    expect(await advisorOf(ct.id, "2027-03-04T10:00:00Z", { programSlug: "data-analytics" })).toBe(pinned.id);
    // A program without pins, or none, goes to whoever round-robin picks (fewest calls).
    expect(await advisorOf(ct.id, "2027-03-04T11:00:00Z", { programSlug: "full-stack-development" })).toBe(free.id);
    expect(await advisorOf(ct.id, "2027-03-04T12:00:00Z")).toBe(free.id);
    // A program the catalogue does not know is no program: not stored, no pins.
    const unknown = narrow(await bookAt(ct.id, "2027-03-04T13:00:00Z", { programSlug: "no-such-program" }), "ok", true);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: unknown.bookingId } })).programSlug).toBeNull();

    const found = must(await findSlots(t.db, { callTypeSlug: ct.slug, programSlug: "data-analytics", now: NOW }));
    expect(found.slots.length).toBeGreaterThan(0);
    expect(new Set(found.slots.flatMap((s) => s.advisorIds))).toEqual(new Set([pinned.id]));
  });

  it("never picks an advisor who is inactive, does not take the call type, is off that day or banned", async () => {
    const ct = await makeCallType(t.db);
    const other = await makeCallType(t.db);
    const inactive = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct.id], active: false });
    const notThisType = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [other.id] });
    const dayOff = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct.id], datesOff: ["2027-03-04"] });
    const banned = await makeAdvisor(t.db, { idPrefix: "a", callTypeIds: [ct.id] });
    await t.db.user.update({ where: { id: banned.id }, data: { banned: true } });
    const busiest = await makeAdvisor(t.db, { idPrefix: "z", callTypeIds: [ct.id] });
    for (const h of ["10", "11", "12"]) await pastBooking(busiest.id, ct.id, at(`2027-03-02T${h}:00:00Z`));

    for (const h of ["10", "13", "15"]) expect(await advisorOf(ct.id, `2027-03-04T${h}:00:00Z`)).toBe(busiest.id);
    const found = must(await findSlots(t.db, { callTypeSlug: ct.slug, now: NOW }));
    const offered = new Set(found.slots.flatMap((s) => s.advisorIds));
    expect(offered.has(inactive.id) || offered.has(notThisType.id) || offered.has(banned.id)).toBe(false);
    // The advisor off on the 4th is offered on other days, never on the 4th.
    expect(offered.has(dayOff.id)).toBe(true);
    const onThe4th = found.slots.filter((s) => s.startsAt.toISOString().startsWith("2027-03-04"));
    expect(onThe4th.length).toBeGreaterThan(0);
    expect(onThe4th.some((s) => s.advisorIds.includes(dayOff.id))).toBe(false);
  });
});

describe("what is offered", () => {
  it("lists the active call types in order and the slots of the one asked for", async () => {
    const late = await makeCallType(t.db, { position: 900, durationMinutes: 30 });
    const retired = await makeCallType(t.db, { position: 901, active: false });
    const adv = await makeAdvisor(t.db, { callTypeIds: [late.id, retired.id], timeZone: "America/Chicago" });
    const found = must(await findSlots(t.db, { callTypeSlug: late.slug, now: NOW }));
    expect(found.callType).toMatchObject({ id: late.id, slug: late.slug, durationMinutes: 30 });
    const slugs = found.callTypes.map((c) => c.slug);
    expect(slugs).toContain(late.slug);
    expect(slugs).not.toContain(retired.slug);
    const positions = (await t.db.callType.findMany({ where: { slug: { in: slugs } } })).map((c) => [c.slug, c.position] as const);
    const bySlug = new Map(positions);
    expect(slugs.map((s) => bySlug.get(s)!)).toEqual([...slugs.map((s) => bySlug.get(s)!)].sort((x, y) => x - y));
    expect(found.advisorZones).toContain("America/Chicago");
    expect(found.slots.every((s) => s.advisorIds.includes(adv.id))).toBe(true);
    expect(await findSlots(t.db, { callTypeSlug: retired.slug, now: NOW })).toBeNull();
    expect(await findSlots(t.db, { callTypeSlug: "no-such-call", now: NOW })).toBeNull();
    // The same query the booking uses.
    const q = await loadSlotQuery(t.db, { callTypeId: late.id, now: NOW });
    expect(freeSlots(q).map((s) => s.startsAt.getTime())).toEqual(found.slots.map((s) => s.startsAt.getTime()));
  });

  it("refuses a time that is not offered with a reason and the next free times, and writes nothing", async () => {
    const ct = await makeCallType(t.db);
    await makeAdvisor(t.db, { callTypeIds: [ct.id], minNoticeMinutes: 120, horizonDays: 21 });
    const retired = await makeCallType(t.db, { active: false });
    const before = await t.db.booking.count();
    const cases: [string, Date, string?][] = [
      ["outside hours", at("2027-03-02T20:00:00Z")],
      ["too soon (minimum notice)", at("2027-03-01T07:00:00Z")],
      ["in the past", at("2027-02-27T10:00:00Z")],
      ["past the horizon", at("2027-03-23T10:00:00Z")],
      ["off the 15-minute grid", at("2027-03-02T10:05:00Z")],
      ["not a time", new Date(Number.NaN)],
      ["a retired call type", at("2027-03-02T10:00:00Z"), retired.id],
      ["an unknown call type", at("2027-03-02T10:00:00Z"), "no-such-id"],
    ];
    for (const [what, startsAt, callTypeId] of cases) {
      const out = await book(t.db, bookRequest(visitor, callTypeId ?? ct.id, startsAt, NOW));
      expect(out, what).toMatchObject({ ok: false, reason: "not-offered" });
    }
    const out = narrow(await bookAt(ct.id, "2027-03-02T20:00:00Z"), "ok", false);
    expect(out.message).toMatch(/not available/);
    // The next free starts after the asked time: 09:00 the next morning, every 15 minutes.
    expect(out.nextSlots.map((s) => s.startsAt.toISOString())).toEqual([
      "2027-03-03T09:00:00.000Z",
      "2027-03-03T09:15:00.000Z",
      "2027-03-03T09:30:00.000Z",
      "2027-03-03T09:45:00.000Z",
      "2027-03-03T10:00:00.000Z",
    ]);
    expect(await t.db.booking.count()).toBe(before);
  });
});

describe("no overlapping calls", () => {
  it("refuses calls of other lengths that would meet a booked call or its buffer", async () => {
    const short = await makeCallType(t.db, { durationMinutes: 20 });
    const long = await makeCallType(t.db, { durationMinutes: 45 });
    const adv = await makeAdvisor(t.db, { callTypeIds: [short.id, long.id], bufferMinutes: 10 });
    // 10:00–10:20 plus 10 minutes of buffer: the advisor is busy until 10:30.
    narrow(await bookAt(short.id, "2027-03-02T10:00:00Z"), "ok", true);
    // A 45-minute call at 09:15 would run, with its own buffer, until 10:10; at 10:15 it starts inside.
    expect(await bookAt(long.id, "2027-03-02T09:15:00Z")).toMatchObject({ ok: false, reason: "taken" });
    expect(await bookAt(long.id, "2027-03-02T10:15:00Z")).toMatchObject({ ok: false, reason: "taken" });
    // 09:00–09:45 + 10 ends at 09:55, and 10:30 starts when the buffer ends: both fit.
    expect(await advisorOf(long.id, "2027-03-02T09:00:00Z")).toBe(adv.id);
    expect(await advisorOf(long.id, "2027-03-02T10:30:00Z")).toBe(adv.id);
    const rows = await t.db.booking.findMany({ where: { advisorId: adv.id, status: "booked" }, orderBy: { startsAt: "asc" } });
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].startsAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1].endsAt.getTime() + rows[i - 1].bufferMinutes * MINUTE);
    }
  });

  it("the database refuses overlapping claims whatever the application checked", async () => {
    const long = await makeCallType(t.db, { durationMinutes: 45 });
    const adv = await makeAdvisor(t.db, { callTypeIds: [long.id], bufferMinutes: 15 });
    const first = await pastBooking(adv.id, long.id, at("2027-03-02T10:00:00Z"), { minutes: 20 });
    const claims = await t.db.bookingClaim.findMany({ where: { bookingId: first }, orderBy: { block: "asc" } });
    // 10:00–10:20 plus this booking's 10-minute buffer: six 5-minute blocks.
    expect(claims.map((c) => c.block)).toEqual(claimedBlocks(at("2027-03-02T10:00:00Z"), at("2027-03-02T10:20:00Z"), 10));

    // A second booking whose span touches the first's last block claims short, and keeps nothing.
    const second = newId();
    const span = { advisorId: adv.id, startsAt: at("2027-03-02T09:30:00Z"), endsAt: at("2027-03-02T10:15:00Z"), bufferMinutes: 15 };
    const kept = await t.db.$transaction(async (tx) => {
      await tx.booking.create({
        data: {
          id: second,
          uid: `booking-${second}@loomstack.example`,
          leadId: visitor.leadId,
          contactId: visitor.contactId,
          advisorId: adv.id,
          callTypeId: long.id,
          startsAt: span.startsAt,
          endsAt: span.endsAt,
          bufferMinutes: 15,
          visitorTimeZone: "UTC",
          manageTokenHash: `hash-${second}`,
        },
      });
      return claimSpan(tx, second, span);
    });
    expect(kept).toBe(false);

    // A plain insert of a block already claimed is a unique violation.
    await expect(t.db.bookingClaim.create({ data: { advisorId: adv.id, block: claims[0].block, bookingId: second } })).rejects.toMatchObject({ code: "P2002" });
    // Another advisor's same block is free.
    const other = await makeAdvisor(t.db, { callTypeIds: [long.id] });
    await expect(t.db.bookingClaim.create({ data: { advisorId: other.id, block: claims[0].block, bookingId: second } })).resolves.toBeTruthy();
  });
});

describe("changing working hours", () => {
  it("keeps booked calls, and their time stays blocked, whatever the hours become", async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id], weeklyHours: everyDay("09:00", "17:00") });
    const booked = narrow(await bookAt(ct.id, "2027-03-02T10:00:00Z"), "ok", true);
    const claimsBefore = await t.db.bookingClaim.count({ where: { bookingId: booked.bookingId } });

    const startsOn2nd = async () =>
      must(await findSlots(t.db, { callTypeSlug: ct.slug, now: NOW }))
        .slots.filter((s) => s.startsAt.toISOString().startsWith("2027-03-02T1"))
        .map((s) => s.startsAt.toISOString().slice(11, 16));

    // Tuesday's hours move to 10:00–12:00: the call stays, 10:00 and 10:15 are still taken.
    const tuesday = (start: string, end: string) => [...everyDay("09:00", "17:00").filter((h) => h.day !== 2), { day: 2, start, end }];
    await t.db.advisor.update({ where: { userId: adv.id }, data: { weeklyHours: JSON.stringify(tuesday("10:00", "12:00")) } });
    expect(await startsOn2nd()).toEqual(["10:30", "10:45", "11:00", "11:15", "11:30"]);
    expect(await bookAt(ct.id, "2027-03-02T10:15:00Z")).toMatchObject({ ok: false, reason: "taken" });

    // No hours on Tuesday at all: nothing is offered, the call is still there with its claims.
    await t.db.advisor.update({ where: { userId: adv.id }, data: { weeklyHours: JSON.stringify(everyDay("09:00", "17:00").filter((h) => h.day !== 2)) } });
    expect(await startsOn2nd()).toEqual([]);
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    expect([row.status, row.startsAt.toISOString(), row.advisorId]).toEqual(["booked", "2027-03-02T10:00:00.000Z", adv.id]);
    expect(await t.db.bookingClaim.count({ where: { bookingId: booked.bookingId } })).toBe(claimsBefore);
    expect((await agenda(t.db, { from: at("2027-03-02T00:00:00Z"), to: at("2027-03-03T00:00:00Z"), advisorId: adv.id })).map((i) => i.id)).toEqual([
      booked.bookingId,
    ]);

    // Back to the old hours: the booked time is still not offered.
    await t.db.advisor.update({ where: { userId: adv.id }, data: { weeklyHours: JSON.stringify(everyDay("09:00", "17:00")) } });
    const again = await startsOn2nd();
    expect(again).not.toContain("10:00");
    expect(again).not.toContain("10:15");
    expect(again).toContain("10:30");
  });
});

describe("the agenda and outcomes", () => {
  it("lists the calls in a range with the lead's details and what they sent", async () => {
    const ct = await makeCallType(t.db, { name: "Admissions call" });
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id], name: "Ada Advisor", timeZone: "America/Chicago", weeklyHours: everyDay("00:00", "23:55") });
    const caller = await makeVisitor(t.db, {
      name: "Cy Caller",
      formType: "callback",
      fields: { name: "Cy Caller", phone: "+14155550132", course: "data-analytics", platform: "windows", bestTime: "evening", timeZone: "America/New_York" },
    });
    const first = narrow(
      await book(t.db, bookRequest(caller, ct.id, at("2027-03-03T15:00:00Z"), NOW, { programSlug: "machine-learning-engineering" })),
      "ok",
      true,
    );
    const second = narrow(await book(t.db, bookRequest(caller, ct.id, at("2027-03-03T14:00:00Z"), NOW)), "ok", true);
    await book(t.db, bookRequest(caller, ct.id, at("2027-03-05T14:00:00Z"), NOW));

    const items = await agenda(t.db, { from: at("2027-03-03T00:00:00Z"), to: at("2027-03-04T00:00:00Z"), advisorId: adv.id });
    expect(items.map((i) => i.id)).toEqual([second.bookingId, first.bookingId]);
    const item = items[1];
    expect(item).toMatchObject({
      status: "booked",
      programSlug: "machine-learning-engineering",
      programName: "Machine Learning Engineering",
      visitorTimeZone: "America/Los_Angeles",
      callType: { name: "Admissions call", durationMinutes: 20 },
      advisor: { id: adv.id, name: "Ada Advisor", timeZone: "America/Chicago" },
      lead: { id: caller.leadId, name: "Cy Caller", email: caller.email, phone: "+14155550132", formType: "callback" },
    });
    // The callback form's own summary, with the program's name from the catalogue.
    expect(item.summary).toContainEqual({ label: "Course", value: "Data Analytics" });
    expect(item.summary).toContainEqual({ label: "Phone", value: "+14155550132" });
    expect(await agenda(t.db, { from: at("2027-03-03T00:00:00Z"), to: at("2027-03-04T00:00:00Z"), advisorId: "nobody" })).toEqual([]);
  });

  it("marks a call done or no-show from its start, on the timeline, and refuses otherwise", async () => {
    const ct = await makeCallType(t.db);
    await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const staff = await makeAdvisor(t.db, { callTypeIds: [] });
    const booked = narrow(await bookAt(ct.id, "2027-03-02T10:00:00Z"), "ok", true);
    const mark = (outcome: "done" | "no_show", now: Date) =>
      t.db.$transaction((tx) => setBookingOutcome(tx, { bookingId: booked.bookingId, outcome, actorId: staff.id, now }));

    expect(await mark("done", at("2027-03-02T09:59:00Z"))).toMatchObject({ ok: false, reason: "not-started" });
    expect(await mark("no_show", at("2027-03-02T10:00:00Z"))).toEqual({ ok: true });
    expect(await mark("done", at("2027-03-02T10:30:00Z"))).toEqual({ ok: true });
    expect(await t.db.$transaction((tx) => setBookingOutcome(tx, { bookingId: "nope", outcome: "done", actorId: staff.id, now: NOW }))).toMatchObject({
      ok: false,
      reason: "unknown",
    });
    expect(
      await t.db.$transaction((tx) => setBookingOutcome(tx, { bookingId: booked.bookingId, outcome: "maybe" as "done", actorId: staff.id, now: NOW })),
    ).toMatchObject({ ok: false, reason: "invalid" });
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } });
    expect([row.status, row.outcomeById, row.outcomeAt?.toISOString()]).toEqual(["done", staff.id, "2027-03-02T10:30:00.000Z"]);
    // Its time was used: the claims stay.
    expect(await t.db.bookingClaim.count({ where: { bookingId: booked.bookingId } })).toBe(6);
    const timeline = await t.db.leadActivity.findMany({ where: { leadId: visitor.leadId, type: "booking", actorId: staff.id }, orderBy: { createdAt: "asc" } });
    expect(timeline.map((a) => a.detail)).toEqual(["Call marked no-show.", "Call marked done."]);
  });

  it("finds a booking by its manage token, and nothing by any other string", async () => {
    const ct = await makeCallType(t.db);
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id] });
    const booked = narrow(await bookAt(ct.id, "2027-03-02T13:00:00Z"), "ok", true);
    const view = must(await bookingByManageToken(t.db, booked.manageToken));
    expect(view).toMatchObject({ id: booked.bookingId, sequence: 0, status: "booked", advisor: { id: adv.id }, lead: { id: visitor.leadId } });
    expect(view.uid).toBe(`booking-${booked.bookingId}@loomstack.example`);
    for (const bad of [
      "",
      "x",
      booked.manageToken.slice(0, -1) + (booked.manageToken.endsWith("A") ? "B" : "A"),
      "'; DROP TABLE Booking; --",
      "a".repeat(5000),
    ]) {
      expect(await bookingByManageToken(t.db, bad)).toBeNull();
    }
    // The stored hash is not the token.
    expect(await bookingByManageToken(t.db, (await t.db.booking.findUniqueOrThrow({ where: { id: booked.bookingId } })).manageTokenHash)).toBeNull();
  });

  it("writes the booking's timeline line and its four emails in the same transaction", async () => {
    const ct = await makeCallType(t.db, { name: "Quote call" });
    const adv = await makeAdvisor(t.db, { callTypeIds: [ct.id], name: "Bo Advisor" });
    const v = await makeVisitor(t.db, { name: "Vi Visitor" });
    const summary = [{ label: "Course", value: "Data Analytics" }];
    const booked = narrow(await book(t.db, bookRequest(v, ct.id, at("2027-03-04T10:00:00Z"), NOW, { summary })), "ok", true);
    const mails = await t.db.emailMessage.findMany({ where: { leadId: v.leadId }, orderBy: { idempotencyKey: "asc" } });
    expect(mails.map((m) => [m.idempotencyKey, m.toAddress])).toEqual([
      [`booking:${booked.bookingId}:0:confirmed:advisor`, adv.email],
      [`booking:${booked.bookingId}:0:confirmed:visitor`, v.email],
      [`booking:${booked.bookingId}:0:reminder-1h:visitor`, v.email],
      [`booking:${booked.bookingId}:0:reminder-24h:visitor`, v.email],
    ]);
    const data = Object.fromEntries(mails.map((m) => [m.idempotencyKey.split(":").slice(3).join(":"), JSON.parse(m.data)]));
    expect(data["confirmed:visitor"]).toMatchObject({
      kind: "confirmed",
      audience: "visitor",
      uid: `booking-${booked.bookingId}@loomstack.example`,
      sequence: 0,
      timeZone: "America/Los_Angeles",
      manageUrl: `https://loomstack.example/book/manage/${booked.manageToken}`,
      startsAt: "2027-03-04T10:00:00.000Z",
      endsAt: "2027-03-04T10:20:00.000Z",
      // The invite's DTSTAMP: when the booking was made, not the call's start.
      changedAt: NOW.toISOString(),
    });
    expect(data["confirmed:visitor"].leadUrl).toBeUndefined();
    expect(data["confirmed:advisor"]).toMatchObject({
      audience: "advisor",
      timeZone: "UTC",
      leadUrl: `https://loomstack.example/console/leads/${v.leadId}`,
      summary,
      advisor: { name: "Bo Advisor", email: adv.email },
      visitor: { name: "Vi Visitor", email: v.email },
    });
    expect(data["confirmed:advisor"].manageUrl).toBeUndefined();
    const timeline = await t.db.leadActivity.findMany({ where: { leadId: v.leadId, type: "booking" } });
    expect(timeline.map((a) => [a.detail, a.actorId])).toEqual([["Call booked: Quote call, Thu, 4 Mar 2027, 10:00–10:20 UTC, with Bo Advisor.", null]]);

    // The whole booking rolls back with the caller's transaction.
    const before = await t.db.booking.count();
    const rolledBack = await t.db
      .$transaction(async (tx) => {
        narrow(await bookSlot(tx, bookRequest(v, ct.id, at("2027-03-04T11:00:00Z"), NOW)), "ok", true);
        throw new Error("the caller's next step failed");
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe("the caller's next step failed");
    expect(await t.db.booking.count()).toBe(before);
    expect(await t.db.bookingClaim.count({ where: { advisorId: adv.id } })).toBe(6);
  });
});
