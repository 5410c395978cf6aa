import type { Db } from "../db";
import { dialectOf } from "../db/dialect";
import { queueEmail } from "../email/outbox";
import type { EventRsvpDetails, EventUpdateData } from "../email/template-data";
import type { Prisma } from "../generated/prisma/client";
import { EVENT_PATH, placeText, type EventRow } from "./event";
import { describeEventTime, reminderTimes } from "./time";
import { rsvpCalendarUrl, rsvpManageUrl } from "./tokens";

/**
 * Seats, the waitlist and the emails that follow them. The seat counter on the event is
 * only ever changed by a conditional update ("one more, if fewer than capacity"), inside the
 * transaction that changes the RSVP: on SQLite one writer runs at a time, and on PostgreSQL
 * the second of two racing updates waits for the first and re-checks the condition, so the
 * seats taken never pass capacity however many people RSVP at once.
 */

type Tx = Prisma.TransactionClient;
export type RsvpStatus = "going" | "waitlisted" | "cancelled";
type Person = { id: string; email: string | null; name: string | null };
type RsvpRow = { id: string; status: string; round: number; eventId: string; contactId: string };

/** Takes one seat if one is free. */
async function claimSeat(tx: Tx, eventId: string): Promise<boolean> {
  const { count } = await tx.event.updateMany({ where: { id: eventId, seatsTaken: { lt: tx.event.fields.capacity } }, data: { seatsTaken: { increment: 1 } } });
  return count === 1;
}

async function releaseSeat(tx: Tx, eventId: string): Promise<void> {
  await tx.event.updateMany({ where: { id: eventId, seatsTaken: { gt: 0 } }, data: { seatsTaken: { decrement: 1 } } });
}

/** How the RSVP's emails describe it. */
export function rsvpDetails(event: EventRow, rsvpId: string, status: "going" | "waitlisted", siteUrl: string, already = false): EventRsvpDetails {
  const going = status === "going";
  return {
    status,
    ...(already ? { already } : {}),
    eventTitle: event.title,
    when: describeEventTime(event.startsAt, event.durationMinutes, event.timeZone),
    where: placeText(event),
    onlineUrl: going ? event.onlineUrl : null,
    eventUrl: `${siteUrl}${EVENT_PATH(event.slug)}`,
    manageUrl: rsvpManageUrl(siteUrl, rsvpId),
    calendarUrl: going ? rsvpCalendarUrl(siteUrl, rsvpId) : null,
  };
}

const emailKey = (rsvp: Pick<RsvpRow, "id" | "round">, what: string) => `rsvp:${rsvp.id}:${rsvp.round}:${what}`;

/**
 * Queues the reminders of a seat, each once: keyed by the RSVP, its round and the event's
 * version (its last edit), so a second call is a no-op and an edited event (a new time, a
 * new place) gets reminders that say what is true now.
 */
export async function queueReminders(tx: Tx, event: EventRow, rsvp: Pick<RsvpRow, "id" | "round">, person: Person, siteUrl: string, now: Date): Promise<void> {
  if (!person.email) return;
  for (const r of reminderTimes(event.startsAt, now)) {
    const data: EventUpdateData = { kind: r.key, name: person.name, rsvp: rsvpDetails(event, rsvp.id, "going", siteUrl) };
    await queueEmail(tx, {
      to: person.email,
      template: "event-update",
      data,
      category: "transactional",
      idempotencyKey: emailKey(rsvp, `${r.key}:${event.updatedAt.getTime()}`),
      contactId: person.id,
      sendAt: r.at,
    });
  }
}

/**
 * Withdraws an RSVP's reminders that have not gone out. A message a dispatcher holds at
 * this moment is left alone (it is being sent), so nothing is half-cancelled.
 */
export async function cancelReminders(tx: Tx, rsvpId: string, now: Date): Promise<number> {
  const { count } = await tx.emailMessage.updateMany({
    where: {
      idempotencyKey: { startsWith: `rsvp:${rsvpId}:` },
      template: "event-update",
      status: "pending",
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
      data: { contains: '"kind":"reminder' },
    },
    data: { status: "cancelled", lastError: "The RSVP was cancelled or the event moved" },
  });
  return count;
}

export type RsvpOutcome = {
  rsvpId: string;
  status: "going" | "waitlisted";
  /** The RSVP is new, or came back after a cancellation (it gets its own confirmation). */
  changed: boolean;
  round: number;
  /** What anyone sending the form now would have been told: a seat was free. Never personal. */
  seatWasFree: boolean;
  details: EventRsvpDetails;
};

/**
 * An RSVP from the form, in the submission's transaction: a seat if one is free, else the
 * waitlist. Someone already going or waitlisted keeps their place (no second seat).
 */
