import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { siteConfig } from "../site-config";
import type { EmailAttachment } from "../email/template-data";
import { oneLine, str } from "../email/templates/values";
import type { BookingEmailData } from "./email-data";

/**
 * The calendar invite a booking email carries (iTIP, RFC 5546, with ical-generator), built
 * from the email's data when it is rendered:
 *
 * - confirmed and rescheduled: METHOD:REQUEST, so calendars add the call, or move it;
 * - cancelled: METHOD:CANCEL with STATUS:CANCELLED, so calendars remove it;
 * - reminders: no invite (the calendar already holds the call).
 *
 * The UID is the booking's for its whole life and SEQUENCE grows with every change, so a
 * later invite updates the same entry. The visitor's copy and the advisor's share both and
 * differ only in what they say (summary, description). The organizer is the school, whose
 * address sends the email; the visitor and the advisor are the attendees, both already
 * accepted (the visitor chose the time, the advisor's calendar was free).
 *
 * Deterministic: the same data gives the same bytes (DTSTAMP is the time of the change, not
 * of the render), so a message re-sent after a crash is the same request, as the outbox's
 * Idempotency-Key needs (docs/email.md).
 */

export type BookingInvite = { method: "REQUEST" | "CANCEL"; content: string };

/** The name of the invite in the email. */
export const INVITE_FILENAME = "invite.ics";

const instant = (value: unknown): Date | null => {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * An address fit for a mailto: value (ical-generator writes it as it is): one line, no
 * quotes, spaces or separators. Forms validate addresses; this guards the file's structure.
 */
const address = (value: unknown): string | null => {
  const s = str(value);
  return s && /^[^\s"\\<>(),;:]+@[^\s"\\<>(),;:@]+$/.test(s) ? s : null;
};

/**
 * A name for a CN parameter. ical-generator quotes it and writes a quote inside as \", which
 * iCalendar has no such escape for (RFC 5545 3.2: a parameter value holds no DQUOTE): a
 * strict parser ends the value there. So quotes become apostrophes and backslashes go.
 */
const commonName = (value: unknown): string | undefined => {
  const s = str(value);
  const name = s ? oneLine(s.replace(/"/g, "'").replace(/\\/g, "")) : "";
  return name || undefined;
};

/** The invite for this email, or null (a reminder, or data too broken to name the call). */
export function bookingIcs(d: BookingEmailData): BookingInvite | null {
  if (d.kind !== "confirmed" && d.kind !== "rescheduled" && d.kind !== "cancelled") return null;
  const uid = str(d.uid);
  const start = instant(d.startsAt);
  const end = instant(d.endsAt);
  const visitorEmail = address(d.visitor?.email);
  const advisorEmail = address(d.advisor?.email);
  if (!uid || !start || !end || end <= start || !visitorEmail || !advisorEmail) return null;
  const sequence = Number.isSafeInteger(d.sequence) && d.sequence >= 0 ? d.sequence : 0;
  const method = d.kind === "cancelled" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;

  const callName = str(d.callTypeName) ?? "Call";
  const visitorName = str(d.visitor?.name);
  const advisorName = str(d.advisor?.name);
  const forAdvisor = d.audience === "advisor";
  const manageUrl = str(d.manageUrl);
  const leadUrl = str(d.leadUrl);
  const phone = str(d.visitor?.phone);
  const program = str(d.programName);

  const description = forAdvisor
    ? [
        `${callName} with ${visitorName ?? visitorEmail}.`,
        `Email: ${visitorEmail}`,
        phone ? `Phone: ${phone}` : null,
        program ? `Program: ${program}` : null,
        leadUrl ? `\nThe lead: ${leadUrl}` : null,
      ]
    : [
        `${callName} with ${advisorName ?? "an advisor"} of ${siteConfig.name}.`,
        program ? `Program: ${program}` : null,
        manageUrl && d.kind !== "cancelled" ? `\nReschedule or cancel: ${manageUrl}` : null,
        `\nQuestions: ${siteConfig.contact.email}`,
      ];

  const calendar = ical({ prodId: { company: siteConfig.name, product: "booking", language: "EN" }, method });
  calendar.createEvent({
    id: uid,
    sequence,
    stamp: instant(d.changedAt) ?? start,
    start,
    end,
    summary: forAdvisor ? `${callName} with ${visitorName ?? visitorEmail}` : `${callName} with ${siteConfig.name}`,
    description: description.filter((line) => line !== null).join("\n"),
    status: method === ICalCalendarMethod.CANCEL ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: siteConfig.name, email: siteConfig.contact.email },
    attendees: [
      { email: visitorEmail, name: commonName(visitorName), role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED, rsvp: false },
      { email: advisorEmail, name: commonName(advisorName), role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED, rsvp: false },
    ],
  });
  return { method, content: calendar.toString() };
}

/** The email attachments for a booking email: its invite, or none. */
export function bookingAttachments(d: BookingEmailData): EmailAttachment[] {
  const invite = bookingIcs(d);
  if (!invite) return [];
  return [{ filename: INVITE_FILENAME, contentType: `text/calendar; charset=utf-8; method=${invite.method}`, content: invite.content }];
}
