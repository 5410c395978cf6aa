/**
 * Free slots: pure, no database. A slot [s, s + duration) is offered for an advisor when
 * - s is on the 15-minute grid of UTC instants, s >= now + minimum notice, s < now + horizon
 *   (and within the query's [from, to) when given);
 * - it lies inside the advisor's working time: their weekly intervals on dates that are not
 *   days off (an interval belongs to the date it starts on), turned into instants in the
 *   advisor's zone (lib/booking/zones.ts); intervals that touch form one stretch of work;
 * - [s, s + duration + the advisor's buffer) does not meet any live booking's
 *   [start, end + that booking's buffer): exactly the claim blocks of lib/booking/blocks.ts.
 *
 * Existing bookings block their time whatever the working hours say now, so changing an
 * advisor's hours never frees a booked time.
 *
 * Each advisor's working intervals are computed once per query as instants (the zone's
 * offsets come from a handful of Intl calls per zone, lib/booking/zones.ts), then the
 * candidate starts are swept against the sorted busy intervals.
 */
import { dateMs, firstInstantAtWallClock, offsetAt, offsetSpans, wallDate, weekdayOfDayMs, type OffsetSpan } from "./zones";
import { minutesOfDay, type WeeklyHours } from "./hours";

export const SLOT_STEP_MINUTES = 15;

export type AdvisorRules = {
  id: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  datesOff: string[];
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
};
export type Busy = { advisorId: string; startsAt: Date; endsAt: Date; bufferMinutes: number };
export type SlotQuery = { now: Date; durationMinutes: number; advisors: AdvisorRules[]; busy: Busy[]; from?: Date; to?: Date };
export type FreeSlot = { startsAt: Date; endsAt: Date; advisorIds: string[] };

const MINUTE = 60_000;
const DAY = 86_400_000;
const STEP = SLOT_STEP_MINUTES * MINUTE;
/** Zones' offsets are looked up this far around the query, for overnight intervals and DST. */
const MARGIN = 3 * DAY;
/** A longer horizon than this is a data error; it is cut here rather than computed. */
export const MAX_HORIZON_DAYS = 366;

type Range = [number, number];

const ceilToStep = (ms: number) => Math.ceil(ms / STEP) * STEP;

/** The UTC midnight (epoch ms) of the date the zone's calendar shows at the instant. */
function wallDay(spans: OffsetSpan[], ms: number): number {
  const wall = ms + offsetAt(spans, ms) * MINUTE;
  return wall - (((wall % DAY) + DAY) % DAY);
}

/** The first and last possible slot starts for the advisor: notice, horizon, from and to. */
function startBounds(q: SlotQuery, a: AdvisorRules): Range {
  const now = q.now.getTime();
  // Never the past, whatever the notice says.
  const lo = Math.max(now + Math.max(0, a.minNoticeMinutes) * MINUTE, q.from ? q.from.getTime() : -Infinity);
  const hi = Math.min(now + Math.min(a.horizonDays, MAX_HORIZON_DAYS) * DAY, q.to ? q.to.getTime() : Infinity);
  return [ceilToStep(lo), hi];
}

/**
 * The advisor's working time overlapping [lo, hi) as sorted, merged instant ranges. Dates run
 * from the day before lo (an overnight interval started then) to the date at hi, in the
 * advisor's zone.
 */
