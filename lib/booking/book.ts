import type { Db } from "../db";
import type { Tx } from "../db/dialect";
import { newId } from "../db/sql";
import type { SummaryRow } from "../email/template-data";
import { isTimeZone } from "../events/time";
import { slotQueryFor, type CallTypeRow } from "./availability";
import { claimSpan, releaseClaims } from "./claims";
import { hashManageToken, MANAGE_TOKEN_PATTERN, newManageToken } from "./manage-token";
import { notifyBooked, notifyCancelled, notifyRescheduled, type BookingMail } from "./notify";
import { roundRobinOrder } from "./round-robin";
import { freeSlots, type FreeSlot } from "./slots";
import { describeCall, writeBookingActivity } from "./timeline";
import { loadBooking, programNames, toBookingView, type BookingView, type BookingWithParts } from "./view";

export { agenda, type AgendaItem } from "./agenda";
export type { BookingStatus, BookingView } from "./view";

/**
 * Booking, moving and cancelling a call, each in the caller's transaction.
 *
 * No double booking is the database's rule, not a check here: a booking holds its advisor's
 * time through BookingClaim rows (lib/booking/claims.ts). bookSlot first asks the slot
 * computation whether the time is offered now, orders the advisors free then by round-robin
 * (lib/booking/round-robin.ts), and tries each in turn: it writes the booking, claims its
 * blocks, and when the database had already given any block to another booking (a visitor
 * on another server won the race) it removes this attempt and tries the next advisor. When
 * none is left the visitor gets "taken" and the next free times.
 */

export type BookRequest = {
  callTypeId: string;
  startsAt: Date;
  programSlug?: string | null;
  leadId: string;
  contactId: string;
  /** The visitor's IANA zone: their emails show the call in it (an unknown zone reads as UTC). */
  visitorTimeZone: string;
  visitor: { name: string | null; email: string; phone: string | null };
  /** What the visitor sent (their form's summary), for the advisor's email. */
  summary?: SummaryRow[];
  siteUrl: string;
  now: Date;
};

export type BookFailureReason = "taken" | "not-offered" | "unknown" | "closed";

export type BookResult =
  | { ok: true; bookingId: string; advisorId: string; startsAt: Date; endsAt: Date; manageToken: string }
  | {
      ok: false;
      /**
       * taken: another booking got the time first; not-offered: the time is not bookable
       * (outside hours, too soon, too far, an unknown call type); unknown / closed
       * (rescheduleBooking): no such booking, or it is cancelled, marked or over.
       */
      reason: BookFailureReason;
      message: string;
      /** Up to 5 free starts after the asked time. */
      nextSlots: FreeSlot[];
    };

export const BOOK_MESSAGES: Record<BookFailureReason, string> = {
  taken: "That time was just taken. Please choose another time.",
  "not-offered": "That time is not available. Please choose one of the times offered.",
  unknown: "We could not find this booking.",
  closed: "This call can no longer be changed.",
};

const NEXT_SLOTS = 5;
const MINUTE = 60_000;

export const bookingUid = (id: string) => `booking-${id}@loomstack.example`;

const fail = (reason: BookFailureReason, nextSlots: FreeSlot[] = []): BookResult => ({ ok: false, reason, message: BOOK_MESSAGES[reason], nextSlots });

const isInstant = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

type Offer = { callType: CallTypeRow & { name: string }; programSlug: string | null; now: Date; startsAt: Date; excludeBookingId?: string };

/** The offered slot starting exactly at `startsAt`, as the database stands now. */
async function offeredSlot(tx: Tx, o: Offer): Promise<FreeSlot | null> {
  const endsAt = new Date(o.startsAt.getTime() + o.callType.durationMinutes * MINUTE);
  const query = await slotQueryFor(tx, o.callType, {
    programSlug: o.programSlug,
    now: o.now,
    from: o.startsAt,
    to: endsAt,
    excludeBookingId: o.excludeBookingId,
  });
  const at = o.startsAt.getTime();
  return freeSlots(query).find((s) => s.startsAt.getTime() === at) ?? null;
}

/** Why a time is not offered: someone else's booking ("taken") or the rules themselves. */
async function refusal(tx: Tx, o: Offer): Promise<BookResult> {
  const endsAt = new Date(o.startsAt.getTime() + o.callType.durationMinutes * MINUTE);
  const query = await slotQueryFor(tx, o.callType, {
    programSlug: o.programSlug,
    now: o.now,
    from: o.startsAt,
    to: endsAt,
    excludeBookingId: o.excludeBookingId,
  });
  const at = o.startsAt.getTime();
  const withoutBookings = freeSlots({ ...query, busy: [] }).some((s) => s.startsAt.getTime() === at);
  return fail(withoutBookings ? "taken" : "not-offered", await nextSlots(tx, o));
}

