import { describe, expect, it } from "vitest";
import type { BookingEmailData, BookingEmailKind } from "@/lib/booking/email-data";
import { renderEmail } from "@/lib/email/render";
import { zoneInWords } from "@/lib/email/templates/booking";

/**
 * The booking emails' copy, for every kind and reader: what happened, when (in the reader's
 * zone, named in words), what the attached invite does, and the one link that reader needs.
 */

const SITE = "http://localhost:3000";
const ctx = { siteUrl: SITE };
const MANAGE = `${SITE}/book/manage/SECRETTOKEN123`;
const LEAD = `${SITE}/console/leads/lead1`;

const base: BookingEmailData = {
  kind: "confirmed",
  audience: "visitor",
  bookingId: "bk1",
  leadId: "lead1",
  uid: "booking-bk1@loomstack.example",
  sequence: 0,
  changedAt: "2026-12-07T15:42:00.000Z",
  callTypeName: "Admissions call",
  durationMinutes: 20,
  startsAt: "2026-12-10T20:00:00.000Z",
  endsAt: "2026-12-10T20:20:00.000Z",
  timeZone: "America/Los_Angeles",
  visitor: { name: "Omar Haddad", email: "omar@example.com", phone: "+12025550143" },
  advisor: { name: "Dana Whitfield", email: "dana@loomstack.example" },
  programName: "Data Analytics",
  summary: [{ label: "Message", value: "Can we talk about financing?" }],
  // Both links present in the data: each reader must get only their own.
  manageUrl: MANAGE,
  leadUrl: LEAD,
};

const KINDS: BookingEmailKind[] = ["confirmed", "rescheduled", "cancelled", "reminder-24h", "reminder-1h"];

/** What each email must say (title and the sentence that tells what happened). */
const COPY: Record<BookingEmailKind, { visitor: [string, string]; advisor: [string, string] }> = {
  confirmed: {
    visitor: ["Your call is booked", "Thanks for booking: your Admissions call with Dana Whitfield is confirmed."],
    advisor: ["New call booked with you", "Omar Haddad booked a call with you: Admissions call."],
  },
  rescheduled: {
    visitor: ["Your call has a new time", "Your Admissions call with Dana Whitfield has moved to a new time."],
    advisor: ["A call with you has a new time", "Your Admissions call with Omar Haddad has moved to a new time."],
  },
  cancelled: {
    visitor: ["Your call is cancelled", "Your Admissions call with Dana Whitfield is cancelled."],
    advisor: ["A call with you was cancelled", "Your Admissions call with Omar Haddad is cancelled. That time is free again."],
  },
  "reminder-24h": {
    visitor: ["Your call is tomorrow", "A reminder: your Admissions call with Dana Whitfield is in 24 hours."],
    advisor: ["Your call is tomorrow", "A reminder: your Admissions call with Omar Haddad is in 24 hours."],
  },
  "reminder-1h": {
    visitor: ["Your call starts in one hour", "A reminder: your Admissions call with Dana Whitfield starts in one hour."],
    advisor: ["Your call starts in one hour", "A reminder: your Admissions call with Omar Haddad starts in one hour."],
  },
};

const INVITE_SENTENCE: Record<BookingEmailKind, string | null> = {
  confirmed: "The invite attached to this email adds the call to your calendar.",
  rescheduled: "The invite attached to this email moves it in your calendar.",
  cancelled: "The update attached to this email removes the call from your calendar.",
  "reminder-24h": null,
  "reminder-1h": null,
};

const render = (change: Partial<BookingEmailData>) =>
  renderEmail("booking", { ...base, previousStartsAt: "2026-12-09T17:00:00.000Z", ...change } as BookingEmailData, ctx);

