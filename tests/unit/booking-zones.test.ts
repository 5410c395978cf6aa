import { describe, expect, it } from "vitest";
import { describeInterval, parseWeeklyHours, weeklyHoursSchema } from "@/lib/booking/hours";
import { addDays, localDate, startOfLocalDay, zoneLabel } from "@/lib/booking/zones";

const at = (iso: string) => new Date(iso);

describe("booking zones", () => {
  it("gives the date the zone's calendar shows, on both sides of its midnight", () => {
    // Chicago in March before the change is UTC−6: 05:59Z is still the 7th there.
    expect(localDate(at("2026-03-08T05:59:00Z"), "America/Chicago")).toBe("2026-03-07");
    expect(localDate(at("2026-03-08T06:00:00Z"), "America/Chicago")).toBe("2026-03-08");
    // Tonga (UTC+13) is a day ahead of Honolulu (UTC−10) for most of the day.
    expect(localDate(at("2026-01-12T11:00:00Z"), "Pacific/Tongatapu")).toBe("2026-01-13");
    expect(localDate(at("2026-01-12T11:00:00Z"), "Pacific/Honolulu")).toBe("2026-01-12");
    expect(localDate(at("2026-01-12T09:59:00Z"), "Pacific/Honolulu")).toBe("2026-01-11");
  });

  it("finds the instant a day begins, on daylight-saving days too", () => {
    expect(startOfLocalDay("2026-03-08", "America/Chicago").toISOString()).toBe("2026-03-08T06:00:00.000Z"); // CST
    expect(startOfLocalDay("2026-03-09", "America/Chicago").toISOString()).toBe("2026-03-09T05:00:00.000Z"); // CDT
    expect(startOfLocalDay("2026-11-01", "America/Chicago").toISOString()).toBe("2026-11-01T05:00:00.000Z"); // still CDT
    expect(startOfLocalDay("2026-11-02", "America/Chicago").toISOString()).toBe("2026-11-02T06:00:00.000Z");
    expect(startOfLocalDay("2026-03-29", "Europe/London").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfLocalDay("2026-03-30", "Europe/London").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfLocalDay("2026-01-13", "Pacific/Tongatapu").toISOString()).toBe("2026-01-12T11:00:00.000Z");
    expect(startOfLocalDay("2026-01-12", "Pacific/Honolulu").toISOString()).toBe("2026-01-12T10:00:00.000Z");
  });

  it("starts a day whose midnight the clocks skip at the moment they jump", () => {
    // Santiago goes from 00:00 (UTC−4) to 01:00 (UTC−3) on 6 September 2026.
    expect(startOfLocalDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    // Samoa skipped 30 December 2011 entirely (UTC−10 to UTC+14): the 30th and 31st begin together.
    expect(startOfLocalDay("2011-12-30", "Pacific/Apia").toISOString()).toBe("2011-12-30T10:00:00.000Z");
    expect(startOfLocalDay("2011-12-31", "Pacific/Apia").toISOString()).toBe("2011-12-30T10:00:00.000Z");
    expect(localDate(at("2011-12-30T09:59:00Z"), "Pacific/Apia")).toBe("2011-12-29");
    expect(localDate(at("2011-12-30T10:00:00Z"), "Pacific/Apia")).toBe("2011-12-31");
  });

  it("adds calendar days across months, leap days and clock changes", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });

  it("names a zone in words with its offset at that instant", () => {
    expect(zoneLabel("America/Los_Angeles", at("2026-01-10T00:00:00Z"))).toBe("Pacific Time (Los Angeles), UTC\u221208:00");
    expect(zoneLabel("America/Chicago", at("2026-07-10T00:00:00Z"))).toBe("Central Time (Chicago), UTC\u221205:00");
    expect(zoneLabel("Pacific/Tongatapu", at("2026-07-10T00:00:00Z"))).toBe("Tonga Standard Time (Tongatapu), UTC+13:00");
    expect(zoneLabel("Asia/Kathmandu", at("2026-07-10T00:00:00Z"))).toBe("Nepal Time (Kathmandu), UTC+05:45");
    expect(zoneLabel("UTC", at("2026-07-10T00:00:00Z"))).toBe("UTC+00:00");
  });
});

