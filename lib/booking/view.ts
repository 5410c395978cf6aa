import type { Db } from "../db";
import type { Tx } from "../db/dialect";
import type { Booking } from "../generated/prisma/client";

/** booked | done | no_show | cancelled */
export type BookingStatus = "booked" | "done" | "no_show" | "cancelled";

/**
 * A booking as pages and the console show it: the call, its advisor, the visitor's lead and
 * the zone the visitor chose. Instants are UTC Dates.
 */
export type BookingView = {
  id: string;
  /** iCalendar UID and SEQUENCE of the invite. */
  uid: string;
  sequence: number;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  /** The advisor's buffer when booked (kept free after the call). */
  bufferMinutes: number;
  visitorTimeZone: string;
  programSlug: string | null;
  programName: string | null;
  rescheduleCount: number;
  createdAt: Date;
  cancelledAt: Date | null;
  /** visitor | staff */
  cancelledBy: string | null;
  outcomeAt: Date | null;
  callType: { id: string; slug: string; name: string; durationMinutes: number };
  advisor: { id: string; name: string; email: string; timeZone: string };
  lead: { id: string; name: string | null; email: string | null; phone: string | null; formType: string };
  contactId: string;
};

export const BOOKING_VIEW_INCLUDE = {
  callType: { select: { id: true, slug: true, name: true, durationMinutes: true } },
  advisor: { select: { userId: true, timeZone: true, user: { select: { name: true, email: true } } } },
  lead: { select: { id: true, name: true, email: true, phone: true, formType: true, fields: true } },
  contact: { select: { name: true, email: true, phone: true } },
} as const;

export type BookingWithParts = Booking & {
  callType: { id: string; slug: string; name: string; durationMinutes: number };
  advisor: { userId: string; timeZone: string; user: { name: string; email: string } };
  lead: { id: string; name: string | null; email: string | null; phone: string | null; formType: string; fields: string };
  contact: { name: string | null; email: string | null; phone: string | null };
};

const STATUSES: readonly string[] = ["booked", "done", "no_show", "cancelled"];

export function toBookingView(b: BookingWithParts, programName: string | null): BookingView {
  return {
    id: b.id,
    uid: b.uid,
    sequence: b.sequence,
    status: (STATUSES.includes(b.status) ? b.status : "booked") as BookingStatus,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    bufferMinutes: b.bufferMinutes,
    visitorTimeZone: b.visitorTimeZone,
    programSlug: b.programSlug,
    programName,
    rescheduleCount: b.rescheduleCount,
    createdAt: b.createdAt,
    cancelledAt: b.cancelledAt,
    cancelledBy: b.cancelledBy,
    outcomeAt: b.outcomeAt,
    callType: b.callType,
    advisor: { id: b.advisor.userId, name: b.advisor.user.name, email: b.advisor.user.email, timeZone: b.advisor.timeZone },
    // The lead's own details; a lead without them (rare) falls back to its contact's.
    lead: {
      id: b.lead.id,
      name: b.lead.name ?? b.contact.name,
      email: b.lead.email ?? b.contact.email,
      phone: b.lead.phone ?? b.contact.phone,
      formType: b.lead.formType,
    },
    contactId: b.contactId,
  };
}

/** Program names by slug, for the bookings that name one. */
export async function programNames(db: Db | Tx, slugs: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(slugs.filter((s): s is string => Boolean(s)))];
  if (!wanted.length) return new Map();
  const rows = await db.program.findMany({ where: { slug: { in: wanted } }, select: { slug: true, name: true } });
  return new Map(rows.map((r) => [r.slug, r.name]));
}

/**
 * One booking with its parts, or null. The parts are read one after the other: Prisma would
 * read sibling relations at once, which inside a transaction on PostgreSQL means queries
 * queued on one connection (a pg deprecation).
 */
export async function loadBooking(db: Db | Tx, where: { id: string } | { manageTokenHash: string }): Promise<BookingWithParts | null> {
  const b = await db.booking.findUnique({ where });
  if (!b) return null;
  const callType = await db.callType.findUniqueOrThrow({ where: { id: b.callTypeId }, ...BOOKING_VIEW_INCLUDE.callType });
  const advisor = await db.advisor.findUniqueOrThrow({ where: { userId: b.advisorId }, ...BOOKING_VIEW_INCLUDE.advisor });
  const lead = await db.lead.findUniqueOrThrow({ where: { id: b.leadId }, ...BOOKING_VIEW_INCLUDE.lead });
  const contact = await db.contact.findUniqueOrThrow({ where: { id: b.contactId }, ...BOOKING_VIEW_INCLUDE.contact });
  return { ...b, callType, advisor, lead, contact };
}
