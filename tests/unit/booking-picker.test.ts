/**
 * The slot picker of /book as data (lib/forms/booking/picker.ts): days and times in the
 * visitor's zone, through Intl, for zones far from the advisors' and across a DST change;
 * which step a URL opens; and links that keep what the page was opened with.
 */
import { describe, expect, it } from "vitest";
import type { FreeSlot } from "@/lib/booking/slots";
import { buildPicker, dayLabel, readPickerQuery, slotWhen } from "@/lib/forms/booking/picker";

const now = new Date("2026-12-01T00:00:00.000Z");
const slot = (iso: string, minutes = 20): FreeSlot => ({ startsAt: new Date(iso), endsAt: new Date(Date.parse(iso) + minutes * 60_000), advisorIds: ["a"] });
const picker = (slots: FreeSlot[], query: Parameters<typeof buildPicker>[0]["query"], more: Partial<Parameters<typeof buildPicker>[0]> = {}) =>
  buildPicker({ query, slots, durationMinutes: 20, advisorZones: ["America/Chicago"], fallbackZone: "America/Chicago", path: "/book", now, ...more });

// 2026-12-10 at 09:30 and 10:30 UTC.
const morningUtc = [slot("2026-12-10T09:30:00.000Z"), slot("2026-12-10T10:30:00.000Z")];

