import type { Db } from "../db";
import { slotQueryFor } from "../booking/availability";
import { AGENDA_LIMIT } from "../booking/agenda";
import {
  agenda,
  cancelBooking,
  rescheduleBooking,
  setBookingOutcome,
  type AgendaItem,
  type BookResult,
  type CancelResult,
  type OutcomeResult,
} from "../booking/book";
import { freeSlots, slotsByDay, type FreeSlot } from "../booking/slots";
import { addDays, isDate, isoWeekday, localDate, startOfLocalDay, zoneLabel } from "../booking/zones";

/**
 * The console's agenda (/console/calls): the calls of today or this week in the staff
 * member's own zone, what staff may do with each (done, no-show, cancel, reschedule), and the
 * free times a call can move to. The booking store (lib/booking/book.ts) makes every change,
 * writes the lead's timeline and queues the emails; this module picks the window, checks what
 * is offered and runs each change in its own transaction.
 */

export type AgendaRange = "today" | "week";

/** The most calls one view lists (the earliest ones); the page says so when it is reached. */
export { AGENDA_LIMIT };

/** The zone the agenda is shown in: the staff member's zone (app/(console)/time-zone.ts), else UTC, said in words. */
export type AgendaZone = { timeZone: string; label: string; own: boolean };

export function agendaZone(advisorZone: string | null | undefined, now: Date): AgendaZone {
  if (advisorZone) return { timeZone: advisorZone, label: zoneLabel(advisorZone, now), own: true };
  return { timeZone: "UTC", label: "UTC (you have no time zone of your own: set one on your profile)", own: false };
}

export type AgendaWindow = {
  range: AgendaRange;
  from: Date;
  to: Date;
  days: string[];
  /** The window holds today. */
  current: boolean;
  /** A date in the window before and the one after (the `date` of the previous and next links). */
  previous: string;
  next: string;
};

/**
 * A day, or a week (Monday to Sunday), as the zone's clocks have it: from the first instant
 * of the first day to the first instant after the last, whatever daylight saving does. The
 * window holds `date` (a local "YYYY-MM-DD", as a link carries it), else today.
 */
export function agendaWindow(now: Date, timeZone: string, range: AgendaRange, date?: string): AgendaWindow {
  const today = localDate(now, timeZone);
  const around = date && isDate(date) ? date : today;
  const first = range === "today" ? around : addDays(around, 1 - isoWeekday(around));
  const count = range === "today" ? 1 : 7;
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  return {
    range,
    from: startOfLocalDay(first, timeZone),
    to: startOfLocalDay(addDays(first, count), timeZone),
    days,
    current: days.includes(today),
    previous: addDays(first, -count),
    next: addDays(first, count),
  };
}

/** The window in words: "Today", "This week", else its day or its first day ("Week of Monday 14 December"). */
export function agendaTitle(w: AgendaWindow): string {
  if (w.range === "today") return w.current ? "Today" : formatAgendaDay(w.days[0]);
  return w.current ? "This week" : `Week of ${formatAgendaDay(w.days[0])}`;
}

/** Whose calls: the viewer's own, everyone's, or one advisor's (by id). */
export type AgendaFilter = { kind: "mine" } | { kind: "all" } | { kind: "advisor"; advisorId: string };

export function parseAgendaFilter(value: string | undefined, viewerIsAdvisor: boolean): AgendaFilter {
  if (value === "all") return { kind: "all" };
  if (value === "mine") return { kind: "mine" };
  if (value && /^[A-Za-z0-9_-]{1,64}$/.test(value)) return { kind: "advisor", advisorId: value };
  return viewerIsAdvisor ? { kind: "mine" } : { kind: "all" };
}

export type AgendaDay = { date: string; items: AgendaItem[] };