type Issue = { path: string; message: string };
function issues(value: unknown): Issue[] {
  const r = weeklyHoursSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

describe("weekly hours", () => {
  it("accepts day intervals, touching intervals and overnight ones", () => {
    const hours = [
      { day: 1, start: "09:00", end: "12:00" },
      { day: 1, start: "12:00", end: "17:00" },
      { day: 5, start: "22:00", end: "02:00" },
      { day: 6, start: "02:00", end: "06:30" },
      { day: 7, start: "17:00", end: "00:00" },
    ];
    expect(weeklyHoursSchema.safeParse(hours)).toEqual({ success: true, data: hours });
    expect(describeInterval(hours[2])).toBe("Friday 22:00\u201302:00 (next day)");
    expect(describeInterval(hours[0])).toBe("Monday 09:00\u201312:00");
  });

  it("reads an end before the start only as overnight, and refuses an interval with no length", () => {
    expect(issues([{ day: 2, start: "17:00", end: "09:00" }])).toEqual([]);
    expect(issues([{ day: 2, start: "09:00", end: "09:00" }])).toEqual([
      { path: "0.end", message: "Start and end are the same time. Give the interval a length; an end before the start means the next day." },
    ]);
  });

  it("asks for HH:MM times in 5-minute steps", () => {
    expect(issues([{ day: 1, start: "9:00", end: "17:00" }])).toEqual([
      { path: "0.start", message: "Write the start time as HH:MM on a 24-hour clock, e.g. 09:00." },
    ]);
    expect(issues([{ day: 1, start: "09:00", end: "24:00" }])).toEqual([
      { path: "0.end", message: "Write the end time as HH:MM on a 24-hour clock, e.g. 17:30." },
    ]);
    expect(issues([{ day: 1, start: "09:07", end: "17:00" }])).toEqual([
      { path: "0.start", message: "Use 5-minute steps for the start time (09:05 works, 09:07 does not)." },
    ]);
    expect(issues([{ day: 1, start: "09:00", end: 1700 }])).toEqual([
      { path: "0.end", message: "Write the end time as HH:MM on a 24-hour clock, e.g. 17:30." },
    ]);
  });

  it("asks for a day from 1 (Monday) to 7 (Sunday)", () => {
    const message = "Choose a day of the week (1 = Monday … 7 = Sunday).";
    for (const day of [0, 8, 1.5, "1", null]) {
      expect(issues([{ day, start: "09:00", end: "17:00" }])).toEqual([{ path: "0.day", message }]);
    }
  });

  it("refuses overlapping intervals, naming both", () => {
    expect(
      issues([
        { day: 1, start: "09:00", end: "12:00" },
        { day: 1, start: "11:00", end: "13:00" },
      ]),
    ).toEqual([{ path: "1", message: "Monday 11:00\u201313:00 overlaps Monday 09:00\u201312:00. Intervals may touch but not overlap." }]);
    // Sunday night runs into Monday morning, across the end of the week.
    expect(
      issues([
        { day: 1, start: "01:00", end: "03:00" },
        { day: 7, start: "22:00", end: "02:00" },
      ]),
    ).toEqual([{ path: "1", message: "Sunday 22:00\u201302:00 (next day) overlaps Monday 01:00\u201303:00. Intervals may touch but not overlap." }]);
    expect(
      issues([
        { day: 1, start: "22:00", end: "02:00" },
        { day: 2, start: "02:00", end: "10:00" },
      ]),
    ).toEqual([]);
  });

  it("reads stored JSON, and treats anything invalid as no hours", () => {
    expect(parseWeeklyHours('[{"day":3,"start":"08:30","end":"12:00"}]')).toEqual([{ day: 3, start: "08:30", end: "12:00" }]);
    expect(parseWeeklyHours("not json")).toEqual([]);
    expect(parseWeeklyHours('{"day":3}')).toEqual([]);
    expect(parseWeeklyHours('[{"day":3,"start":"08:31","end":"12:00"}]')).toEqual([]);
  });
});
