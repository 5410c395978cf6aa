import { describe, expect, it } from "vitest";
import { displayPhone, mailtoHref, relativeAge, STATUS_TONES, statusTone, telHref } from "@/lib/console/lead-display";
import { LEAD_STATUSES } from "@/lib/console/inbox";

/** Issue 19, the inbox at a glance: a lead's age, its status colour, and its phone and email as links. */

const now = new Date("2026-12-07T15:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const H = 60 * MIN;

describe("a lead's age", () => {
  it.each([
    [0, "just now"],
    [59_999, "just now"],
    [MIN, "1 min ago"],
    [59 * MIN + 59_000, "59 min ago"],
    [H, "1 h ago"],
    [23 * H + 59 * MIN, "23 h ago"],
    [24 * H, "yesterday"],
    [47 * H, "yesterday"],
    [48 * H, "2 days ago"],
    [6 * 24 * H + 23 * H, "6 days ago"],
  ])("%i ms ago reads %s", (ms, text) => {
    expect(relativeAge(ago(ms), now)).toBe(text);
  });

  it("is a date from a week on, with the year only when it is not this one", () => {
    expect(relativeAge(new Date("2026-11-30T15:00:00Z"), now)).toBe("30 Nov");
    expect(relativeAge(new Date("2025-12-24T09:00:00Z"), now)).toBe("24 Dec 2025");
  });

  it("reads a time slightly ahead of the clock as just now", () => {
    expect(relativeAge(new Date(now.getTime() + 5_000), now)).toBe("just now");
  });
});

describe("status colours", () => {
  it("gives every status its own colour, and an unknown one a neutral colour", () => {
    const tones = LEAD_STATUSES.map((s) => statusTone(s));
    expect(new Set(tones).size).toBe(LEAD_STATUSES.length);
    expect(Object.keys(STATUS_TONES).sort()).toEqual([...LEAD_STATUSES].sort());
    expect(statusTone("archived")).toMatch(/^bg-stone-100 /);
  });
});

describe("phones and emails", () => {
  it("groups a stored number for reading and dials its E.164 digits", () => {
    expect(displayPhone("+442079460958")).toBe("+44 20 7946 0958");
    expect(displayPhone("+14155550132")).toBe("+1 415 555 0132");
    expect(telHref("+442079460958")).toBe("tel:+442079460958");
  });

  it("shows a number it cannot read as stored, and dials only digits", () => {
    expect(displayPhone("call me")).toBe("call me");
    expect(telHref("call me")).toBeNull();
  });

  it("writes to an address, but never one that would add headers or recipients", () => {
    expect(mailtoHref("ana@example.com")).toBe("mailto:ana@example.com");
    for (const bad of ["ana@example.com?bcc=evil@example.com", "ana@example.com,evil@example.com", "x?cc=evil@example.com", "not an email", "a@b@c"]) {
      expect(mailtoHref(bad), bad).toBeNull();
    }
  });
});
