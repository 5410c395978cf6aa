/**
 * Reads a calendar invite the way a calendar would, with ical.js (Mozilla's iCalendar parser,
 * the one Thunderbird uses) rather than with the library that wrote it: what the tests check
 * is what a strict reader gets out of the file. For the booking invites (lib/booking/ics.ts)
 * in unit, integration and browser tests.
 */
import ICAL from "ical.js";

export type ParsedInvite = {
  method: string | null;
  /** How many VEVENTs the file holds (an invite holds one). */
  events: number;
  uid: string | null;
  sequence: number | null;
  status: string | null;
  summary: string | null;
  description: string | null;
  start: Date | null;
  end: Date | null;
  stamp: Date | null;
  /** Whether DTSTART and DTEND are UTC instants (a trailing Z), not floating or zoned times. */
  utc: boolean;
  organizer: { email: string; name: string | null } | null;
  attendees: { email: string; name: string | null; partstat: string | null; role: string | null }[];
};

const mailto = (value: unknown) => String(value).replace(/^mailto:/i, "");

export function parseInvite(content: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const events = calendar.getAllSubcomponents("vevent");
  const event = events[0];
  const text = (name: string) => {
    const v = event?.getFirstPropertyValue(name);
    return v === null || v === undefined ? null : String(v);
  };
  const time = (name: string) => {
    const v = event?.getFirstPropertyValue(name);
    return v instanceof ICAL.Time ? v.toJSDate() : null;
  };
  const isUtc = (name: string) => {
    const v = event?.getFirstPropertyValue(name);
    return v instanceof ICAL.Time && v.zone === ICAL.Timezone.utcTimezone;
  };
  const organizer = event?.getFirstProperty("organizer");
  const sequence = event?.getFirstPropertyValue("sequence");
  const method = calendar.getFirstPropertyValue("method");
  return {
    method: method === null || method === undefined ? null : String(method),
    events: events.length,
    uid: text("uid"),
    sequence: typeof sequence === "number" ? sequence : null,
    status: text("status"),
    summary: text("summary"),
    description: text("description"),
    start: time("dtstart"),
    end: time("dtend"),
    stamp: time("dtstamp"),
    utc: isUtc("dtstart") && isUtc("dtend"),
    organizer: organizer ? { email: mailto(organizer.getFirstValue()), name: (organizer.getParameter("cn") as string | undefined) ?? null } : null,
    attendees: (event?.getAllProperties("attendee") ?? []).map((p) => ({
      email: mailto(p.getFirstValue()),
      name: (p.getParameter("cn") as string | undefined) ?? null,
      partstat: (p.getParameter("partstat") as string | undefined) ?? null,
      role: (p.getParameter("role") as string | undefined) ?? null,
    })),
  };
}
