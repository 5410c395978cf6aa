import type { Db } from "../db";
import type { Tx } from "../db/dialect";
import { parseWeeklyHours } from "./hours";
import { freeSlots, MAX_HORIZON_DAYS, type AdvisorRules, type Busy, type FreeSlot, type SlotQuery } from "./slots";

/**
 * What the slot computation (lib/booking/slots.ts, pure) needs from the database: the
 * advisors who may take a call type (active, taking it, pinned to the program if it has
 * pins), their dates off, and their live bookings as busy time.
 */

/** Booked, held or over: a booking in these states keeps its claims and its advisor's time. */
export const LIVE_STATUSES = ["booked", "done", "no_show"] as const;

const DAY_MS = 24 * 3600_000;

export type CallTypeRow = { id: string; durationMinutes: number };

export type SlotQueryOptions = {
  programSlug?: string | null;
  now: Date;
  from?: Date;
  to?: Date;
  /** A booking being moved: its own time does not count as busy. */
  excludeBookingId?: string;
};

/** The advisors who may take calls about this program: all, or only the pinned ones when it has pins. */
async function pinnedAdvisors(db: Db | Tx, programSlug: string | null | undefined): Promise<string[] | null> {
  if (!programSlug) return null;
  const pins = await db.programAdvisorPin.findMany({ where: { programSlug }, select: { advisorId: true } });
  return pins.length ? pins.map((p) => p.advisorId) : null;
}

/** The slot query for a call type already read (a retired type still has its bookings moved). */
export async function slotQueryFor(db: Db | Tx, callType: CallTypeRow, o: SlotQueryOptions): Promise<SlotQuery> {
  const pinned = await pinnedAdvisors(db, o.programSlug);
  const advisors = await db.advisor.findMany({
    where: {
      active: true,
      callTypes: { some: { callTypeId: callType.id } },
      user: { OR: [{ banned: null }, { banned: false }] },
      ...(pinned ? { userId: { in: pinned } } : {}),
    },
    orderBy: { userId: "asc" },
  });
  const ids = advisors.map((a) => a.userId);
  const from = o.from && o.from > o.now ? o.from : o.now;
  const horizon = Math.min(MAX_HORIZON_DAYS, Math.max(0, ...advisors.map((a) => a.horizonDays)));
  const to = o.to ?? new Date(o.now.getTime() + (horizon + 1) * DAY_MS);
  // A day either side: dates are the advisors' own (any zone), bookings carry a buffer.
  const firstDate = new Date(from.getTime() - 2 * DAY_MS).toISOString().slice(0, 10);
  const lastDate = new Date(to.getTime() + 2 * DAY_MS).toISOString().slice(0, 10);
  // One query after the other: inside a transaction they share one connection.
  const datesOff = ids.length
    ? await db.advisorDateOff.findMany({ where: { advisorId: { in: ids }, date: { gte: firstDate, lte: lastDate } }, select: { advisorId: true, date: true } })
    : [];
  const bookings = ids.length
    ? await db.booking.findMany({
        where: {
          advisorId: { in: ids },
          status: { in: [...LIVE_STATUSES] },
          startsAt: { lt: new Date(to.getTime() + DAY_MS) },
          endsAt: { gt: new Date(from.getTime() - DAY_MS) },
          ...(o.excludeBookingId ? { id: { not: o.excludeBookingId } } : {}),
        },
        select: { advisorId: true, startsAt: true, endsAt: true, bufferMinutes: true },
      })
    : [];
  const rules: AdvisorRules[] = advisors.map((a) => ({
    id: a.userId,
    timeZone: a.timeZone,
    weeklyHours: parseWeeklyHours(a.weeklyHours),
    datesOff: datesOff.filter((d) => d.advisorId === a.userId).map((d) => d.date),
    bufferMinutes: a.bufferMinutes,
    minNoticeMinutes: a.minNoticeMinutes,
    horizonDays: a.horizonDays,
  }));
  const busy: Busy[] = bookings.map((b) => ({ advisorId: b.advisorId, startsAt: b.startsAt, endsAt: b.endsAt, bufferMinutes: b.bufferMinutes }));
  return { now: o.now, durationMinutes: callType.durationMinutes, advisors: rules, busy, ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) };
}

/**
 * The slot query of a call type by id. An unknown or retired call type has no advisors, so
 * nothing is offered.
 */
export async function loadSlotQuery(
  db: Db | Tx,
  a: { callTypeId: string; programSlug?: string | null; now: Date; from?: Date; to?: Date },
): Promise<SlotQuery> {
  const callType = await db.callType.findUnique({ where: { id: a.callTypeId }, select: { id: true, durationMinutes: true, active: true } });
  if (!callType?.active) return { now: a.now, durationMinutes: callType?.durationMinutes ?? 0, advisors: [], busy: [] };
  return slotQueryFor(db, callType, a);
}

export type CallTypeChoice = { slug: string; name: string; durationMinutes: number };

export type SlotsFound = {
  callType: { id: string; slug: string; name: string; description: string; durationMinutes: number };
  /** Every active call type, in their order on /book. */
  callTypes: CallTypeChoice[];
  slots: FreeSlot[];
  /** The zones the advisors who take this call work in (to state them to the visitor). */
  advisorZones: string[];
};

/**
 * The free slots of a call type (by slug; the first active type when none is given), for
 * /book. Null when the slug names no active call type, or there is none.
 */
export async function findSlots(
  db: Db,
  a: { callTypeSlug?: string; programSlug?: string | null; now: Date; from?: Date; to?: Date },
): Promise<SlotsFound | null> {
  const types = await db.callType.findMany({
    where: { active: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, description: true, durationMinutes: true },
  });
  const callType = a.callTypeSlug === undefined ? types[0] : types.find((t) => t.slug === a.callTypeSlug);
  if (!callType) return null;
  const query = await slotQueryFor(db, callType, a);
  return {
    callType,
    callTypes: types.map((t) => ({ slug: t.slug, name: t.name, durationMinutes: t.durationMinutes })),
    slots: freeSlots(query),
    advisorZones: [...new Set(query.advisors.map((r) => r.timeZone))].sort(),
  };
}
