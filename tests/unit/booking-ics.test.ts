import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BookingEmailData } from "@/lib/booking/email-data";
import { bookingAttachments, bookingIcs, INVITE_FILENAME } from "@/lib/booking/ics";
import { EMAIL_SAMPLES, renderEmail } from "@/lib/email/render";
import { EMAIL_TEMPLATES } from "@/lib/email/templates/catalog";
import { siteConfig } from "@/lib/site-config";
import { parseInvite } from "../helpers/ics";

/**
 * The calendar invite of a booking email, read back with ical.js (another library than the
 * one that writes it): what a calendar gets out of the file.
 */

const UID = "booking-cm9x2k7q40002abcd1234efgh@loomstack.example";
const START = "2026-12-10T20:00:00.000Z";
const END = "2026-12-10T20:20:00.000Z";

/** Written out here rather than taken from the template's sample, so the expectations stand on their own. */
const confirmed: BookingEmailData = {
  kind: "confirmed",
  audience: "visitor",
  bookingId: "cm9x2k7q40002abcd1234efgh",
  leadId: "cm9x2k7q40001abcd1234efgh",
  uid: UID,
  sequence: 0,
  changedAt: "2026-12-07T15:42:00.000Z",
  callTypeName: "Admissions call",
  durationMinutes: 20,
  startsAt: START,
  endsAt: END,
  timeZone: "America/Los_Angeles",
  visitor: { name: "Omar Haddad", email: "omar@example.com", phone: "+12025550143" },
  advisor: { name: "Dana Whitfield", email: "dana@loomstack.example" },
  programName: "Machine Learning Engineering",
  manageUrl: "https://loomstack.example/book/manage/7QW3MZPK2D9C4B7A1E3F5A6C",
};
const forAdvisor: BookingEmailData = {
  ...confirmed,
  audience: "advisor",
  timeZone: "America/Chicago",
  manageUrl: null,
  leadUrl: "https://loomstack.example/console/leads/cm9x2k7q40001abcd1234efgh",
};

const invite = (d: BookingEmailData) => {
  const ics = bookingIcs(d);
  if (!ics) throw new Error("no invite");
  // The method the caller is told (for the Content-Type) must be the file's own.
  const parsed = parseInvite(ics.content);
  expect(parsed.method).toBe(ics.method);
  return { ...parsed, content: ics.content };
};

afterEach(() => vi.useRealTimers());