/** Up to five free starts after the asked time (or after now, for a time in the past). */
async function nextSlots(tx: Tx, o: Offer): Promise<FreeSlot[]> {
  const after = isInstant(o.startsAt) && o.startsAt > o.now ? o.startsAt : o.now;
  const query = await slotQueryFor(tx, o.callType, { programSlug: o.programSlug, now: o.now, from: after, excludeBookingId: o.excludeBookingId });
  return freeSlots(query)
    .filter((s) => s.startsAt > after)
    .slice(0, NEXT_SLOTS);
}

async function advisorsById(tx: Tx, ids: string[]) {
  const rows = await tx.advisor.findMany({ where: { userId: { in: ids } }, include: { user: { select: { name: true, email: true } } } });
  return new Map(rows.map((a) => [a.userId, a]));
}

/** The booking as its emails describe it. */
function mailOf(b: BookingWithParts, programName: string | null, visitor?: BookRequest["visitor"]): BookingMail {
  const view = toBookingView(b, programName);
  return {
    bookingId: b.id,
    leadId: b.leadId,
    contactId: b.contactId,
    uid: b.uid,
    sequence: b.sequence,
    callTypeName: b.callType.name,
    durationMinutes: b.callType.durationMinutes,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    visitorTimeZone: b.visitorTimeZone,
    programName,
    visitor: visitor ?? { name: view.lead.name, email: view.lead.email, phone: view.lead.phone },
    advisor: { name: view.advisor.name, email: view.advisor.email, timeZone: view.advisor.timeZone },
  };
}

async function programNameOf(db: Db | Tx, slug: string | null): Promise<string | null> {
  return slug ? ((await programNames(db, [slug])).get(slug) ?? null) : null;
}

/**
 * Books the call at `startsAt` if it is offered now, with the advisor round-robin picks
 * among those free, in the caller's transaction: the booking, its claims, the lead's
 * timeline and the emails (confirmations and reminders) together or not at all.
 */
export async function bookSlot(tx: Tx, r: BookRequest): Promise<BookResult> {
  const callType = await tx.callType.findUnique({ where: { id: r.callTypeId }, select: { id: true, name: true, durationMinutes: true, active: true } });
  if (!callType?.active || !isInstant(r.startsAt)) return fail("not-offered");
  // A program the catalogue does not have (a tampered link) is no program: no pins, nothing stored.
  const programSlug = r.programSlug && (await tx.program.findUnique({ where: { slug: r.programSlug }, select: { slug: true } })) ? r.programSlug : null;
  const offer: Offer = { callType, programSlug, now: r.now, startsAt: r.startsAt };
  const slot = await offeredSlot(tx, offer);
  if (!slot) return refusal(tx, offer);

  const visitorTimeZone = isTimeZone(r.visitorTimeZone) ? r.visitorTimeZone : "UTC";
  const startsAt = r.startsAt;
  const endsAt = new Date(startsAt.getTime() + callType.durationMinutes * MINUTE);
  const order = await roundRobinOrder(tx, slot.advisorIds, r.now);
  const advisors = await advisorsById(tx, order);
  for (const advisorId of order) {
    const advisor = advisors.get(advisorId);
    if (!advisor) continue;
    const id = newId();
    const token = newManageToken();
    await tx.booking.create({
      data: {
        id,
        uid: bookingUid(id),
        leadId: r.leadId,
        contactId: r.contactId,
        advisorId,
        callTypeId: callType.id,
        programSlug,
        startsAt,
        endsAt,
        bufferMinutes: advisor.bufferMinutes,
        visitorTimeZone,
        manageTokenHash: token.hash,
        createdAt: r.now,
      },
    });
    if (!(await claimSpan(tx, id, { advisorId, startsAt, endsAt, bufferMinutes: advisor.bufferMinutes }))) {
      // Lost to a booking that got there first: this attempt leaves nothing behind.
      await releaseClaims(tx, id);
      await tx.booking.delete({ where: { id } });
      continue;
    }
    const booking = (await loadBooking(tx, { id }))!;
    const programName = await programNameOf(tx, booking.programSlug);
    await writeBookingActivity(tx, {
      leadId: r.leadId,
      detail: `Call booked: ${callType.name}, ${describeCall(startsAt, endsAt, advisor.timeZone)}, with ${advisor.user.name}.`,
      now: r.now,
    });
    await notifyBooked(tx, mailOf(booking, programName, r.visitor), { siteUrl: r.siteUrl, manageToken: token.token, summary: r.summary, now: r.now });
    return { ok: true, bookingId: id, advisorId, startsAt, endsAt, manageToken: token.token };
  }
  return fail("taken", await nextSlots(tx, offer));
}

