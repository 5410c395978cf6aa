import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must, narrow } from "../helpers/narrow";
import { createTestDb } from "../helpers/test-db";
import { bookSlot } from "@/lib/booking/book";
import {
  agendaDays,
  agendaTitle,
  agendaWindow,
  agendaZone,
  callActions,
  cancelCall,
  markCallOutcome,
  parseAgendaFilter,
  rescheduleCall,
  rescheduleChoices,
} from "@/lib/console/calls";

/**
 * Issue 18's agenda (/console/calls): the window in the staff member's zone, the filter, what
 * each call allows, and the changes staff make through the booking store, each on the lead's
 * timeline. On a real database (SQLite, and PostgreSQL with TEST_DATABASE=postgres); the
 * clock is injected.
 */

const t = createTestDb();
afterAll(() => t.cleanup());

const iso = (d: Date) => d.toISOString();
const MINUTE = 60_000;
const SITE = "http://console.test";

describe("the agenda's window", () => {
  it("is today on the zone's calendar, 23 hours long on the day New York springs forward", () => {
    const w = agendaWindow(new Date("2026-03-08T12:00:00Z"), "America/New_York", "today");
    expect(w.days).toEqual(["2026-03-08"]);
    expect([iso(w.from), iso(w.to)]).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
  });

  it("is Monday to Sunday of the zone's week: already Thursday in Auckland (UTC+13) when it is Wednesday in UTC", () => {
    const now = new Date("2026-12-09T23:30:00Z");
    const w = agendaWindow(now, "Pacific/Auckland", "week");
    expect(w.days).toEqual(["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13"]);
    expect([iso(w.from), iso(w.to)]).toEqual(["2026-12-06T11:00:00.000Z", "2026-12-13T11:00:00.000Z"]);
    // Honolulu (UTC−10) is still on Wednesday the 9th: the same week, from its own midnight.
    const h = agendaWindow(now, "Pacific/Honolulu", "today");
    expect(h.days).toEqual(["2026-12-09"]);
    expect(iso(h.from)).toBe("2026-12-09T10:00:00.000Z");
  });

  it("takes a Sunday to the week that began on the Monday before", () => {
    expect(agendaWindow(new Date("2026-12-13T15:00:00Z"), "UTC", "week").days[0]).toBe("2026-12-07");
    expect(agendaWindow(new Date("2026-12-14T00:00:00Z"), "UTC", "week").days[0]).toBe("2026-12-14");
  });

  it("shows another week or day from a link's date, with the ones before and after, and says which", () => {
    const now = new Date("2026-12-09T15:00:00Z"); // Wednesday 9 December
    const here = agendaWindow(now, "America/New_York", "week");
    expect([here.current, here.previous, here.next, agendaTitle(here)]).toEqual([true, "2026-11-30", "2026-12-14", "This week"]);
    // A Thursday names its week; clocks fall back inside the week of 1 November.
    const later = agendaWindow(now, "America/New_York", "week", "2026-12-17");
    expect(later.days[0]).toBe("2026-12-14");
    expect([later.current, later.previous, later.next, agendaTitle(later)]).toEqual([false, "2026-12-07", "2026-12-21", "Week of Monday 14 December"]);
    const fallBack = agendaWindow(now, "America/New_York", "week", "2026-11-01");
    expect([iso(fallBack.from), iso(fallBack.to)]).toEqual(["2026-10-26T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
    const day = agendaWindow(now, "America/New_York", "today", "2026-12-10");
    expect([day.days, day.current, day.previous, day.next, agendaTitle(day)]).toEqual([
      ["2026-12-10"],
      false,
      "2026-12-09",
      "2026-12-11",
      "Thursday 10 December",
    ]);
    expect(agendaTitle(agendaWindow(now, "America/New_York", "today", "2026-12-09"))).toBe("Today");
    // A date that is not one is today's window.
    for (const bad of ["2026-02-30", "next-week", "2026-12-9", ""]) expect(agendaWindow(now, "America/New_York", "week", bad).days).toEqual(here.days);
  });

  it("is in the advisor's zone, or UTC said in words for staff without one", () => {
    const at = new Date("2026-12-07T12:00:00Z");
    expect(agendaZone("America/Chicago", at)).toMatchObject({ timeZone: "America/Chicago", own: true });
    expect(agendaZone("America/Chicago", at).label).toContain("Chicago");
    expect(agendaZone(null, at)).toMatchObject({ timeZone: "UTC", own: false });
    expect(agendaZone(null, at).label).toMatch(/^UTC \(you have no time zone/);
  });

  it("shows the viewer's calls by default when they are an advisor, everyone's otherwise", () => {
    expect(parseAgendaFilter(undefined, true)).toEqual({ kind: "mine" });
    expect(parseAgendaFilter(undefined, false)).toEqual({ kind: "all" });
    expect(parseAgendaFilter("all", true)).toEqual({ kind: "all" });
    expect(parseAgendaFilter("user_1", true)).toEqual({ kind: "advisor", advisorId: "user_1" });
    expect(parseAgendaFilter("'; drop", true)).toEqual({ kind: "mine" });
  });
});

describe("what a call allows", () => {
  const startsAt = new Date("2026-12-10T15:00:00Z");
  const endsAt = new Date("2026-12-10T15:20:00Z");
  const at = (min: number) => new Date(startsAt.getTime() + min * MINUTE);
  it.each([
    ["booked", -1, { outcome: false, change: true }],
    ["booked", 0, { outcome: true, change: true }],
    ["booked", 19, { outcome: true, change: true }],
    ["booked", 20, { outcome: true, change: false }],
    ["done", 30, { outcome: true, change: false }],
    ["no_show", 30, { outcome: true, change: false }],
    ["cancelled", -60, { outcome: false, change: false }],
    ["cancelled", 30, { outcome: false, change: false }],
  ] as const)("a %s call, %i minutes from its start", (status, minutes, expected) => {
    expect(callActions({ status, startsAt, endsAt }, at(minutes))).toEqual(expected);
  });
});

// --- Through the booking store ---------------------------------------------------------------

/** Monday 7 December 2026, 12:00 UTC: the clock of the tests below. */
const now = new Date("2026-12-07T12:00:00Z");
let callTypeId = "";

async function advisor(name: string, timeZone: string, hours: { day: number; start: string; end: string }[]) {
  const id = randomUUID();
  await t.db.user.create({ data: { id, name, email: `${id}@staff.example`, role: "staff" } });
  await t.db.advisor.create({
    data: {
      userId: id,
      timeZone,
      weeklyHours: JSON.stringify(hours),
      bufferMinutes: 10,
      minNoticeMinutes: 120,
      horizonDays: 21,
      callTypes: { create: { callTypeId } },
    },
  });
  return id;
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "08:00", end: "20:00" }));

async function lead(name: string) {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const contact = await t.db.contact.create({ data: { email, name, referralCode: randomUUID().slice(0, 10) } });
  const l = await t.db.lead.create({
    data: { contactId: contact.id, formType: "callback", name, email, fields: JSON.stringify({ name, email, course: "data-analytics" }) },
  });
  return { leadId: l.id, contactId: contact.id, email };
}

async function book(startsAt: Date, who = "Lee Lead", at = now) {
  const l = await lead(who);
  const out = await t.db.$transaction((tx) =>
    bookSlot(tx, {
      callTypeId,
      startsAt,
      leadId: l.leadId,
      contactId: l.contactId,
      visitorTimeZone: "Europe/Paris",
      visitor: { name: who, email: l.email, phone: null },
      siteUrl: SITE,
      now: at,
    }),
  );
  return { ...narrow(out, "ok", true), leadId: l.leadId };
}

const timeline = (leadId: string) =>
  t.db.leadActivity.findMany({ where: { leadId, type: "booking" }, orderBy: { createdAt: "asc" } }).then((rows) => rows.map((r) => [r.detail, r.actorId]));

let ada = "";
let bo = "";
let staffId = "";

beforeAll(async () => {
  callTypeId = (await t.db.callType.create({ data: { slug: "agenda-call", name: "Agenda call", durationMinutes: 20 } })).id;
  ada = await advisor("Ada Advisor", "America/New_York", ALL_WEEK);
  bo = await advisor("Bo Advisor", "Europe/Berlin", ALL_WEEK);
  staffId = randomUUID();
  await t.db.user.create({ data: { id: staffId, name: "Sam Staff", email: `${staffId}@staff.example`, role: "staff" } });
});

describe("the agenda's calls", () => {
  it("lists the window's calls by day in the viewer's zone, mine, one advisor's or everyone's, cancelled ones only when asked", async () => {
    // Tuesday 8 December, 16:00 and 17:00 UTC: one each (round-robin), then a Wednesday call.
    const a = await book(new Date("2026-12-08T16:00:00Z"), "Ann");
    const b = await book(new Date("2026-12-08T16:00:00Z"), "Ben");
    const c = await book(new Date("2026-12-09T15:00:00Z"), "Cy");
    expect(new Set([a.advisorId, b.advisorId])).toEqual(new Set([ada, bo]));
    const gone = await book(new Date("2026-12-09T18:00:00Z"), "Di");
    narrow(await cancelCall(t.db, { bookingId: gone.bookingId, actorId: staffId, now, siteUrl: SITE }), "ok", true);

    const window = agendaWindow(now, "America/New_York", "week");
    const all = await agendaDays(t.db, { window, timeZone: "America/New_York", filter: { kind: "all" }, viewerId: staffId });
    expect(all.map((d) => d.date)).toEqual(window.days);
    const names = (days: typeof all) => days.map((d) => [d.date, d.items.map((i) => i.lead.name).sort()]).filter(([, n]) => n.length);
    expect(names(all)).toEqual([
      ["2026-12-08", ["Ann", "Ben"]],
      ["2026-12-09", ["Cy"]],
    ]);
    const mine = await agendaDays(t.db, { window, timeZone: "America/New_York", filter: { kind: "mine" }, viewerId: a.advisorId });
    expect(mine.flatMap((d) => d.items.map((i) => i.id))).toEqual([a.bookingId, ...(c.advisorId === a.advisorId ? [c.bookingId] : [])]);
    const bos = await agendaDays(t.db, { window, timeZone: "America/New_York", filter: { kind: "advisor", advisorId: bo }, viewerId: staffId });
    expect(bos.flatMap((d) => d.items).every((i) => i.advisor.id === bo)).toBe(true);
    // Asked for, the cancelled call is listed too, on its day, marked so.
    const withCancelled = await agendaDays(t.db, { window, timeZone: "America/New_York", filter: { kind: "all" }, viewerId: staffId, includeCancelled: true });
    expect(names(withCancelled)).toEqual([
      ["2026-12-08", ["Ann", "Ben"]],
      ["2026-12-09", ["Cy", "Di"]],
    ]);
    expect(withCancelled[2].items.find((i) => i.id === gone.bookingId)?.status).toBe("cancelled");
    // What the lead sent, readable.
    const item = must(all[1].items.find((i) => i.id === a.bookingId));
    expect(item.summary).toContainEqual({ label: "Course", value: "data-analytics" });
  });

  it("puts a call on the day the viewer's clock says: 03:30 UTC is the previous evening in New York", async () => {
    const late = await book(new Date("2026-12-11T00:30:00Z"), "Late Lou"); // 19:30 Thursday in New York, 01:30 Friday in Berlin
    const window = agendaWindow(now, "America/New_York", "week");
    const ny = await agendaDays(t.db, { window, timeZone: "America/New_York", filter: { kind: "all" }, viewerId: staffId });
    expect(ny.find((d) => d.items.some((i) => i.id === late.bookingId))?.date).toBe("2026-12-10");
    const berlin = await agendaDays(t.db, {
      window: agendaWindow(now, "Europe/Berlin", "week"),
      timeZone: "Europe/Berlin",
      filter: { kind: "all" },
      viewerId: staffId,
    });
    expect(berlin.find((d) => d.items.some((i) => i.id === late.bookingId))?.date).toBe("2026-12-11");
  });
});

describe("marking, cancelling and moving a call", () => {
  it("marks done from the start only, turns it into no-show, and writes each on the lead's timeline", async () => {
    const call = await book(new Date("2026-12-08T14:00:00Z"), "Mo");
    const early = narrow(await markCallOutcome(t.db, { bookingId: call.bookingId, outcome: "done", actorId: staffId, now }), "ok", false);
    expect(early.reason).toBe("not-started");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: call.bookingId } })).status).toBe("booked");
    const during = new Date("2026-12-08T14:05:00Z");
    narrow(await markCallOutcome(t.db, { bookingId: call.bookingId, outcome: "done", actorId: staffId, now: during }), "ok", true);
    narrow(await markCallOutcome(t.db, { bookingId: call.bookingId, outcome: "no_show", actorId: staffId, now: during }), "ok", true);
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: call.bookingId } });
    expect([row.status, row.outcomeById]).toEqual(["no_show", staffId]);
    const lines = await timeline(call.leadId);
    expect(lines.slice(-2)).toEqual([
      [expect.stringMatching(/done/), staffId],
      [expect.stringMatching(/no-show/), staffId],
    ]);
    // Its time stays taken: done and no-show keep their claims.
    expect(await t.db.bookingClaim.count({ where: { bookingId: call.bookingId } })).toBeGreaterThan(0);
  });

  it("cancels a booked call: its time is free again and the lead's timeline says who", async () => {
    const call = await book(new Date("2026-12-08T19:00:00Z"), "Cal");
    narrow(await cancelCall(t.db, { bookingId: call.bookingId, actorId: staffId, now, siteUrl: SITE }), "ok", true);
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: call.bookingId } });
    expect([row.status, row.cancelledBy]).toEqual(["cancelled", "staff"]);
    expect(await t.db.bookingClaim.count({ where: { bookingId: call.bookingId } })).toBe(0);
    expect((await timeline(call.leadId)).at(-1)).toEqual([expect.stringMatching(/cancelled/i), staffId]);
    // Over calls and cancelled ones cannot be cancelled or moved.
    const choices = must(await rescheduleChoices(t.db, { bookingId: call.bookingId, now, timeZone: "UTC" }));
    expect(choices.days).toEqual([]);
  });

  it("lists where a call can move (its own time included), by day in the viewer's zone, and moves it", async () => {
    const call = await book(new Date("2026-12-09T13:00:00Z"), "Rae");
    const choices = must(await rescheduleChoices(t.db, { bookingId: call.bookingId, now, timeZone: "Europe/Berlin" }));
    expect(choices.call.id).toBe(call.bookingId);
    expect(choices.days.length).toBeGreaterThan(5);
    expect(choices.days[0].date).toBe("2026-12-07");
    // The call's own start is free for it (it does not block itself).
    const sameDay = must(await rescheduleChoices(t.db, { bookingId: call.bookingId, now, timeZone: "Europe/Berlin", day: "2026-12-09" }));
    expect(sameDay.day).toBe("2026-12-09");
    expect(sameDay.slots.some((s) => iso(s.startsAt) === "2026-12-09T13:00:00.000Z" && s.advisorIds.includes(call.advisorId))).toBe(true);
    // A day with nothing free (or not a date) shows the first day with times.
    expect(must(await rescheduleChoices(t.db, { bookingId: call.bookingId, now, timeZone: "Europe/Berlin", day: "2030-01-01" })).day).toBe("2026-12-07");
    expect(must(await rescheduleChoices(t.db, { bookingId: call.bookingId, now, timeZone: "Europe/Berlin", day: "<script>" })).day).toBe("2026-12-07");

    const target = new Date("2026-12-10T14:00:00Z");
    const moved = narrow(await rescheduleCall(t.db, { bookingId: call.bookingId, startsAt: target, actorId: staffId, now, siteUrl: SITE }), "ok", true);
    expect(iso(moved.startsAt)).toBe(iso(target));
    const row = await t.db.booking.findUniqueOrThrow({ where: { id: call.bookingId } });
    expect([iso(row.startsAt), iso(row.endsAt), row.rescheduleCount]).toEqual([iso(target), "2026-12-10T14:20:00.000Z", 1]);
    expect((await timeline(call.leadId)).at(-1)).toEqual([expect.stringMatching(/moved/i), staffId]);
  });

  it("refuses a time nobody is free at, and says why", async () => {
    const call = await book(new Date("2026-12-09T16:00:00Z"), "Tam");
    // 03:00 UTC: outside both advisors' hours.
    const out = narrow(
      await rescheduleCall(t.db, { bookingId: call.bookingId, startsAt: new Date("2026-12-10T03:00:00Z"), actorId: staffId, now, siteUrl: SITE }),
      "ok",
      false,
    );
    expect(out.reason).toBe("not-offered");
    expect(iso((await t.db.booking.findUniqueOrThrow({ where: { id: call.bookingId } })).startsAt)).toBe("2026-12-09T16:00:00.000Z");
  });

  it("has no choices for a call that does not exist", async () => {
    expect(await rescheduleChoices(t.db, { bookingId: "no-such-call", now, timeZone: "UTC" })).toBeNull();
  });
});