describe("booking invite (.ics)", () => {
  it("a confirmation is a REQUEST for one event: the booking's UID, SEQUENCE 0, the call's UTC instants, both people", () => {
    const i = invite(confirmed);
    expect(i.method).toBe("REQUEST");
    expect(i.events).toBe(1);
    expect(i.uid).toBe(UID);
    expect(i.sequence).toBe(0);
    expect(i.status).toBe("CONFIRMED");
    expect(i.utc).toBe(true);
    expect(i.content).toContain("DTSTART:20261210T200000Z");
    expect(i.start?.toISOString()).toBe(START);
    expect(i.end?.toISOString()).toBe(END);
    expect(i.stamp?.toISOString()).toBe("2026-12-07T15:42:00.000Z");
    expect(i.organizer).toEqual({ email: siteConfig.contact.email, name: siteConfig.name });
    expect(i.attendees).toEqual([
      { email: "omar@example.com", name: "Omar Haddad", partstat: "ACCEPTED", role: "REQ-PARTICIPANT" },
      { email: "dana@loomstack.example", name: "Dana Whitfield", partstat: "ACCEPTED", role: "REQ-PARTICIPANT" },
    ]);
  });

  it("the visitor's copy names the school and carries the reschedule link; the advisor's names the visitor and the lead", () => {
    const visitor = invite(confirmed);
    expect(visitor.summary).toBe(`Admissions call with ${siteConfig.name}`);
    expect(visitor.description).toContain("Reschedule or cancel: https://loomstack.example/book/manage/7QW3MZPK2D9C4B7A1E3F5A6C");
    expect(visitor.description).toContain("Dana Whitfield");

    const advisor = invite(forAdvisor);
    expect(advisor.summary).toBe("Admissions call with Omar Haddad");
    expect(advisor.description).toContain("https://loomstack.example/console/leads/cm9x2k7q40001abcd1234efgh");
    expect(advisor.description).toContain("+12025550143");
    expect(advisor.description).not.toContain("/book/manage/");
    // One event in both calendars: the same UID, SEQUENCE and instants, whatever the reader's zone.
    for (const key of ["method", "uid", "sequence", "start", "end", "stamp", "attendees", "organizer"] as const) expect(advisor[key]).toEqual(visitor[key]);
  });

  it("a new time is a REQUEST for the same UID with a higher SEQUENCE and the new instants", () => {
    const before = invite(confirmed);
    const moved = invite({
      ...confirmed,
      kind: "rescheduled",
      sequence: 1,
      previousStartsAt: START,
      startsAt: "2026-12-11T17:30:00.000Z",
      endsAt: "2026-12-11T17:50:00.000Z",
      changedAt: "2026-12-08T09:00:00.000Z",
      manageUrl: "https://loomstack.example/book/manage/NEWTOKEN",
    });
    expect(moved.method).toBe("REQUEST");
    expect(moved.uid).toBe(before.uid);
    expect(moved.sequence).toBeGreaterThan(before.sequence!);
    expect(moved.start?.toISOString()).toBe("2026-12-11T17:30:00.000Z");
    expect(moved.end?.toISOString()).toBe("2026-12-11T17:50:00.000Z");
    expect(moved.stamp!.getTime()).toBeGreaterThan(before.stamp!.getTime());
    expect(moved.description).toContain("/book/manage/NEWTOKEN");
  });

  it("a cancellation is a CANCEL with STATUS:CANCELLED for the same UID, a higher SEQUENCE, and no reschedule link", () => {
    for (const audience of ["visitor", "advisor"] as const) {
      const cancelled = invite({ ...confirmed, audience, kind: "cancelled", sequence: 2 });
      expect(cancelled.method).toBe("CANCEL");
      expect(cancelled.status).toBe("CANCELLED");
      expect(cancelled.uid).toBe(UID);
      expect(cancelled.sequence).toBe(2);
      expect(cancelled.start?.toISOString()).toBe(START);
      expect(cancelled.attendees.map((a) => a.email)).toEqual(["omar@example.com", "dana@loomstack.example"]);
      expect(cancelled.description).not.toContain("/book/manage/");
    }
  });

  it("reminders carry no invite: the calendar already holds the call", () => {
    for (const kind of ["reminder-24h", "reminder-1h"] as const) {
      expect(bookingIcs({ ...confirmed, kind })).toBeNull();
      expect(bookingAttachments({ ...confirmed, kind })).toEqual([]);
    }
  });

  it("the same data gives the same bytes at any time (a re-sent message is the same request)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T15:42:00Z"));
    const first = bookingIcs(confirmed)!.content;
    vi.setSystemTime(new Date("2027-01-01T00:00:00Z"));
    expect(bookingIcs(confirmed)!.content).toBe(first);
    // Without the time of the change, the stamp is still taken from the data.
    const { changedAt: _changedAt, ...noStamp } = confirmed;
    const again = bookingIcs(noStamp)!.content;
    vi.setSystemTime(new Date("2027-06-01T00:00:00Z"));
    expect(bookingIcs(noStamp)!.content).toBe(again);
  });

  it("keeps the file's structure whatever the names hold (quotes, separators, line breaks)", () => {
    const hostile = `Omar "O'Neil"; ROLE=CHAIR, x:MAILTO:evil@example.com\nATTENDEE:MAILTO:evil@example.com \\ end`;
    const i = invite({
      ...forAdvisor,
      callTypeName: `Call; with, "odd"\nlines`,
      visitor: { ...confirmed.visitor, name: hostile },
      advisor: { ...confirmed.advisor, name: hostile },
    });
    expect(i.events).toBe(1);
    expect(i.attendees.map((a) => a.email)).toEqual(["omar@example.com", "dana@loomstack.example"]);
    expect(i.attendees.map((a) => a.role)).toEqual(["REQ-PARTICIPANT", "REQ-PARTICIPANT"]);
    expect(i.attendees[0].name).toBe(`Omar 'O'Neil'; ROLE=CHAIR, x:MAILTO:evil@example.com ATTENDEE:MAILTO:evil@example.com end`);
    // Text values survive as written.
    expect(i.summary).toBe(`Call; with, "odd"\nlines with ${hostile}`);
  });

  it("gives no invite for data that cannot name the call or its people", () => {
    const broken: Partial<BookingEmailData>[] = [
      { uid: "" },
      { startsAt: "not a date" },
      { endsAt: START },
      { visitor: { name: "Omar", email: "omar@example.com\r\nBCC:x@example.com", phone: null } },
      { advisor: { name: "Dana", email: "" } },
      { kind: "postponed" as never },
    ];
    for (const change of broken) expect(bookingIcs({ ...confirmed, ...change }), JSON.stringify(change)).toBeNull();
  });

  it("any instants, sequence and zone: the parsed file gives them back exactly, in UTC", () => {
    const minute = 60_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1) / minute, max: Date.UTC(2035, 0, 1) / minute }),
        fc.integer({ min: 1, max: 240 }),
        fc.nat({ max: 10_000 }),
        fc.constantFrom("Pacific/Kiritimati", "Pacific/Tongatapu", "Pacific/Honolulu", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "UTC"),
        fc.constantFrom("confirmed", "rescheduled", "cancelled") as fc.Arbitrary<BookingEmailData["kind"]>,
        (startMinute, length, sequence, timeZone, kind) => {
          const startsAt = new Date(startMinute * minute).toISOString();
          const endsAt = new Date((startMinute + length) * minute).toISOString();
          const i = invite({ ...confirmed, kind, sequence, timeZone, startsAt, endsAt });
          expect(i.start?.toISOString()).toBe(startsAt);
          expect(i.end?.toISOString()).toBe(endsAt);
          expect(i.utc).toBe(true);
          expect(i.sequence).toBe(sequence);
          expect(i.method).toBe(kind === "cancelled" ? "CANCEL" : "REQUEST");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("renderEmail attaches it as invite.ics (text/calendar with the method); other templates attach nothing", async () => {
    const ctx = { siteUrl: "https://loomstack.example" };
    const booked = await renderEmail("booking", confirmed, ctx);
    expect(booked.attachments).toEqual([
      { filename: INVITE_FILENAME, contentType: "text/calendar; charset=utf-8; method=REQUEST", content: bookingIcs(confirmed)!.content },
    ]);
    const cancelled = await renderEmail("booking", { ...confirmed, kind: "cancelled", sequence: 1 }, ctx);
    expect(cancelled.attachments?.map((a) => a.contentType)).toEqual(["text/calendar; charset=utf-8; method=CANCEL"]);
    expect((await renderEmail("booking", { ...confirmed, kind: "reminder-1h" }, ctx)).attachments).toBeUndefined();
    for (const t of EMAIL_TEMPLATES.filter((t) => t !== "booking")) {
      const { data, ctx: sampleCtx } = EMAIL_SAMPLES[t];
      expect(await renderEmail(t, data as never, sampleCtx), t).not.toHaveProperty("attachments");
    }
  });
});
