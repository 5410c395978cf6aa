import { describe, expect, it } from "vitest";
import { eventIcs, eventUid } from "@/lib/events/ics";
import type { EventRow } from "@/lib/events/event";
import { describeEventTime, isoWithOffset, offsetMinutes, reminderTimes, zonedTimeToUtc } from "@/lib/events/time";
import { rsvpIdFromToken, rsvpToken } from "@/lib/events/tokens";

const HOUR = 3600_000;

describe("event times", () => {
  it("turns a wall-clock time in the event's zone into UTC, winter and summer", () => {
    expect(zonedTimeToUtc("2026-12-10T18:00", "America/New_York")?.toISOString()).toBe("2026-12-10T23:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-10T18:00", "America/New_York")?.toISOString()).toBe("2026-07-10T22:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-10T12:00", "Asia/Kolkata")?.toISOString()).toBe("2026-07-10T06:30:00.000Z");
  });

  it("refuses a time the clocks skip, and takes the first of a time they repeat", () => {
    // 2027-03-14 02:30 does not exist in New York (clocks go 02:00 -> 03:00).
    expect(zonedTimeToUtc("2027-03-14T02:30", "America/New_York")).toBeNull();
    // 2026-11-01 01:30 happens twice (EDT, then EST): the first is 05:30 UTC.
    expect(zonedTimeToUtc("2026-11-01T01:30", "America/New_York")?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedTimeToUtc("not a time", "America/New_York")).toBeNull();
    expect(zonedTimeToUtc("2026-12-10T18:00", "Mars/Olympus_Mons")).toBeNull();
  });

  it("gives startDate with the offset in force on the day", () => {
    expect(isoWithOffset(new Date("2026-12-10T23:00:00Z"), "America/New_York")).toBe("2026-12-10T18:00:00-05:00");
    expect(isoWithOffset(new Date("2026-07-10T22:00:00Z"), "America/New_York")).toBe("2026-07-10T18:00:00-04:00");
    expect(isoWithOffset(new Date("2026-07-10T06:30:00Z"), "Asia/Kolkata")).toBe("2026-07-10T12:00:00+05:30");
    expect(isoWithOffset(new Date("2026-12-10T12:00:00Z"), "UTC")).toBe("2026-12-10T12:00:00+00:00");
  });

  it("states the time in the event's zone, in words", () => {
    expect(describeEventTime(new Date("2026-12-10T23:00:00Z"), 90, "America/New_York")).toBe(
      "Thursday, December 10, 2026, 6:00 PM to 7:30 PM Eastern Standard Time (New York time)",
    );
    expect(describeEventTime(new Date("2026-07-10T16:00:00Z"), 60, "Europe/London")).toBe(
      "Friday, July 10, 2026, 5:00 PM to 6:00 PM British Summer Time (London time)",
    );
    // Past midnight: the end names its day.
    expect(describeEventTime(new Date("2026-12-11T07:30:00Z"), 60, "America/Los_Angeles")).toBe(
      "Thursday, December 10, 2026, 11:30 PM to Friday, December 11, 2026, 12:30 AM Pacific Standard Time (Los Angeles time)",
    );
  });

  it("sends reminders 24 and 1 elapsed hours before, across a daylight-saving change", () => {
    // Sunday 2027-03-14 10:00 in New York is EDT (-4); 24 h earlier the clocks still read EST (-5).
    const start = zonedTimeToUtc("2027-03-14T10:00", "America/New_York")!;
    const [day, hour] = reminderTimes(start, new Date("2027-03-01T00:00:00Z"));
    expect(day).toEqual({ key: "reminder-24h", at: new Date(start.getTime() - 24 * HOUR) });
    expect(hour).toEqual({ key: "reminder-1h", at: new Date(start.getTime() - HOUR) });
    // The wall clock shows 09:00 the day before: one hour earlier, as the clocks moved.
    expect(isoWithOffset(day.at, "America/New_York")).toBe("2027-03-13T09:00:00-05:00");
    expect(offsetMinutes(day.at, "America/New_York") - offsetMinutes(start, "America/New_York")).toBe(-60);
  });

  it("skips a reminder whose time has passed", () => {
    const start = new Date("2027-03-10T18:00:00Z");
    expect(reminderTimes(start, new Date("2027-03-10T12:00:00Z")).map((r) => r.key)).toEqual(["reminder-1h"]);
    expect(reminderTimes(start, new Date("2027-03-10T17:30:00Z"))).toEqual([]);
  });
});

const event: EventRow = {
  id: "cm9x2k7q40001abcd1234efgh",
  slug: "open-house-austin",
  title: "Open house, Austin",
  programSlug: null,
  description: "Visit the campus.",
  startsAt: new Date("2026-12-10T23:30:00Z"),
  durationMinutes: 120,
  timeZone: "America/Chicago",
  onlineUrl: null,
  placeName: "Austin campus",
  placeAddress: "200 Example Street, Austin",
  capacity: 25,
  seatsTaken: 3,
  published: true,
  createdAt: new Date("2026-11-01T10:00:00Z"),
  updatedAt: new Date("2026-11-02T10:00:00Z"),
};

describe("the .ics file", () => {
  const ics = eventIcs(event, { email: "ada@example.com", name: "Ada Park" }, "https://loomstack.example").replace(/\r\n /g, "");

  it("is a calendar request for the person, with the event's stable UID", () => {
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(`UID:${eventUid(event.id)}`);
    expect(ics).toContain("DTSTART:20261210T233000Z");
    expect(ics).toContain("DTEND:20261211T013000Z");
    expect(ics).toContain("SUMMARY:Open house\\, Austin");
    expect(ics).toContain("LOCATION:Austin campus\\, 200 Example Street\\, Austin");
    expect(ics).toMatch(/ORGANIZER;CN="Loomstack Academy":mailto:hello@loomstack.example/);
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*PARTSTAT=ACCEPTED[^\r\n]*:MAILTO:ada@example.com/);
  });

  it("keeps the UID across edits and raises SEQUENCE, so calendars update the entry", () => {
    const moved = eventIcs(
      { ...event, startsAt: new Date("2026-12-11T23:30:00Z"), updatedAt: new Date("2026-11-05T10:00:00Z") },
      { email: "ada@example.com", name: null },
      "https://x.example",
    );
    const seq = (s: string) => Number(/SEQUENCE:(\d+)/.exec(s)?.[1]);
    expect(moved).toContain(`UID:${eventUid(event.id)}`);
    expect(seq(moved)).toBeGreaterThan(seq(ics));
  });
});

describe("RSVP links", () => {
  it("opens only with the key's signature", () => {
    const token = rsvpToken(event.id, "key-one");
    expect(rsvpIdFromToken(token, "key-one")).toBe(event.id);
    expect(rsvpIdFromToken(token, "key-two")).toBeNull();
    expect(rsvpIdFromToken(`${event.id}.${"x".repeat(32)}`, "key-one")).toBeNull();
    expect(rsvpIdFromToken("../../etc/passwd", "key-one")).toBeNull();
  });
});
