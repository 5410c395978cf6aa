/**
 * The baseline of bench/booking.ts: free slots the straightforward way. For every 15-minute
 * start over the horizon and every advisor, read the advisor's wall clock at the slot's start
 * and end with a fresh Intl formatter, compare with the weekly intervals as text, and scan
 * every booking. It matches lib/booking/slots.ts on hours that no clock change falls inside
 * and that do not touch one another (the benchmark's hours), which the benchmark checks
 * before timing. `reuseFormatters` keeps one formatter per zone instead: the same loop
 * without the cost of building formatters, to show how much of the difference that is.
 */
import type { FreeSlot, SlotQuery } from "../../lib/booking/slots";

const MIN = 60_000;
const DAY = 86_400_000;
const STEP = 15 * MIN;

const options: Intl.DateTimeFormatOptions = { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" };
const reused = new Map<string, Intl.DateTimeFormat>();

/** "2026-10-20T09:00" in the zone, from a formatter made for this one call (or the zone's reused one). */
function wallClock(ms: number, timeZone: string, reuse: boolean): string {
  let f = reuse ? reused.get(timeZone) : undefined;
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
    if (reuse) reused.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function freeSlotsNaive(q: SlotQuery, { reuseFormatters = false } = {}): FreeSlot[] {
  const now = q.now.getTime();
  const duration = q.durationMinutes * MIN;
  const last = Math.max(...q.advisors.map((a) => now + a.horizonDays * DAY));
  const out: FreeSlot[] = [];
  for (let s = Math.ceil(now / STEP) * STEP; s < last; s += STEP) {
    const e = s + duration;
    const ids: string[] = [];
    for (const a of q.advisors) {
      if (s < now + a.minNoticeMinutes * MIN || s >= now + a.horizonDays * DAY) continue;
      if ((q.from && s < q.from.getTime()) || (q.to && s >= q.to.getTime())) continue;
      const start = wallClock(s, a.timeZone, reuseFormatters);
      const end = wallClock(e, a.timeZone, reuseFormatters);
      const date = start.slice(0, 10);
      let inside = false;
      for (const d of [date, shiftDate(date, -1)]) {
        if (a.datesOff.includes(d)) continue;
        for (const i of a.weeklyHours) {
          if (i.day !== weekday(d)) continue;
          const from = `${d}T${i.start}`;
          const to = `${i.end <= i.start ? shiftDate(d, 1) : d}T${i.end}`;
          if (from <= start && end <= to) inside = true;
        }
      }
      if (!inside) continue;
      const taken = q.busy.some(
        (b) => b.advisorId === a.id && s < b.endsAt.getTime() + b.bufferMinutes * MIN && b.startsAt.getTime() < e + a.bufferMinutes * MIN,
      );
      if (!taken) ids.push(a.id);
    }
    if (ids.length) out.push({ startsAt: new Date(s), endsAt: new Date(e), advisorIds: ids });
  }
  return out;
}