export async function takeSeatOrWaitlist(tx: Tx, args: { event: EventRow; contact: Person; leadId: string; siteUrl: string; now: Date }): Promise<RsvpOutcome> {
  const { event, contact, leadId, siteUrl, now } = args;
  const existing = await tx.eventRsvp.findUnique({ where: { eventId_contactId: { eventId: event.id, contactId: contact.id } } });
  if (existing && existing.status !== "cancelled") {
    await tx.eventRsvp.update({ where: { id: existing.id }, data: { leadId } });
    const fresh = await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { capacity: true, seatsTaken: true } });
    const status = existing.status === "going" ? "going" : "waitlisted";
    return {
      rsvpId: existing.id,
      status,
      changed: false,
      round: existing.round,
      seatWasFree: fresh.seatsTaken < fresh.capacity,
      details: rsvpDetails(event, existing.id, status, siteUrl, true),
    };
  }
  const seat = await claimSeat(tx, event.id);
  const status = seat ? "going" : "waitlisted";
  const fields = { status, leadId, waitlistedAt: seat ? null : now, cancelledAt: null, attendedAt: null };
  const rsvp = existing
    ? await tx.eventRsvp.update({ where: { id: existing.id }, data: { ...fields, round: { increment: 1 } } })
    : await tx.eventRsvp.create({ data: { ...fields, eventId: event.id, contactId: contact.id, createdAt: now } });
  if (seat) await queueReminders(tx, event, rsvp, contact, siteUrl, now);
  return { rsvpId: rsvp.id, status, changed: true, round: rsvp.round, seatWasFree: seat, details: rsvpDetails(event, rsvp.id, status, siteUrl) };
}

/**
 * Gives free seats to the waitlist, earliest first, each with an email and reminders, in
 * the caller's transaction. Two transactions promoting at once never give one person two
 * seats or one seat to two people: the seat and the RSVP each change by a conditional
 * update, and a lost race on the RSVP hands the seat back and tries the next person.
 */
export async function promoteFromWaitlist(tx: Tx, eventId: string, siteUrl: string, now: Date): Promise<string[]> {
  const promoted: string[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    const next = await tx.eventRsvp.findFirst({
      where: { eventId, status: "waitlisted" },
      orderBy: [{ waitlistedAt: "asc" }, { id: "asc" }],
      include: { contact: { select: { id: true, email: true, name: true } } },
    });
    if (!next) break;
    if (!(await claimSeat(tx, eventId))) break;
    const moved = await tx.eventRsvp.updateMany({ where: { id: next.id, status: "waitlisted" }, data: { status: "going", waitlistedAt: null } });
    if (moved.count !== 1) {
      await releaseSeat(tx, eventId);
      continue;
    }
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId } });
    if (next.contact.email) {
      const data: EventUpdateData = { kind: "promoted", name: next.contact.name, rsvp: rsvpDetails(event, next.id, "going", siteUrl) };
      await queueEmail(tx, {
        to: next.contact.email,
        template: "event-update",
        data,
        category: "transactional",
        idempotencyKey: emailKey(next, "promoted"),
        contactId: next.contact.id,
        leadId: next.leadId ?? undefined,
      });
    }
    await queueReminders(tx, event, next, next.contact, siteUrl, now);
    promoted.push(next.id);
  }
  return promoted;
}

export type CancelOutcome = { ok: true; eventSlug: string; promoted: string[] } | { ok: false; reason: "unknown" | "already-cancelled" | "past" };

/**
 * The person cancels (the button behind their email's link): the RSVP is cancelled once,
 * its reminders withdrawn, and a freed seat goes to the waitlist, all in one transaction.
 */
export async function cancelRsvp(db: Db, rsvpId: string, siteUrl: string, now: Date): Promise<CancelOutcome> {
  return db.$transaction(async (tx) => {
    const rsvp = await tx.eventRsvp.findUnique({ where: { id: rsvpId }, include: { event: { select: { startsAt: true } } } });
    if (!rsvp) return { ok: false, reason: "unknown" } as const;
    if (rsvp.event.startsAt <= now) return { ok: false, reason: "past" } as const;
    return cancelInTransaction(tx, rsvpId, siteUrl, now);
  }, dialectOf(db).readCommitted);
}

/**
 * Cancels an RSVP in the caller's transaction (the person's link, or erasing the person).
 * The change is conditional on the status just read, so a promotion racing with it cannot
 * leave a seat counted for a cancelled RSVP: a lost race reads again.
 */
export async function cancelInTransaction(tx: Tx, rsvpId: string, siteUrl: string, now: Date): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const rsvp = await tx.eventRsvp.findUnique({ where: { id: rsvpId }, include: { event: { select: { id: true, slug: true } } } });
    if (!rsvp) return { ok: false, reason: "unknown" };
    if (rsvp.status !== "going" && rsvp.status !== "waitlisted") return { ok: false, reason: "already-cancelled" };
    const { count } = await tx.eventRsvp.updateMany({
      where: { id: rsvp.id, status: rsvp.status },
      data: { status: "cancelled", cancelledAt: now, waitlistedAt: null },
    });
    if (count !== 1) continue;
    await cancelReminders(tx, rsvp.id, now);
    let promoted: string[] = [];
    if (rsvp.status === "going") {
      await releaseSeat(tx, rsvp.event.id);
      promoted = await promoteFromWaitlist(tx, rsvp.event.id, siteUrl, now);
    }
    return { ok: true, eventSlug: rsvp.event.slug, promoted };
  }
  return { ok: false, reason: "already-cancelled" };
}

/**
 * After staff change an event: the unsent reminders are replaced by ones that say what is
 * true now (and fall due at the new time if it moved), and a larger capacity gives the new
 * seats to the waitlist. In the edit's transaction.
 */
export async function afterEventEdit(tx: Tx, eventId: string, siteUrl: string, now: Date): Promise<void> {
  const event = await tx.event.findUniqueOrThrow({ where: { id: eventId } });
  const going = await tx.eventRsvp.findMany({ where: { eventId, status: "going" }, include: { contact: { select: { id: true, email: true, name: true } } } });
  for (const r of going) {
    await cancelReminders(tx, r.id, now);
    await queueReminders(tx, event, r, r.contact, siteUrl, now);
  }
  await promoteFromWaitlist(tx, eventId, siteUrl, now);
}