/** Whether a booking can still be moved or cancelled at `now`. */
const changeable = (b: { status: string; endsAt: Date }, now: Date) => b.status === "booked" && now < b.endsAt;

/**
 * Moves a booked call to `startsAt`: the same advisor when they are free then, otherwise the
 * advisor round-robin picks (the one it leaves gets a cancellation). The old blocks are
 * released and the new ones claimed in the transaction; the sequence goes up, the UID stays,
 * the manage link is replaced (the old one stops working), the reminders move.
 */
export async function rescheduleBooking(
  tx: Tx,
  a: { bookingId: string; startsAt: Date; now: Date; siteUrl: string; actorId?: string | null },
): Promise<BookResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const b = await loadBooking(tx, { id: a.bookingId });
    if (!b) return fail("unknown");
    if (!changeable(b, a.now)) return fail("closed");
    const callType = { id: b.callType.id, name: b.callType.name, durationMinutes: b.callType.durationMinutes };
    const offer: Offer = { callType, programSlug: b.programSlug, now: a.now, startsAt: a.startsAt, excludeBookingId: b.id };
    if (!isInstant(a.startsAt)) return fail("not-offered");
    const slot = await offeredSlot(tx, offer);
    if (!slot) return refusal(tx, offer);

    // Takes the booking for this change: a concurrent change (another tab, staff) has moved
    // the sequence on, and this one reads the booking again.
    const taken = await tx.booking.updateMany({ where: { id: b.id, status: "booked", sequence: b.sequence }, data: { sequence: b.sequence + 1 } });
    if (taken.count !== 1) continue;

    const others = await roundRobinOrder(
      tx,
      slot.advisorIds.filter((id) => id !== b.advisorId),
      a.now,
    );
    const order = slot.advisorIds.includes(b.advisorId) ? [b.advisorId, ...others] : others;
    const advisors = await advisorsById(tx, [...order, b.advisorId]);
    const startsAt = a.startsAt;
    const endsAt = new Date(startsAt.getTime() + callType.durationMinutes * MINUTE);
    await releaseClaims(tx, b.id);
    let chosen: string | null = null;
    for (const advisorId of order) {
      const advisor = advisors.get(advisorId);
      if (!advisor) continue;
      if (await claimSpan(tx, b.id, { advisorId, startsAt, endsAt, bufferMinutes: advisor.bufferMinutes })) {
        chosen = advisorId;
        break;
      }
      await releaseClaims(tx, b.id);
    }
    if (!chosen) {
      // Everyone free a moment ago was taken since: the call stays where it was.
      if (!(await claimSpan(tx, b.id, { advisorId: b.advisorId, startsAt: b.startsAt, endsAt: b.endsAt, bufferMinutes: b.bufferMinutes }))) {
        throw new Error(`rescheduleBooking: could not restore the claims of booking ${b.id}`);
      }
      await tx.booking.update({ where: { id: b.id }, data: { sequence: b.sequence } });
      return fail("taken", await nextSlots(tx, offer));
    }

    const advisor = advisors.get(chosen)!;
    const token = newManageToken();
    await tx.booking.update({
      where: { id: b.id },
      data: {
        advisorId: chosen,
        startsAt,
        endsAt,
        bufferMinutes: advisor.bufferMinutes,
        manageTokenHash: token.hash,
        rescheduleCount: { increment: 1 },
      },
    });
    const moved = (await loadBooking(tx, { id: b.id }))!;
    const programName = await programNameOf(tx, moved.programSlug);
    const reassigned = chosen !== b.advisorId;
    await writeBookingActivity(tx, {
      leadId: b.leadId,
      actorId: a.actorId,
      detail:
        `Call moved: ${b.callType.name}, from ${describeCall(b.startsAt, b.endsAt, b.advisor.timeZone)} to ${describeCall(startsAt, endsAt, advisor.timeZone)}` +
        (reassigned ? `, now with ${advisor.user.name} (was ${b.advisor.user.name}).` : `, with ${advisor.user.name}.`),
      now: a.now,
    });
    await notifyRescheduled(tx, mailOf(moved, programName), {
      siteUrl: a.siteUrl,
      manageToken: token.token,
      previous: {
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        advisorId: b.advisorId,
        newAdvisorId: chosen,
        advisor: { name: b.advisor.user.name, email: b.advisor.user.email, timeZone: b.advisor.timeZone },
      },
      now: a.now,
    });
    return { ok: true, bookingId: b.id, advisorId: chosen, startsAt, endsAt, manageToken: token.token };
  }
  return fail("closed");
}

