/**
 * Free slots against an independent check, for random advisors (zones with and without
 * daylight saving, UTC+13 and UTC−10, day and overnight hours, dates off, buffers, notice,
 * horizon) and random existing bookings.
 *
 * The check shares no code with lib/booking: it reads the advisor's wall clock with Intl's
 * formatToParts at every 5-minute mark and compares "YYYY-MM-DDTHH:MM" strings. Working time
 * is "the advisor's clock has reached an interval's start and not yet its end" (the clock's
 * running maximum, so the hour repeated when clocks go back stays inside an interval that
 * began before it, as lib/booking/zones.ts defines). A slot is inside working hours when
 * every 5-minute mark in it is. These properties hold:
 * - every offered slot lies inside working hours on a date not off, respects notice,
 *   horizon and the query's window, and meets no booking (both buffers counted);
 * - every start the check accepts is offered, with exactly the advisors it accepts;
 * - booking offered slots one after another never gives an advisor two overlapping
 *   bookings, and a booked slot is not offered again for that advisor.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { freeSlots, type AdvisorRules, type Busy, type FreeSlot, type SlotQuery } from "@/lib/booking/slots";
import type { WeeklyHours } from "@/lib/booking/hours";

/** Runs per property; FC_NUM_RUNS=2000 for a longer local search. */
const RUNS = Number(process.env.FC_NUM_RUNS) || 100;

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MARK = 5 * MIN;
const GRID = 15 * MIN;

const ZONES = [
  "America/Chicago",
  "Europe/London",
  "Pacific/Tongatapu",
  "Pacific/Apia",
  "Pacific/Honolulu",
  "America/Santiago", // clocks change at midnight
  "Australia/Lord_Howe", // a 30-minute change
  "America/St_Johns", // UTC−03:30 / −02:30
  "Asia/Kathmandu", // UTC+05:45
  "UTC",
];

/**
 * Days up to a week before the 2026 clock changes of those zones (US and St John's 8 March
 * and 1 November, Europe 29 March and 25 October, Santiago and Lord Howe 5 April, 6 September
 * and 4 October); "now" falls up to a week after one.
 */
const ANCHORS = ["2026-03-02", "2026-03-23", "2026-03-30", "2026-08-31", "2026-09-28", "2026-10-19", "2026-10-26", "2026-12-20"].map((d) =>
  Date.parse(`${d}T00:00:00Z`),
);

// ---- the independent check -------------------------------------------------------------

const wallFormats = new Map<string, Intl.DateTimeFormat>();
const wallCache = new Map<string, string>();

