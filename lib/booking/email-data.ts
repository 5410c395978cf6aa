import type { SummaryRow } from "../email/template-data";

/**
 * What every email about a booked call carries (outbox template "booking"). One template,
 * told apart by `kind` and `audience`: the confirmation, a new time, a cancellation and the
 * two reminders, to the visitor or to the advisor. Written when the change is saved, so an
 * email says what was true then. Times are ISO instants; `timeZone` is the reader's zone.
 */
export type BookingEmailKind = "confirmed" | "rescheduled" | "cancelled" | "reminder-24h" | "reminder-1h";

export type BookingEmailData = {
  kind: BookingEmailKind;
  audience: "visitor" | "advisor";
  bookingId: string;
  leadId: string;
  /** iCalendar UID and SEQUENCE of the invite this email carries (confirmed, rescheduled, cancelled). */
  uid: string;
  sequence: number;
  /**
   * When the change this email reports was saved (ISO): the invite's DTSTAMP. Part of the
   * data, not the render's clock, so a re-sent message is byte for byte the same. Without
   * it the invite stamps the call's start.
   */
  changedAt?: string;
  callTypeName: string;
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
  /** A new time: when the call was before. */
  previousStartsAt?: string | null;
  /** The reader's zone: the visitor's chosen zone, or the advisor's own. */
  timeZone: string;
  visitor: { name: string | null; email: string; phone: string | null };
  advisor: { name: string; email: string };
  programName?: string | null;
  /** For the advisor: what the visitor sent (their form's summary). */
  summary?: SummaryRow[];
  /** For the visitor: the page to reschedule or cancel (carries their secret). */
  manageUrl?: string | null;
  /** For the advisor: the lead in the console. */
  leadUrl?: string | null;
};