export type CancelResult = { ok: true; changed: boolean } | { ok: false; reason: "unknown" | "closed"; message: string };

/**
 * Cancels a booked call: its blocks are released, the sequence goes up, both sides get a
 * cancellation (METHOD:CANCEL) and the reminders are withdrawn. Cancelling a cancelled call
 * again changes nothing. A call that is over, or marked done or no-show, stays as it is.
 */
export async function cancelBooking(tx: Tx, a: { bookingId: string; now: Date; siteUrl: string; actorId?: string | null }): Promise<CancelResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const b = await loadBooking(tx, { id: a.bookingId });
    if (!b) return { ok: false, reason: "unknown", message: BOOK_MESSAGES.unknown };
    if (b.status === "cancelled") return { ok: true, changed: false };
    if (!changeable(b, a.now)) return { ok: false, reason: "closed", message: BOOK_MESSAGES.closed };
    const { count } = await tx.booking.updateMany({
      where: { id: b.id, status: "booked", sequence: b.sequence },
      data: { status: "cancelled", cancelledAt: a.now, cancelledBy: a.actorId ? "staff" : "visitor", sequence: b.sequence + 1 },
    });
    if (count !== 1) continue;
    await releaseClaims(tx, b.id);
    const programName = await programNameOf(tx, b.programSlug);
    await writeBookingActivity(tx, {
      leadId: b.leadId,
      actorId: a.actorId,
      detail: `Call cancelled by ${a.actorId ? "staff" : "the visitor"}: ${b.callType.name}, ${describeCall(b.startsAt, b.endsAt, b.advisor.timeZone)}.`,
      now: a.now,
    });
    await notifyCancelled(tx, mailOf({ ...b, sequence: b.sequence + 1 }, programName), { siteUrl: a.siteUrl, now: a.now });
    return { ok: true, changed: true };
  }
  return { ok: false, reason: "closed", message: BOOK_MESSAGES.closed };
}

export type OutcomeResult = { ok: true } | { ok: false; reason: "unknown" | "cancelled" | "not-started" | "changed" | "invalid"; message: string };

const OUTCOME_LABEL = { done: "done", no_show: "no-show" } as const;

/**
 * Staff mark a call done or no-show, from its start time on (a mistaken mark can be turned
 * into the other). The call keeps its blocks: its time was used.
 */
export async function setBookingOutcome(tx: Tx, a: { bookingId: string; outcome: "done" | "no_show"; actorId: string; now: Date }): Promise<OutcomeResult> {
  if (a.outcome !== "done" && a.outcome !== "no_show") return { ok: false, reason: "invalid", message: "Choose done or no-show." };
  const b = await tx.booking.findUnique({ where: { id: a.bookingId }, select: { id: true, leadId: true, status: true, startsAt: true } });
  if (!b) return { ok: false, reason: "unknown", message: BOOK_MESSAGES.unknown };
  if (b.status === "cancelled") return { ok: false, reason: "cancelled", message: "This call was cancelled." };
  if (a.now < b.startsAt) return { ok: false, reason: "not-started", message: "This call has not started yet." };
  if (b.status === a.outcome) return { ok: true };
  const { count } = await tx.booking.updateMany({
    where: { id: b.id, status: b.status },
    data: { status: a.outcome, outcomeAt: a.now, outcomeById: a.actorId },
  });
  if (count !== 1) return { ok: false, reason: "changed", message: "This call changed meanwhile. Reload the page." };
  await writeBookingActivity(tx, { leadId: b.leadId, actorId: a.actorId, detail: `Call marked ${OUTCOME_LABEL[a.outcome]}.`, now: a.now });
  return { ok: true };
}

/** The booking behind a visitor's manage link, or null (a link replaced by a move finds nothing). */
export async function bookingByManageToken(db: Db, token: string): Promise<BookingView | null> {
  if (typeof token !== "string" || !MANAGE_TOKEN_PATTERN.test(token)) return null;
  const b = await loadBooking(db, { manageTokenHash: hashManageToken(token) });
  return b ? toBookingView(b, await programNameOf(db, b.programSlug)) : null;
}