export function workingRanges(a: AdvisorRules, spans: OffsetSpan[], lo: number, hi: number): Range[] {
  const byDay = new Map<number, Range[]>();
  for (const i of a.weeklyHours) {
    const s = minutesOfDay(i.start);
    let e = minutesOfDay(i.end);
    if (Number.isNaN(s) || Number.isNaN(e)) continue;
    if (e <= s) e += 1440;
    byDay.set(i.day, [...(byDay.get(i.day) ?? []), [s * MINUTE, e * MINUTE]]);
  }
  const off = new Set(a.datesOff.map(dateMs));
  const first = wallDay(spans, lo) - DAY;
  const last = wallDay(spans, hi);
  const ranges: Range[] = [];
  for (let d = first; d <= last; d += DAY) {
    if (off.has(d)) continue;
    for (const [s, e] of byDay.get(weekdayOfDayMs(d)) ?? []) {
      const start = firstInstantAtWallClock(spans, d + s);
      const end = firstInstantAtWallClock(spans, d + e);
      if (end > start && end > lo && start < hi) ranges.push([start, end]);
    }
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * Starts the advisor's bookings forbid: a new slot starting at s meets a booking's
 * [start, end + buffer) exactly when bookingStart - duration - advisorBuffer < s < end + buffer.
 * Returned as sorted, merged open ranges (x, y).
 */
function forbiddenStarts(busy: Busy[], durationMs: number, bufferMs: number): Range[] {
  const open: Range[] = busy.map((b) => [b.startsAt.getTime() - durationMs - bufferMs, b.endsAt.getTime() + b.bufferMinutes * MINUTE]);
  open.sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const r of open) {
    const last = merged[merged.length - 1];
    // Two open ranges that only touch leave their common end free.
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** The advisor's free starts in [lo, hi), ascending. */
function advisorStarts(a: AdvisorRules, spans: OffsetSpan[], busy: Busy[], durationMs: number, lo: number, hi: number): number[] {
  const forbidden = forbiddenStarts(busy, durationMs, a.bufferMinutes * MINUTE);
  const out: number[] = [];
  let j = 0;
  for (const [ws, we] of workingRanges(a, spans, lo, hi)) {
    let s = ceilToStep(Math.max(ws, lo));
    while (s < hi && s + durationMs <= we) {
      while (j < forbidden.length && forbidden[j][1] <= s) j++;
      if (j < forbidden.length && forbidden[j][0] < s) {
        s = ceilToStep(forbidden[j][1]);
        continue;
      }
      out.push(s);
      s += STEP;
    }
  }
  return out;
}

function zoneSpans(timeZone: string, fromMs: number, toMs: number): OffsetSpan[] | null {
  try {
    return offsetSpans(timeZone, fromMs, toMs);
  } catch {
    return null;
  }
}

/** Every start at which at least one advisor is free, ascending, with the advisors free then (in the query's order). */
export function freeSlots(q: SlotQuery): FreeSlot[] {
  const durationMs = q.durationMinutes * MINUTE;
  if (!(q.durationMinutes > 0)) return [];

  const bounds = q.advisors.map((a) => startBounds(q, a));
  const busyBy = new Map<string, Busy[]>();
  for (const b of q.busy) {
    const list = busyBy.get(b.advisorId);
    if (list) list.push(b);
    else busyBy.set(b.advisorId, [b]);
  }

  const spansBy = new Map<string, OffsetSpan[] | null>();
  const byStart = new Map<number, string[]>();
  q.advisors.forEach((a, k) => {
    const [lo, hi] = bounds[k];
    if (!(lo < hi)) return;
    let spans = spansBy.get(a.timeZone);
    if (spans === undefined) {
      // One lookup per zone, over every advisor's window in it.
      const mine = bounds.filter((b, i) => q.advisors[i].timeZone === a.timeZone && b[0] < b[1]);
      spans = zoneSpans(a.timeZone, Math.min(...mine.map((b) => b[0])) - MARGIN, Math.max(...mine.map((b) => b[1])) + MARGIN);
      spansBy.set(a.timeZone, spans);
    }
    // An advisor whose zone the runtime does not know is offered nowhere rather than failing the page.
    if (!spans) return;
    for (const s of advisorStarts(a, spans, busyBy.get(a.id) ?? [], durationMs, lo, hi)) {
      const ids = byStart.get(s);
      if (ids) ids.push(a.id);
      else byStart.set(s, [a.id]);
    }
  });

  return [...byStart.keys()].sort((x, y) => x - y).map((s) => ({ startsAt: new Date(s), endsAt: new Date(s + durationMs), advisorIds: byStart.get(s)! }));
}

/** The slots grouped by the date they start on in the visitor's zone, ascending; days without slots are left out. */
export function slotsByDay(slots: FreeSlot[], timeZone: string): { date: string; slots: FreeSlot[] }[] {
  const days: { date: string; slots: FreeSlot[] }[] = [];
  if (slots.length === 0) return days;
  let first = Infinity;
  let last = -Infinity;
  for (const slot of slots) {
    first = Math.min(first, slot.startsAt.getTime());
    last = Math.max(last, slot.startsAt.getTime());
  }
  const spans = offsetSpans(timeZone, first - DAY, last + DAY);
  const byDate = new Map<string, FreeSlot[]>();
  for (const slot of slots) {
    const t = slot.startsAt.getTime();
    const date = wallDate(spans, t);
    const list = byDate.get(date);
    if (list) list.push(slot);
    else byDate.set(date, [slot]);
  }
  for (const [date, list] of byDate) days.push({ date, slots: list.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime()) });
  return days.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
