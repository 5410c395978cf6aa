/**
 * Free slots in the advisor's zone and grouped in the visitor's. Every expected instant is
 * written out by hand (UTC), from the zones' offsets on those dates.
 */
import { describe, expect, it } from "vitest";
import { freeSlots, slotsByDay, type AdvisorRules, type Busy, type FreeSlot, type SlotQuery } from "@/lib/booking/slots";
import type { WeeklyHours } from "@/lib/booking/hours";

const MON = 1;
const FRI = 5;
const SAT = 6;
const SUN = 7;
const EVERY_DAY: WeeklyHours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "09:00", end: "17:00" }));

function advisor(over: Partial<AdvisorRules> = {}): AdvisorRules {
  return { id: "ana", timeZone: "UTC", weeklyHours: [], datesOff: [], bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60, ...over };
}

function query(over: Partial<SlotQuery>): SlotQuery {
  return { now: new Date("2026-01-01T00:00:00Z"), durationMinutes: 30, advisors: [advisor()], busy: [], ...over };
}

function busy(startsAt: string, endsAt: string, bufferMinutes = 0, advisorId = "ana"): Busy {
  return { advisorId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), bufferMinutes };
}

const starts = (slots: FreeSlot[]) => slots.map((s) => s.startsAt.toISOString().replace(":00.000Z", "Z"));