describe("booking emails", () => {
  for (const kind of KINDS) {
    it(`${kind}, to the visitor: what happened, in their zone, the invite, and their own link only`, async () => {
      const { subject, html, text, attachments } = await render({ kind });
      const [title, intro] = COPY[kind].visitor;
      expect(subject.startsWith(`${title}: Admissions call, Thursday, 10 December 2026, 12:00 Pacific Time`)).toBe(true);
      expect(text).toContain(title);
      expect(text).toContain(intro);
      // How the call happens, while it is on.
      if (kind === "cancelled") expect(text).not.toContain("will call you");
      else expect(text).toContain("Dana Whitfield will call you on +12025550143 at that time.");
      expect(text).toContain("Thursday, 10 December 2026, 12:00–12:20, Pacific Time");
      expect(text).toMatch(/Advisor\s+Dana Whitfield/);
      const sentence = INVITE_SENTENCE[kind];
      if (sentence) expect(text).toContain(sentence);
      else expect(text).not.toMatch(/attached to this email/);
      // The sentence about the invite is there exactly when the invite is.
      expect(Boolean(attachments?.length)).toBe(Boolean(sentence));
      // Never the advisor's side: no lead, no what-they-sent.
      expect(html).not.toContain(LEAD);
      expect(text).not.toContain("What they sent us");
      expect(text).not.toContain("financing");
      if (kind === "cancelled") {
        expect(html).not.toContain(MANAGE);
        expect(text).not.toContain("Reschedule or cancel");
        expect(html).toContain(`href="${SITE}/book"`);
        expect(text).toContain("Book a new time");
      } else {
        expect(html).toContain(`href="${MANAGE}"`);
        expect(text).toContain(`Reschedule or cancel ${MANAGE}`);
        expect(text).toContain("please don't forward this email");
      }
    });

    it(`${kind}, to the advisor: who, in the advisor's zone, and the lead, never the visitor's secret link`, async () => {
      const { subject, html, text } = await render({ kind, audience: "advisor", timeZone: "America/Chicago" });
      const [title, intro] = COPY[kind].advisor;
      expect(subject.startsWith(`${title}: Admissions call, Thursday, 10 December 2026, 14:00 Central Time`)).toBe(true);
      expect(text).toContain(intro);
      expect(text).toContain("Thursday, 10 December 2026, 14:00–14:20, Central Time");
      for (const fact of ["Omar Haddad", "omar@example.com", "+12025550143", "Data Analytics"]) expect(text).toContain(fact);
      expect(html).toContain(`href="${LEAD}"`);
      expect(text).toContain(`Open the lead ${LEAD}`);
      expect(html).not.toContain("SECRETTOKEN123");
      expect(text).not.toContain("SECRETTOKEN123");
      // What the visitor sent, while the call is on.
      if (kind === "cancelled") expect(text).not.toContain("financing");
      else expect(text).toMatch(/What they sent us:\s+Message\s+Can we talk about financing\?/);
    });
  }

  it("a new time shows the old one too, the same length, in the reader's zone", async () => {
    const visitor = await render({ kind: "rescheduled", previousStartsAt: "2026-12-09T07:50:00.000Z" });
    // 07:50 UTC is 23:50 the evening before in Los Angeles: the old call ran past midnight.
    expect(visitor.text).toMatch(/New time\s+Thursday, 10 December 2026, 12:00–12:20, Pacific Time/);
    expect(visitor.text).toMatch(/Was\s+Tuesday, 8 December 2026, 23:50 to Wednesday, 9 December\s+2026, 00:10, Pacific Time/);
    expect(visitor.text).toContain("The links in earlier emails about this call no longer work.");
    const advisor = await render({ kind: "rescheduled", audience: "advisor", timeZone: "America/Chicago", previousStartsAt: "2026-12-09T07:50:00.000Z" });
    expect(advisor.text).toMatch(/Was\s+Wednesday, 9 December 2026, 01:50–02:10, Central Time/);
    // Only a new time has a "Was".
    expect((await render({ kind: "confirmed" })).text).not.toMatch(/\bWas\b/);
  });

  it("names the reader's zone and its offset on the day, across daylight saving", async () => {
    // Moved from before the clocks went back in Los Angeles (1 November 2026) to after.
    const moved = await render({
      kind: "rescheduled",
      previousStartsAt: "2026-10-30T17:00:00.000Z",
      startsAt: "2026-11-02T18:00:00.000Z",
      endsAt: "2026-11-02T18:20:00.000Z",
    });
    expect(moved.text.replace(/\s+/g, " ")).toContain("New time Monday, 2 November 2026, 10:00–10:20, Pacific Time (Los Angeles), UTC−08:00");
    expect(moved.text.replace(/\s+/g, " ")).toContain("Was Friday, 30 October 2026, 10:00–10:20, Pacific Time (Los Angeles), UTC−07:00");
  });

  it("a visitor in UTC+13 and one in UTC−10 see the same call on different days, their own zone named", async () => {
    const tonga = await render({ timeZone: "Pacific/Tongatapu" });
    expect(tonga.text.replace(/\s+/g, " ")).toContain("Friday, 11 December 2026, 09:00–09:20, Tonga Standard Time (Tongatapu), UTC+13:00");
    expect(tonga.subject).toContain("Friday, 11 December 2026, 09:00");
    const hawaii = await render({ timeZone: "Pacific/Honolulu" });
    expect(hawaii.text.replace(/\s+/g, " ")).toContain("Thursday, 10 December 2026, 10:00–10:20, Hawaii-Aleutian Standard Time (Honolulu), UTC−10:00");
  });

  it("zones in words: a city where there is one, the offset always, UTC for an unknown zone", () => {
    const at = new Date("2026-12-10T20:00:00.000Z");
    expect(zoneInWords("America/Los_Angeles", at)).toBe("Pacific Time (Los Angeles), UTC−08:00");
    expect(zoneInWords("America/Los_Angeles", new Date("2026-07-10T20:00:00.000Z"))).toBe("Pacific Time (Los Angeles), UTC−07:00");
    expect(zoneInWords("Asia/Kathmandu", at)).toBe("Nepal Time (Kathmandu), UTC+05:45");
    expect(zoneInWords("UTC", at)).toBe("Coordinated Universal Time, UTC+00:00");
    expect(zoneInWords("Etc/GMT+10", at)).toBe("UTC−10:00");
    expect(zoneInWords("Mars/Olympus_Mons", at)).toBe("Coordinated Universal Time, UTC+00:00");
  });

  it("without a phone number the visitor is told the advisor will be in touch; the advisor sees none was given", async () => {
    const visitor = await render({ visitor: { name: "Omar Haddad", email: "omar@example.com", phone: null } });
    expect(visitor.text).toContain("Dana Whitfield will be in touch at that time.");
    const advisor = await render({ audience: "advisor", visitor: { name: null, email: "omar@example.com", phone: null } });
    expect(advisor.text).toContain("omar@example.com booked a call with you: Admissions call.");
    expect(advisor.text).toMatch(/Phone\s+—/);
  });

  it("reads old or partial data without failing: an unknown kind reads as a confirmation, broken times as a dash", async () => {
    const odd = await renderEmail("booking", { kind: "postponed", startsAt: "soon", visitor: null } as never, ctx);
    expect(odd.subject).toBe("Your call is booked: call, —");
    expect(odd.text).toContain("Hello,");
    expect(odd.attachments).toBeUndefined();
  });
});