/** "2026-03-08T03:00": the zone's clock at the instant, read with formatToParts. */
function wall(ms: number, zone: string): string {
  const key = `${zone} ${ms}`;
  const hit = wallCache.get(key);
  if (hit) return hit;
  let f = wallFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallFormats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const text = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  wallCache.set(key, text);
  return text;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const shifted = new Map<string, string>();
function dayBefore(date: string): string {
  let d = shifted.get(date);
  if (!d) {
    d = shiftDate(date, -1);
    shifted.set(date, d);
  }
  return d;
}

/**
 * Whether the advisor works at a 5-minute mark in [from, to), by their clock's running
 * maximum: the clock is read at every mark from 6 hours before `from` (longer than any
 * clock goes back), so the maximum has settled.
 */
function workingCheck(a: AdvisorRules, from: number, to: number): (t: number) => boolean {
  const reachedAt = new Map<number, string>();
  let reached = "";
  for (let t = from - 6 * HOUR; t < to; t += MARK) {
    const w = wall(t, a.timeZone);
    if (w > reached) reached = w;
    if (t >= from) reachedAt.set(t, reached);
  }
  const intervals = a.weeklyHours.map((i) => ({ ...i, overnight: i.end <= i.start }));
  return (t) => {
    const r = reachedAt.get(t);
    if (r === undefined) throw new Error(`mark ${new Date(t).toISOString()} outside the checked range`);
    const date = r.slice(0, 10);
    for (const d of [date, dayBefore(date)]) {
      if (a.datesOff.includes(d)) continue;
      const day = weekdayOf(d);
      for (const i of intervals) {
        if (i.day !== day) continue;
        const start = `${d}T${i.start}`;
        const end = `${i.overnight ? shiftDate(d, 1) : d}T${i.end}`;
        if (start <= r && r < end) return true;
      }
    }
    return false;
  };
}

/** Whether [s1, e1) and [s2, e2) share a moment. */
const meets = (s1: number, e1: number, s2: number, e2: number) => s1 < e2 && s2 < e1;

type Check = { q: SlotQuery; working: Map<string, (t: number) => boolean> };

function prepare(q: SlotQuery): Check {
  const now = q.now.getTime();
  const working = new Map<string, (t: number) => boolean>();
  const from = Math.floor(now / HOUR) * HOUR;
  for (const a of q.advisors) working.set(a.id, workingCheck(a, from, now + a.horizonDays * DAY + q.durationMinutes * MIN));
  return { q, working };
}

/** Why the advisor cannot take a slot starting at s, or null when they can. */
function refusal(c: Check, a: AdvisorRules, s: number): string | null {
  const { q } = c;
  const now = q.now.getTime();
  const end = s + q.durationMinutes * MIN;
  if (s % GRID !== 0) return "off the 15-minute grid";
  if (s < now + a.minNoticeMinutes * MIN) return "inside the minimum notice";
  if (s >= now + a.horizonDays * DAY) return "beyond the horizon";
  if (q.from && s < q.from.getTime()) return "before the query's window";
  if (q.to && s >= q.to.getTime()) return "after the query's window";
  const working = c.working.get(a.id)!;
  for (let t = s; t < end; t += MARK) {
    if (!working(t)) return `outside working hours at ${wall(t, a.timeZone)} ${a.timeZone}`;
  }
  for (const b of q.busy) {
    if (b.advisorId !== a.id) continue;
    if (meets(s, end + a.bufferMinutes * MIN, b.startsAt.getTime(), b.endsAt.getTime() + b.bufferMinutes * MIN)) {
      return `meets the booking at ${b.startsAt.toISOString()}`;
    }
  }
  return null;
}

/** Every start the check accepts, with the advisors it accepts there. */
function expectedSlots(c: Check): { start: string; advisorIds: string[] }[] {
  const { q } = c;
  const now = q.now.getTime();
  const byStart = new Map<number, string[]>();
  for (const a of q.advisors) {
    for (let s = Math.ceil(now / GRID) * GRID; s < now + a.horizonDays * DAY; s += GRID) {
      if (refusal(c, a, s) === null) byStart.set(s, [...(byStart.get(s) ?? []), a.id]);
    }
  }
  return [...byStart.entries()].sort((x, y) => x[0] - y[0]).map(([s, ids]) => ({ start: new Date(s).toISOString(), advisorIds: ids }));
}

/** Bookings of one advisor, buffers included, that share a moment. */
function overlappingPairs(busy: Busy[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < busy.length; i++) {
    for (let j = i + 1; j < busy.length; j++) {
      const [x, y] = [busy[i], busy[j]];
      if (x.advisorId !== y.advisorId) continue;
      if (meets(x.startsAt.getTime(), x.endsAt.getTime() + x.bufferMinutes * MIN, y.startsAt.getTime(), y.endsAt.getTime() + y.bufferMinutes * MIN)) {
        out.push(`${x.advisorId}: ${x.startsAt.toISOString()} and ${y.startsAt.toISOString()}`);
      }
    }
  }
  return out;
}

// ---- random advisors and bookings --------------------------------------------------------

const fiveMinutes = (max: number) => fc.integer({ min: 0, max: max / 5 }).map((n) => n * 5);
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Interval starts leaning towards the small hours, where clocks change. */
const intervalArb = fc.record({
  day: fc.integer({ min: 1, max: 7 }),
  start: fc.oneof(fiveMinutes(1435), fiveMinutes(240), fc.constantFrom(480, 540, 1320)),
  length: fc.oneof(
    fc.integer({ min: 1, max: 287 }).map((n) => n * 5),
    fc.constantFrom(60, 240, 480),
  ),
});

/** Weekly hours without overlaps: each interval is kept only if it meets none kept before (the week wraps). */
function weeklyHours(raw: { day: number; start: number; length: number }[]): WeeklyHours {
  const kept: { from: number; to: number }[] = [];
  const hours: WeeklyHours = [];
  const WEEK = 7 * 1440;
  for (const r of raw) {
    const from = (r.day - 1) * 1440 + r.start;
    const to = from + r.length;
    if (kept.some((k) => [-WEEK, 0, WEEK].some((shift) => k.from + shift < to && from < k.to + shift))) continue;
    kept.push({ from, to });
    hours.push({ day: r.day, start: clock(r.start), end: clock((r.start + r.length) % 1440) });
  }
  return hours;
}

const advisorArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    timeZone: fc.oneof(fc.constantFrom(...ZONES), fc.constantFrom(...ZONES.slice(0, 2), ...ZONES.slice(5, 8))),
    weeklyHours: fc.array(intervalArb, { minLength: 0, maxLength: 8 }).map(weeklyHours),
    dayOffs: fc.array(fc.integer({ min: -1, max: 22 }), { maxLength: 4 }),
    bufferMinutes: fiveMinutes(30),
    minNoticeMinutes: fc.oneof(fc.constant(120), fiveMinutes(600)),
    horizonDays: fc.oneof(fc.integer({ min: 1, max: 21 }), fc.constant(21)),
  });