/** Test helper, not the code under test: "HH:MM" starts every 15 minutes on one UTC date, inclusive. */
function quarterHours(date: string, first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${date}T${first}:00Z`); t <= Date.parse(`${date}T${last}:00Z`); t += 15 * 60_000) {
    out.push(new Date(t).toISOString().replace(":00.000Z", "Z"));
  }
  return out;
}

describe("free slots: daylight saving in the advisor's zone", () => {
  const chicago = (weeklyHours: WeeklyHours) => advisor({ timeZone: "America/Chicago", weeklyHours });

  it("keeps 09:00–17:00 local across spring-forward (8 March 2026)", () => {
    const slots = freeSlots(
      query({
        now: new Date("2026-03-06T00:00:00Z"),
        durationMinutes: 60,
        advisors: [chicago([SAT, SUN, MON].map((day) => ({ day, start: "09:00", end: "17:00" })))],
        to: new Date("2026-03-10T00:00:00Z"),
      }),
    );
    expect(starts(slots)).toEqual([
      ...quarterHours("2026-03-07", "15:00", "22:00"), // Saturday, CST (UTC−6)
      ...quarterHours("2026-03-08", "14:00", "21:00"), // Sunday, CDT (UTC−5)
      ...quarterHours("2026-03-09", "14:00", "21:00"), // Monday, CDT
    ]);
    expect(slots[0].endsAt.toISOString()).toBe("2026-03-07T16:00:00.000Z");
  });

  it("keeps 09:00–17:00 local across fall-back (1 November 2026)", () => {
    const slots = freeSlots(
      query({
        now: new Date("2026-10-30T00:00:00Z"),
        durationMinutes: 60,
        advisors: [chicago([SAT, SUN].map((day) => ({ day, start: "09:00", end: "17:00" })))],
        to: new Date("2026-11-03T00:00:00Z"),
      }),
    );
    expect(starts(slots)).toEqual([
      ...quarterHours("2026-10-31", "14:00", "21:00"), // Saturday, CDT (UTC−5)
      ...quarterHours("2026-11-01", "15:00", "22:00"), // Sunday, CST (UTC−6)
    ]);
  });

  it("runs an interval over the skipped hour from the moment the clock reads its times", () => {
    const q = (weeklyHours: WeeklyHours) =>
      starts(freeSlots(query({ now: new Date("2026-03-06T00:00:00Z"), advisors: [chicago(weeklyHours)], to: new Date("2026-03-09T00:00:00Z") })));
    // 01:00 CST = 07:00Z; the clock reads 04:00 (CDT) at 09:00Z: two real hours.
    expect(q([{ day: SUN, start: "01:00", end: "04:00" }])).toEqual([
      "2026-03-08T07:00Z",
      "2026-03-08T07:15Z",
      "2026-03-08T07:30Z",
      "2026-03-08T07:45Z",
      "2026-03-08T08:00Z",
      "2026-03-08T08:15Z",
      "2026-03-08T08:30Z",
    ]);
    // 02:00–03:00 does not happen that day.
    expect(q([{ day: SUN, start: "02:00", end: "03:00" }])).toEqual([]);
    // 02:30 is skipped: work starts when the clock jumps to 03:00 CDT (08:00Z), until 03:30 CDT.
    expect(q([{ day: SUN, start: "02:30", end: "03:30" }])).toEqual(["2026-03-08T08:00Z"]);
    // Overnight into the change: 22:00 CST Saturday (04:00Z) to 02:00, which the clock reaches only as 03:00 CDT (08:00Z).
    expect(q([{ day: SAT, start: "22:00", end: "02:00" }])).toEqual(quarterHours("2026-03-08", "04:00", "07:30"));
  });

  it("runs an interval over the repeated hour until the clock first reads its end", () => {
    const q = (weeklyHours: WeeklyHours) =>
      starts(
        freeSlots(
          query({ now: new Date("2026-10-30T00:00:00Z"), durationMinutes: 60, advisors: [chicago(weeklyHours)], to: new Date("2026-11-02T00:00:00Z") }),
        ),
      );
    // 00:00 CDT (05:00Z) to 03:00 CST (09:00Z): four real hours.
    expect(q([{ day: SUN, start: "00:00", end: "03:00" }])).toEqual(quarterHours("2026-11-01", "05:00", "08:00"));
    // 01:00 CDT (06:00Z); at 07:00Z the clock goes back to 01:00 and reads 02:00 only at 08:00Z.
    expect(q([{ day: SUN, start: "01:00", end: "02:00" }])).toEqual(quarterHours("2026-11-01", "06:00", "07:00"));
  });
});

describe("free slots: the visitor's zone", () => {
  it("groups by the visitor's dates across London's change (29 March 2026)", () => {
    // Tokyo (UTC+9, no daylight saving) works 08:00–10:00: 23:00Z–01:00Z every day.
    const slots = freeSlots(
      query({
        now: new Date("2026-03-20T00:00:00Z"),
        advisors: [advisor({ timeZone: "Asia/Tokyo", weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "08:00", end: "10:00" })) })],
        from: new Date("2026-03-27T12:00:00Z"),
        to: new Date("2026-03-30T12:00:00Z"),
      }),
    );
    const days = slotsByDay(slots, "Europe/London").map((d) => ({ date: d.date, starts: starts(d.slots) }));
    expect(days).toEqual([
      { date: "2026-03-27", starts: ["2026-03-27T23:00Z", "2026-03-27T23:15Z", "2026-03-27T23:30Z", "2026-03-27T23:45Z"] },
      {
        date: "2026-03-28",
        starts: [
          "2026-03-28T00:00Z",
          "2026-03-28T00:15Z",
          "2026-03-28T00:30Z",
          "2026-03-28T23:00Z",
          "2026-03-28T23:15Z",
          "2026-03-28T23:30Z",
          "2026-03-28T23:45Z",
        ],
      },
      // GMT until 01:00Z on the 29th, so 00:xxZ is still the 29th's early morning.
      { date: "2026-03-29", starts: ["2026-03-29T00:00Z", "2026-03-29T00:15Z", "2026-03-29T00:30Z"] },
      // BST from then on: 23:00Z on the 29th is midnight on the 30th.
      {
        date: "2026-03-30",
        starts: [
          "2026-03-29T23:00Z",
          "2026-03-29T23:15Z",
          "2026-03-29T23:30Z",
          "2026-03-29T23:45Z",
          "2026-03-30T00:00Z",
          "2026-03-30T00:15Z",
          "2026-03-30T00:30Z",
        ],
      },
    ]);
  });

  it("shows a Chicago Monday as Tuesday to a visitor in UTC+13 and as Monday to one in UTC−10", () => {
    // Monday 12 January 2026, 09:00–17:00 CST = 15:00Z–23:00Z.
    const slots = freeSlots(
      query({
        now: new Date("2026-01-10T00:00:00Z"),
        durationMinutes: 60,
        advisors: [advisor({ timeZone: "America/Chicago", weeklyHours: [{ day: MON, start: "09:00", end: "17:00" }] })],
        to: new Date("2026-01-13T00:00:00Z"),
      }),
    );
    const monday = quarterHours("2026-01-12", "15:00", "22:00");
    expect(starts(slots)).toEqual(monday);
    // Tonga: 04:00–12:00 on Tuesday.
    expect(slotsByDay(slots, "Pacific/Tongatapu").map((d) => ({ date: d.date, starts: starts(d.slots) }))).toEqual([{ date: "2026-01-13", starts: monday }]);
    // Honolulu: 05:00–13:00 on Monday.
    expect(slotsByDay(slots, "Pacific/Honolulu").map((d) => ({ date: d.date, starts: starts(d.slots) }))).toEqual([{ date: "2026-01-12", starts: monday }]);
  });

  it("shows an advisor's Monday in Apia (UTC+13) on the Sunday before in Honolulu (UTC−10)", () => {
    // Monday 12 January 2026, 09:00–11:00 in Apia = Sunday 20:00Z–22:00Z = Sunday 10:00–12:00 in Honolulu.
    const slots = freeSlots(
      query({
        now: new Date("2026-01-05T00:00:00Z"),
        durationMinutes: 60,
        advisors: [advisor({ timeZone: "Pacific/Apia", weeklyHours: [{ day: MON, start: "09:00", end: "11:00" }] })],
        to: new Date("2026-01-13T00:00:00Z"),
      }),
    );
    const expected = ["2026-01-11T20:00Z", "2026-01-11T20:15Z", "2026-01-11T20:30Z", "2026-01-11T20:45Z", "2026-01-11T21:00Z"];
    expect(starts(slots)).toEqual(expected);
    expect(slotsByDay(slots, "Pacific/Honolulu").map((d) => ({ date: d.date, starts: starts(d.slots) }))).toEqual([{ date: "2026-01-11", starts: expected }]);
  });
});

describe("free slots across midnight", () => {
  it("offers an overnight interval, and files each slot under the day it starts", () => {
    // Friday 16 January 2026, 22:00–02:00 CST = Saturday 04:00Z–08:00Z (the Friday before is past).
    const slots = freeSlots(
      query({
        now: new Date("2026-01-11T00:00:00Z"),
        durationMinutes: 60,
        advisors: [advisor({ timeZone: "America/Chicago", weeklyHours: [{ day: FRI, start: "22:00", end: "02:00" }] })],
        to: new Date("2026-01-18T00:00:00Z"),
      }),
    );
    expect(starts(slots)).toEqual(quarterHours("2026-01-17", "04:00", "07:00"));
    // In Chicago, 23:30–00:30 belongs to Friday, where it starts.
    expect(slotsByDay(slots, "America/Chicago").map((d) => ({ date: d.date, starts: starts(d.slots) }))).toEqual([
      { date: "2026-01-16", starts: quarterHours("2026-01-17", "04:00", "05:45") },
      { date: "2026-01-17", starts: quarterHours("2026-01-17", "06:00", "07:00") },
    ]);
  });

  it("files a slot that crosses the visitor's midnight under the day it starts", () => {
    // Honolulu works Monday 09:00–17:00 (UTC−10) = 19:00Z Monday to 03:00Z Tuesday; London (GMT) sees 19:00–03:00.
    const slots = freeSlots(
      query({
        now: new Date("2026-01-10T00:00:00Z"),
        durationMinutes: 60,
        advisors: [advisor({ timeZone: "Pacific/Honolulu", weeklyHours: [{ day: MON, start: "09:00", end: "17:00" }] })],
        to: new Date("2026-01-14T00:00:00Z"),
      }),
    );
    const days = slotsByDay(slots, "Europe/London");
    expect(days.map((d) => ({ date: d.date, starts: starts(d.slots) }))).toEqual([
      { date: "2026-01-12", starts: quarterHours("2026-01-12", "19:00", "23:45") },
      { date: "2026-01-13", starts: quarterHours("2026-01-13", "00:00", "02:00") },
    ]);
    const lastMonday = days[0].slots.at(-1)!;
    expect([lastMonday.startsAt.toISOString(), lastMonday.endsAt.toISOString()]).toEqual(["2026-01-12T23:45:00.000Z", "2026-01-13T00:45:00.000Z"]);
  });

  it("joins intervals that touch, at midnight too", () => {
    const slots = freeSlots(
      query({
        now: new Date("2026-01-10T00:00:00Z"),
        durationMinutes: 60,
        advisors: [
          advisor({
            weeklyHours: [
              { day: MON, start: "22:00", end: "00:00" },
              { day: 2, start: "00:00", end: "01:00" },
            ],
          }),
        ],
        to: new Date("2026-01-14T00:00:00Z"),
      }),
    );
    expect(starts(slots)).toEqual([...quarterHours("2026-01-12", "22:00", "23:45"), "2026-01-13T00:00Z"]);
  });
});

describe("free slots: notice, horizon and dates off", () => {
  it("starts after the minimum notice, on the 15-minute grid, and stops before the horizon", () => {
    const slots = freeSlots(
      query({
        now: new Date("2026-01-12T10:07:00Z"),
        advisors: [advisor({ weeklyHours: EVERY_DAY, minNoticeMinutes: 120, horizonDays: 2 })],
      }),
    );
    // Not before 12:07Z (so 12:15Z); before 2026-01-14T10:07Z (so 10:00Z is the last).
    expect(starts(slots)).toEqual([
      ...quarterHours("2026-01-12", "12:15", "16:30"),
      ...quarterHours("2026-01-13", "09:00", "16:30"),
      ...quarterHours("2026-01-14", "09:00", "10:00"),
    ]);
  });

  it("offers the rest of an overnight interval that began the day before now", () => {
    // Friday 22:00–02:00 CST; now is Saturday 00:10 CST (06:10Z).
    const slots = freeSlots(
      query({
        now: new Date("2026-01-17T06:10:00Z"),
        durationMinutes: 60,
        advisors: [advisor({ timeZone: "America/Chicago", weeklyHours: [{ day: FRI, start: "22:00", end: "02:00" }], horizonDays: 1 })],
      }),
    );
    expect(starts(slots)).toEqual(["2026-01-17T06:15Z", "2026-01-17T06:30Z", "2026-01-17T06:45Z", "2026-01-17T07:00Z"]);
  });

  it("offers nothing on a date off, and keeps an overnight interval that starts the day before one", () => {
    const q = (datesOff: string[]) =>
      starts(
        freeSlots(
          query({
            now: new Date("2026-01-11T00:00:00Z"),
            durationMinutes: 60,
            advisors: [advisor({ timeZone: "America/Chicago", weeklyHours: [{ day: FRI, start: "22:00", end: "02:00" }], datesOff })],
            to: new Date("2026-01-18T00:00:00Z"),
          }),
        ),
      );
    expect(q(["2026-01-16"])).toEqual([]);
    expect(q(["2026-01-17"])).toEqual(quarterHours("2026-01-17", "04:00", "07:00"));
  });
});

describe("free slots around bookings", () => {
  const monday = (over: Partial<AdvisorRules> = {}) => advisor({ weeklyHours: [{ day: MON, start: "09:00", end: "12:00" }], ...over });
  const q = (advisors: AdvisorRules[], list: Busy[]) =>
    freeSlots(query({ now: new Date("2026-01-10T00:00:00Z"), advisors, busy: list, to: new Date("2026-01-13T00:00:00Z") }));

  it("keeps a booking and its own buffer free of new slots", () => {
    // The booking holds 10:00–10:30 plus its 15-minute buffer: until 10:45.
    expect(starts(q([monday()], [busy("2026-01-12T10:00:00Z", "2026-01-12T10:30:00Z", 15)]))).toEqual([
      "2026-01-12T09:00Z",
      "2026-01-12T09:15Z",
      "2026-01-12T09:30Z",
      "2026-01-12T10:45Z",
      "2026-01-12T11:00Z",
      "2026-01-12T11:15Z",
      "2026-01-12T11:30Z",
    ]);
  });

  it("keeps the new slot's buffer clear of the next booking", () => {
    // A 30-minute slot plus the advisor's 10-minute buffer starting 09:30 would run into 10:00.
    expect(starts(q([monday({ bufferMinutes: 10 })], [busy("2026-01-12T10:00:00Z", "2026-01-12T10:30:00Z", 0)]))).toEqual([
      "2026-01-12T09:00Z",
      "2026-01-12T09:15Z",
      "2026-01-12T10:30Z",
      "2026-01-12T10:45Z",
      "2026-01-12T11:00Z",
      "2026-01-12T11:15Z",
      "2026-01-12T11:30Z",
    ]);
  });

  it("fits a slot exactly into the gap between two bookings", () => {
    const list = [busy("2026-01-12T09:30:00Z", "2026-01-12T10:00:00Z", 15), busy("2026-01-12T10:45:00Z", "2026-01-12T11:15:00Z")];
    // The first booking's buffer ends at 10:15; 10:15–10:45 (no buffer of its own) ends as the second begins.
    expect(starts(q([monday()], list))).toEqual(["2026-01-12T09:00Z", "2026-01-12T10:15Z", "2026-01-12T11:15Z", "2026-01-12T11:30Z"]);
  });

  it("lists at each start the advisors free then, in the query's order", () => {
    const slots = q([monday({ id: "ana" }), monday({ id: "ben" })], [busy("2026-01-12T10:00:00Z", "2026-01-12T10:30:00Z", 0, "ana")]);
    expect(slots.map((s) => [s.startsAt.toISOString().slice(11, 16), s.advisorIds.join(",")])).toEqual([
      ["09:00", "ana,ben"],
      ["09:15", "ana,ben"],
      ["09:30", "ana,ben"],
      ["09:45", "ben"],
      ["10:00", "ben"],
      ["10:15", "ben"],
      ["10:30", "ana,ben"],
      ["10:45", "ana,ben"],
      ["11:00", "ana,ben"],
      ["11:15", "ana,ben"],
      ["11:30", "ana,ben"],
    ]);
  });

  it("keeps existing bookings blocking after the advisor's hours change, and changes nothing else", () => {
    // Booked under the old hours (09:00–17:00): 11:00–11:30 and 16:00–16:30. New hours: 10:00–13:00.
    const newHours = advisor({ weeklyHours: [{ day: MON, start: "10:00", end: "13:00" }] });
    const bookings = [busy("2026-01-12T11:00:00Z", "2026-01-12T11:30:00Z"), busy("2026-01-12T16:00:00Z", "2026-01-12T16:30:00Z")];
    expect(starts(q([newHours], bookings))).toEqual([
      "2026-01-12T10:00Z",
      "2026-01-12T10:15Z",
      "2026-01-12T10:30Z",
      "2026-01-12T11:30Z",
      "2026-01-12T11:45Z",
      "2026-01-12T12:00Z",
      "2026-01-12T12:15Z",
      "2026-01-12T12:30Z",
    ]);
    expect(starts(q([newHours], []))).toEqual(quarterHours("2026-01-12", "10:00", "12:30"));
    // The booking now outside the hours takes nothing away.
    expect(starts(q([newHours], [bookings[1]]))).toEqual(quarterHours("2026-01-12", "10:00", "12:30"));
  });

  it("offers nothing for an advisor whose zone is unknown, and nothing in the past for a negative notice", () => {
    const slots = freeSlots(
      query({
        now: new Date("2026-01-12T10:07:00Z"),
        advisors: [monday({ id: "lost", timeZone: "Mars/Olympus_Mons" }), monday({ id: "ana", minNoticeMinutes: -600 })],
        to: new Date("2026-01-13T00:00:00Z"),
      }),
    );
    expect(slots.map((s) => [s.startsAt.toISOString().slice(11, 16), s.advisorIds.join(",")])).toEqual([
      ["10:15", "ana"],
      ["10:30", "ana"],
      ["10:45", "ana"],
      ["11:00", "ana"],
      ["11:15", "ana"],
      ["11:30", "ana"],
    ]);
  });

  it("ignores bookings of advisors not in the query, and offers nothing for a zero-length call", () => {
    expect(starts(q([monday()], [busy("2026-01-12T09:00:00Z", "2026-01-12T12:00:00Z", 0, "someone-else")]))).toEqual(
      quarterHours("2026-01-12", "09:00", "11:30"),
    );
    expect(freeSlots(query({ durationMinutes: 0, advisors: [monday()] }))).toEqual([]);
  });
});
