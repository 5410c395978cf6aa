import { describe, expect, it } from "vitest";
import { consoleFormat, formatCalendarDate } from "@/components/console/format";
import { inboxFilter, parseInboxFilters } from "@/lib/console/inbox";
import { profileSchema } from "@/lib/console/profile";
import { resolveStaffZone, staffTimeZone } from "@/lib/console/staff-time-zone";

describe("the staff member's time zone", () => {
  it("takes the profile's zone, then the call hours', then the browser's, then UTC", () => {
    expect(resolveStaffZone({ profile: "Asia/Tokyo", browser: "Europe/Paris", advisor: "America/Chicago" })).toEqual({
      timeZone: "Asia/Tokyo",
      source: "profile",
    });
    expect(resolveStaffZone({ profile: null, browser: "Europe/Paris", advisor: "America/Chicago" })).toEqual({
      timeZone: "America/Chicago",
      source: "advisor",
    });
    expect(resolveStaffZone({ browser: "Europe/Paris", advisor: undefined })).toEqual({ timeZone: "Europe/Paris", source: "browser" });
    expect(resolveStaffZone({})).toEqual({ timeZone: "UTC", source: "default" });
  });

  it("skips a value that is not a zone (a forged cookie, a stale profile)", () => {
    expect(resolveStaffZone({ profile: "Mars/Olympus", advisor: "Etc/Nowhere", browser: "Europe/Oslo" })).toEqual({
      timeZone: "Europe/Oslo",
      source: "browser",
    });
    expect(resolveStaffZone({ profile: "Mars/Olympus", browser: "<script>", advisor: "Europe/Oslo" })).toEqual({ timeZone: "Europe/Oslo", source: "advisor" });
    expect(staffTimeZone({ timeZone: "" }, "x".repeat(100))).toBe("UTC");
    expect(staffTimeZone({ timeZone: null }, "Asia/Kolkata")).toBe("Asia/Kolkata");
  });
});

describe("console dates in a zone", () => {
  const at = new Date("2026-03-08T09:30:00Z");

  it("writes the same instant on each zone's clock and calendar", () => {
    expect(consoleFormat("UTC").formatDateTime(at)).toBe("8 Mar 2026, 09:30");
    expect(consoleFormat("Asia/Kolkata").formatDateTime(at)).toBe("8 Mar 2026, 15:00");
    // Los Angeles moved to daylight time at 10:00 UTC that day: 09:30 UTC is still 01:30 PST.
    expect(consoleFormat("America/Los_Angeles").formatDateTime(at)).toBe("8 Mar 2026, 01:30");
    expect(consoleFormat("America/Los_Angeles").formatDateTime(new Date("2026-03-08T10:30:00Z"))).toBe("8 Mar 2026, 03:30");
    expect(consoleFormat("Pacific/Kiritimati").formatDate(new Date("2026-01-15T10:00:00Z"))).toBe("16 Jan 2026");
    expect(consoleFormat("Europe/London").formatWhen(null)).toBe("—");
    expect(consoleFormat("Europe/London").formatWhen(at, { seconds: true })).toBe("8 Mar 2026, 09:30:00");
  });

  it("keeps a calendar date (stored as midnight UTC) on its own day in every zone", () => {
    expect(formatCalendarDate(new Date("2026-05-01T00:00:00Z"))).toBe("1 May 2026");
    expect(consoleFormat("America/Los_Angeles").formatDate(new Date("2026-05-01T00:00:00Z"))).toBe("30 Apr 2026");
  });
});

describe("inbox date filters", () => {
  it("run from the zone's midnight to the next day's, across a clock change", () => {
    const f = parseInboxFilters(new URLSearchParams("from=2026-03-08&to=2026-03-08"), "America/Los_Angeles");
    // 8 March 2026 in Los Angeles: 00:00 PST (08:00 UTC) to 00:00 PDT on the 9th (07:00 UTC), 23 hours.
    expect(inboxFilter(f)).toEqual({
      and: [
        { column: "createdAt", op: ">=", value: new Date("2026-03-08T08:00:00Z") },
        { column: "createdAt", op: "<", value: new Date("2026-03-09T07:00:00Z") },
      ],
    });
  });
});

describe("the profile form", () => {
  it("takes a listed zone in its canonical name, or the browser's (null)", () => {
    expect(profileSchema.parse({ timeZone: "america/chicago" })).toEqual({ timeZone: "America/Chicago" });
    expect(profileSchema.parse({ timeZone: "" })).toEqual({ timeZone: null });
  });

  it("refuses anything else with a message for the field", () => {
    for (const bad of ["Mars/Olympus", "x".repeat(65), undefined]) {
      const r = profileSchema.safeParse({ timeZone: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toBe("Choose a time zone from the list.");
    }
  });
});