type Scenario = { q: SlotQuery; candidates: { advisor: number; start: number; minutes: number; buffer: number }[]; picks: number[] };

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    offset: fc.integer({ min: 0, max: 7 * 24 * 60 }),
    durationMinutes: fc.constantFrom(15, 20, 30, 45, 60, 90),
    advisors: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => advisorArb(`adv${i + 1}`)))),
    window: fc.option(fc.record({ fromDays: fc.integer({ min: 0, max: 10 }), days: fc.integer({ min: 1, max: 10 }) }), { nil: undefined }),
    candidates: fc.array(
      fc.record({
        advisor: fc.nat(2),
        start: fc.integer({ min: -24 * 4, max: 22 * 24 * 4 }),
        minutes: fc.constantFrom(15, 20, 30, 45, 60, 90),
        buffer: fiveMinutes(30),
      }),
      { maxLength: 40 },
    ),
    picks: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ anchor, offset, durationMinutes, advisors, window, candidates, picks }) => {
    const now = new Date(anchor + offset * MIN);
    const today = Date.parse(now.toISOString().slice(0, 10));
    const rules: AdvisorRules[] = advisors.map(({ dayOffs, ...a }) => ({
      ...a,
      datesOff: dayOffs.map((n) => new Date(today + n * DAY).toISOString().slice(0, 10)),
    }));
    const q: SlotQuery = { now, durationMinutes, advisors: rules, busy: [] };
    if (window) {
      q.from = new Date(now.getTime() + window.fromDays * DAY);
      q.to = new Date(q.from.getTime() + window.days * DAY);
    }
    const grid = Math.floor(now.getTime() / GRID) * GRID;
    return {
      q,
      candidates: candidates.map((c) => ({ ...c, advisor: c.advisor % rules.length, start: grid + c.start * GRID })),
      picks,
    };
  });

/**
 * Existing bookings: random candidates (anywhere, as after a change of hours), then some
 * slots offered without bookings; each accepted only when it meets no booking accepted
 * before, by the check above.
 */
function existingBookings(s: Scenario): Busy[] {
  const busy: Busy[] = [];
  const accept = (b: Busy) => {
    if (overlappingPairs([...busy, b]).length === 0) busy.push(b);
  };
  for (const c of s.candidates) {
    const a = s.q.advisors[c.advisor];
    accept({ advisorId: a.id, startsAt: new Date(c.start), endsAt: new Date(c.start + c.minutes * MIN), bufferMinutes: c.buffer });
  }
  const offered = freeSlots({ ...s.q, busy: [] });
  for (const p of s.picks) {
    const slot = offered[p % Math.max(offered.length, 1)];
    if (!slot) break;
    const id = slot.advisorIds[p % slot.advisorIds.length];
    accept({ advisorId: id, startsAt: slot.startsAt, endsAt: slot.endsAt, bufferMinutes: s.q.advisors.find((a) => a.id === id)!.bufferMinutes });
  }
  return busy;
}

function show(q: SlotQuery): string {
  return JSON.stringify({ ...q, busy: q.busy.map((b) => `${b.advisorId} ${b.startsAt.toISOString()}–${b.endsAt.toISOString()} +${b.bufferMinutes}`) }, null, 1);
}

function offeredList(slots: FreeSlot[]) {
  return slots.map((s) => ({ start: s.startsAt.toISOString(), advisorIds: s.advisorIds }));
}

describe("free slots (property)", () => {
  it("offers only slots inside working hours, notice, horizon and dates off, clear of every booking and both buffers", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const q = { ...s.q, busy: existingBookings(s) };
        const c = prepare(q);
        const slots = freeSlots(q);
        const wrong: string[] = [];
        for (const [k, slot] of slots.entries()) {
          const at = slot.startsAt.toISOString();
          if (k > 0 && slot.startsAt <= slots[k - 1].startsAt) wrong.push(`${at}: not after the slot before`);
          if (slot.endsAt.getTime() - slot.startsAt.getTime() !== q.durationMinutes * MIN) wrong.push(`${at}: ends at ${slot.endsAt.toISOString()}`);
          if (slot.advisorIds.length === 0) wrong.push(`${at}: no advisor`);
          for (const id of slot.advisorIds) {
            const why = refusal(
              c,
              q.advisors.find((x) => x.id === id)!,
              slot.startsAt.getTime(),
            );
            if (why) wrong.push(`${at} ${id}: ${why}`);
          }
        }
        if (wrong.length) expect(wrong, show(q)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("offers every start the independent check accepts, with exactly its advisors", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const q = { ...s.q, busy: existingBookings(s) };
        const offered = offeredList(freeSlots(q));
        const expected = expectedSlots(prepare(q));
        if (JSON.stringify(offered) !== JSON.stringify(expected)) expect(offered, show(q)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("never gives an advisor two overlapping bookings when offered slots are booked one after another", () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (s, order) => {
        const busy = existingBookings(s);
        for (const p of order) {
          const offered = freeSlots({ ...s.q, busy });
          if (offered.length === 0) break;
          const slot = offered[p % offered.length];
          const id = slot.advisorIds[p % slot.advisorIds.length];
          const a = s.q.advisors.find((x) => x.id === id)!;
          busy.push({ advisorId: id, startsAt: slot.startsAt, endsAt: slot.endsAt, bufferMinutes: a.bufferMinutes });
          const after = freeSlots({ ...s.q, busy });
          const again = after.find((x) => x.startsAt.getTime() === slot.startsAt.getTime());
          if (again?.advisorIds.includes(id))
            expect.fail(`${id} at ${slot.startsAt.toISOString()} is offered again after booking it\n${show({ ...s.q, busy })}`);
        }
        const pairs = overlappingPairs(busy);
        if (pairs.length) expect(pairs, show({ ...s.q, busy })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