/** The calls in the window, grouped by day in the agenda's zone (every day of the window listed). */
export async function agendaDays(
  db: Db,
  a: { window: AgendaWindow; timeZone: string; filter: AgendaFilter; viewerId: string; includeCancelled?: boolean },
): Promise<AgendaDay[]> {
  const advisorId = a.filter.kind === "mine" ? a.viewerId : a.filter.kind === "advisor" ? a.filter.advisorId : undefined;
  const items = await agenda(db, { from: a.window.from, to: a.window.to, includeCancelled: a.includeCancelled, ...(advisorId ? { advisorId } : {}) });
  return a.window.days.map((date) => ({ date, items: items.filter((i) => localDate(i.startsAt, a.timeZone) === date) }));
}

/** What staff may do with a call now: the booking store refuses anything else too. */
export function callActions(call: { status: string; startsAt: Date; endsAt: Date }, now: Date) {
  const started = now >= call.startsAt;
  return {
    /** Mark done or no-show: from its start (a mistaken mark can be turned into the other). */
    outcome: call.status !== "cancelled" && started,
    /** Cancel or move: while it is booked and not over. */
    change: call.status === "booked" && now < call.endsAt,
  };
}

export const STATUS_LABELS: Record<string, string> = { booked: "Booked", done: "Done", no_show: "No-show", cancelled: "Cancelled" };

/** Marks a call done or no-show (on the lead's timeline, with who did it). */
export function markCallOutcome(db: Db, a: { bookingId: string; outcome: "done" | "no_show"; actorId: string; now: Date }): Promise<OutcomeResult> {
  return db.$transaction((tx) => setBookingOutcome(tx, a));
}

/** Cancels a call: both sides get a cancellation (METHOD:CANCEL), the time is free again. */
export function cancelCall(db: Db, a: { bookingId: string; actorId: string; now: Date; siteUrl: string }): Promise<CancelResult> {
  return db.$transaction((tx) => cancelBooking(tx, a));
}

/** Moves a call to a free start; the same advisor when free then, otherwise round-robin picks. */
export function rescheduleCall(db: Db, a: { bookingId: string; startsAt: Date; actorId: string; now: Date; siteUrl: string }): Promise<BookResult> {
  return db.$transaction((tx) => rescheduleBooking(tx, a));
}

export type RescheduleChoices = {
  call: AgendaItem;
  /** Days with free times, in the staff member's zone, and how many each has. */
  days: { date: string; count: number }[];
  /** The day shown (the one asked for if it has times, else the first), and its free times. */
  day: string | null;
  slots: FreeSlot[];
};

/**
 * Where a call can move: the free times of its call type (and program pins), its own time not
 * counting as busy, grouped by day in `timeZone`. Null when there is no such call; a call
 * that cannot be changed any more gets no days.
 */
export async function rescheduleChoices(db: Db, a: { bookingId: string; now: Date; timeZone: string; day?: string }): Promise<RescheduleChoices | null> {
  const booking = await db.booking.findUnique({ where: { id: a.bookingId }, select: { id: true, startsAt: true } });
  if (!booking) return null;
  // The agenda's view of the call (lead, summary, advisor), read the same way as the list.
  const [call] = await agenda(db, { from: booking.startsAt, to: new Date(booking.startsAt.getTime() + 1), includeCancelled: true }).then((items) =>
    items.filter((i) => i.id === booking.id),
  );
  if (!call) return null;
  if (!callActions(call, a.now).change) return { call, days: [], day: null, slots: [] };
  const query = await slotQueryFor(db, call.callType, { programSlug: call.programSlug, now: a.now, excludeBookingId: call.id });
  const byDay = slotsByDay(freeSlots(query), a.timeZone);
  const wanted = a.day && isDate(a.day) ? byDay.find((d) => d.date === a.day) : undefined;
  const shown = wanted ?? byDay[0];
  return { call, days: byDay.map((d) => ({ date: d.date, count: d.slots.length })), day: shown?.date ?? null, slots: shown?.slots ?? [] };
}

/** "Thursday 10 December": a day of the agenda. */
export function formatAgendaDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** "14:00": a time on the zone's 24-hour clock. */
export function formatClock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/** "CET", "GMT-10": the zone's short name at that instant. */
export function shortZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}