describe("the slot picker", () => {
  it("puts the same instants on different days for a visitor in UTC+13 and one in UTC−10", () => {
    // Tonga (UTC+13): 22:30 on the 10th and 23:30 on the 10th. Honolulu (UTC−10): 23:30 and 00:30, the 9th and 10th.
    const tonga = picker(morningUtc, { tz: "Pacific/Tongatapu" });
    expect(tonga.days.map((d) => [d.date, d.count])).toEqual([["2026-12-10", 2]]);
    const honolulu = picker(morningUtc, { tz: "Pacific/Honolulu" });
    expect(honolulu.days.map((d) => [d.date, d.count])).toEqual([
      ["2026-12-09", 1],
      ["2026-12-10", 1],
    ]);
    const day9 = picker(morningUtc, { tz: "Pacific/Honolulu", day: "2026-12-09" });
    expect(day9.step).toBe("time");
    expect(day9.day?.slots.map((s) => s.label)).toEqual(["11:30 PM"]);
    expect(picker(morningUtc, { tz: "Pacific/Tongatapu", day: "2026-12-10" }).day?.slots.map((s) => s.label)).toEqual(["10:30 PM", "11:30 PM"]);
  });

  it("shows the clock the visitor's zone shows on both sides of a DST change", () => {
    // New York falls back on 2026-11-01: 05:30 UTC is 1:30 AM EDT, 06:30 UTC is 1:30 AM EST.
    const fallBack = [slot("2026-11-01T05:30:00.000Z"), slot("2026-11-01T06:30:00.000Z"), slot("2026-11-02T14:00:00.000Z")];
    const p = picker(fallBack, { tz: "America/New_York", day: "2026-11-01" }, { now: new Date("2026-10-25T00:00:00Z") });
    expect(p.day?.slots.map((s) => s.label)).toEqual(["1:30 AM", "1:30 AM"]);
    // 14:00 UTC the day after is 9:00 AM EST (it was 10:00 AM EDT the week before).
    expect(picker(fallBack, { tz: "America/New_York", day: "2026-11-02" }, { now: new Date("2026-10-25T00:00:00Z") }).day?.slots.map((s) => s.label)).toEqual([
      "9:00 AM",
    ]);
  });

  it("says a call that crosses midnight with both dates", () => {
    expect(slotWhen(new Date("2026-12-11T05:50:00Z"), new Date("2026-12-11T06:10:00Z"), "America/Chicago")).toBe(
      "Thursday, December 10, 2026, 11:50 PM to Friday, December 11, 2026, 12:10 AM",
    );
    expect(slotWhen(new Date("2026-12-10T20:00:00Z"), new Date("2026-12-10T20:20:00Z"), "America/Los_Angeles")).toBe(
      "Thursday, December 10, 2026, 12:00 PM to 12:20 PM",
    );
    expect(dayLabel("2026-12-10")).toBe("Thursday, December 10");
  });

  it("opens the step the URL names: days, a day's times, or the confirm step", () => {
    expect(picker(morningUtc, {}).step).toBe("day");
    expect(picker(morningUtc, { tz: "UTC", day: "2026-12-10" }).step).toBe("time");
    const confirm = picker(morningUtc, { tz: "UTC", slot: "2026-12-10T10:30:00.000Z" });
    expect(confirm.step).toBe("confirm");
    expect(confirm.slot).toMatchObject({
      startsAt: "2026-12-10T10:30:00.000Z",
      free: true,
      alternatives: [],
      when: "Thursday, December 10, 2026, 10:30 AM to 10:50 AM",
    });
    expect(confirm.day?.date).toBe("2026-12-10");
    expect(confirm.timesHref).toBe("/book?tz=UTC&day=2026-12-10#times");
  });

  it("offers the next free times after a time that is no longer free, and says a day without any", () => {
    const slots = ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30"].map((t) => slot(`2026-12-10T${t}:00.000Z`));
    const gone = picker(slots, { tz: "UTC", slot: "2026-12-10T09:05:00.000Z" });
    expect(gone.slot?.free).toBe(false);
    expect(gone.slot?.alternatives.map((a) => a.startsAt)).toEqual(slots.slice(1, 6).map((s) => s.startsAt.toISOString()));
    expect(gone.slot?.alternatives[0]).toEqual({
      startsAt: "2026-12-10T09:15:00.000Z",
      label: "Thu, Dec 10, 9:15 AM",
      href: "/book?tz=UTC&day=2026-12-10&slot=2026-12-10T09%3A15%3A00.000Z#confirm",
    });
    expect(picker(slots, { tz: "UTC", day: "2026-12-11" })).toMatchObject({ step: "day", emptyDay: "2026-12-11" });
  });

  it("uses the advisors' zone, and says so, when the URL names none", () => {
    const p = picker(morningUtc, {});
    expect(p).toMatchObject({ timeZone: "America/Chicago", zoneChosen: false, zoneText: "Central Time (Chicago), UTC−06:00" });
    expect(p.advisorZoneTexts).toEqual(["Central Time (Chicago), UTC−06:00"]);
    expect(picker(morningUtc, {}, { advisorZones: [] }).timeZone).toBe("America/Chicago");
    expect(picker(morningUtc, { tz: "Europe/Paris" })).toMatchObject({ zoneChosen: true, zoneText: "Central European Time (Paris), UTC+01:00" });
  });

  it("keeps the call type, the chosen zone, the program, the booking link and the attribution in every link", () => {
    const p = picker(morningUtc, { tz: "UTC", type: "quote-call", program: "data-analytics", for: "lead.sig" }, { carry: { utm_source: "news", cta: "hero" } });
    const href = new URL(p.days[0].href, "https://x.example");
    expect(Object.fromEntries(href.searchParams)).toEqual({
      utm_source: "news",
      cta: "hero",
      type: "quote-call",
      tz: "UTC",
      program: "data-analytics",
      for: "lead.sig",
      day: "2026-12-10",
    });
    expect(href.hash).toBe("#times");
    // A zone the page defaulted to is not written into the links: it stays the default.
    expect(new URL(picker(morningUtc, {}).days[0].href, "https://x.example").searchParams.has("tz")).toBe(false);
  });

  it("drops malformed parameters rather than trusting them", () => {
    expect(
      readPickerQuery({
        type: "Bad Type",
        tz: "Mars/Olympus",
        day: "2026-02-30",
        slot: "2026-12-10T09:00:00+01:00",
        program: ["data-analytics", "x"],
        for: "<script>",
      }),
    ).toEqual({ type: undefined, tz: undefined, day: undefined, slot: undefined, program: "data-analytics", for: undefined });
    expect(readPickerQuery({ type: "admissions-call", tz: "Asia/Kolkata", day: "2026-12-10", slot: "2026-12-10T09:00:00Z" })).toMatchObject({
      type: "admissions-call",
      tz: "Asia/Kolkata",
      day: "2026-12-10",
      slot: "2026-12-10T09:00:00Z",
    });
  });
});
