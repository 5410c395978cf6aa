/**
 * Booking benchmark: free-slot computation (lib/booking/slots.ts freeSlots) for 20 advisors
 * over 21 days, in several zones, with about 30% of their time already booked, against the
 * same-run baseline of bench/baselines/free-slots-naive.ts (every 15-minute start, every
 * advisor, a fresh Intl call, every booking scanned). The two must return the same slots,
 * checked before timing. Pure computation: no database. What it measures and the figures so
 * far: docs/performance.md, "Booking: free slots".
 *
 *   npm run bench:booking -- [--advisors 20] [--days 21] [--booked 30] [--duration 30]
 *                            [--runs 500] [--baseline-runs 5] [--seed 1]
 */
import { freeSlots, type AdvisorRules, type Busy, type FreeSlot, type SlotQuery } from "../lib/booking/slots";
import type { WeeklyHours } from "../lib/booking/hours";
import { freeSlotsNaive } from "./baselines/free-slots-naive";
import { cliOptions } from "./lib/args";
import { machineLine } from "./lib/measure";
import { comparisonTable, type Comparison } from "./lib/report";
import { summarize, type Summary } from "./lib/stats";

type Args = { advisors: number; days: number; booked: number; duration: number; runs: number; baselineRuns: number; seed: number };

function parseArgs(): Args {
  const { int } = cliOptions();
  const booked = int("booked", 30, 0);
  if (booked > 90) throw new Error("--booked is a percentage up to 90");
  return {
    advisors: int("advisors", 20, 1),
    days: int("days", 21, 1),
    booked,
    duration: int("duration", 30, 5),
    runs: int("runs", 500, 1),
    baselineRuns: int("baseline-runs", 5, 1),
    seed: int("seed", 1, 0),
  };
}

const MIN = 60_000;
const DAY = 86_400_000;

function rng(seed: number) {
  let s = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  return { next, int, pick, shuffle };
}

const days = (list: number[], start: string, end: string): WeeklyHours => list.map((day) => ({ day, start, end }));

/**
 * Hours an admissions team keeps: office days with or without a lunch break, late shifts, a
 * Saturday, and an overnight shift in Manila covering American afternoons. None runs over a
 * clock change (those happen between 01:00 and 03:00), so the baseline can compare text.
 */
const HOURS: WeeklyHours[] = [
  [...days([1, 2, 3, 4, 5], "09:00", "12:00"), ...days([1, 2, 3, 4, 5], "13:00", "17:00")],
  days([1, 2, 3, 4, 5], "08:00", "16:00"),
  days([2, 3, 4, 5, 6], "10:00", "18:00"),
  [...days([1, 2, 3, 4], "12:00", "20:00"), ...days([5], "09:00", "13:00")],
  [...days([1, 3, 5], "09:30", "17:30"), ...days([2, 4], "11:00", "19:00")],
];
const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Berlin", "Asia/Kolkata"];
const OVERNIGHT: WeeklyHours = days([1, 2, 3, 4, 5], "21:00", "03:00");

/** Tuesday 20 October 2026: Europe's clocks go back on the 25th and America's on 1 November, inside the 21 days. */
const NOW = new Date("2026-10-20T13:07:00Z");

/** Whether two bookings of one advisor would share a moment, buffers included. */
const overlaps = (x: Busy, y: Busy) =>
  x.startsAt.getTime() < y.endsAt.getTime() + y.bufferMinutes * MIN && y.startsAt.getTime() < x.endsAt.getTime() + x.bufferMinutes * MIN;

type Scenario = { q: SlotQuery; bookedShare: number };

function scenario(args: Args): Scenario {
  const r = rng(args.seed);
  const advisors: AdvisorRules[] = Array.from({ length: args.advisors }, (_, i) => {
    const overnight = i % 10 === 9;
    const datesOff = Array.from({ length: r.int(3) }, () => new Date(NOW.getTime() + r.int(args.days) * DAY).toISOString().slice(0, 10));
    return {
      id: `advisor-${String(i + 1).padStart(2, "0")}`,
      timeZone: overnight ? "Asia/Manila" : ZONES[i % ZONES.length],
      weeklyHours: overnight ? OVERNIGHT : HOURS[i % HOURS.length],
      datesOff,
      bufferMinutes: r.pick([0, 5, 10, 15]),
      minNoticeMinutes: 120,
      horizonDays: args.days,
    };
  });
  const q: SlotQuery = { now: NOW, durationMinutes: args.duration, advisors, busy: [] };

  // Book each advisor's offered slots at random (calls of 20, 30 or 45 minutes) until the
  // booked minutes reach the share of their offered time (starts × 15 minutes).
  const open = freeSlots(q);
  let offeredMinutes = 0;
  let bookedMinutes = 0;
  for (const a of advisors) {
    const starts = open.filter((s) => s.advisorIds.includes(a.id)).map((s) => s.startsAt.getTime());
    const target = (starts.length * 15 * args.booked) / 100;
    offeredMinutes += starts.length * 15;
    let booked = 0;
    const mine: Busy[] = [];
    for (const s of r.shuffle(starts)) {
      if (booked >= target) break;
      const minutes = r.pick([20, 30, 30, 45]);
      const b: Busy = { advisorId: a.id, startsAt: new Date(s), endsAt: new Date(s + minutes * MIN), bufferMinutes: a.bufferMinutes };
      if (mine.some((m) => overlaps(m, b))) continue;
      mine.push(b);
      booked += minutes;
    }
    q.busy.push(...mine);
    bookedMinutes += booked;
  }
  q.busy.sort(() => r.next() - 0.5);
  return { q, bookedShare: offeredMinutes ? bookedMinutes / offeredMinutes : 0 };
}

function sameSlots(a: FreeSlot[], b: FreeSlot[]): string | null {
  if (a.length !== b.length) return `${a.length} slots against ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x.startsAt.getTime() !== y.startsAt.getTime() || x.endsAt.getTime() !== y.endsAt.getTime() || x.advisorIds.join() !== y.advisorIds.join()) {
      return `slot ${i}: ${x.startsAt.toISOString()} [${x.advisorIds.join(" ")}] against ${y.startsAt.toISOString()} [${y.advisorIds.join(" ")}]`;
    }
  }
  return null;
}

type Timing = { first: number; summary: Summary; cpu: Summary };

/** Wall-clock and CPU milliseconds per call: CPU moves less than wall time when the machine is shared. */
function time(fn: () => unknown, runs: number): Timing {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { first: samples[0], summary: summarize(samples), cpu: summarize(cpu) };
}

function main() {
  const args = parseArgs();
  const machine = machineLine();
  const { q, bookedShare } = scenario(args);

  // The same answer first: the benchmark is void otherwise.
  const project = freeSlots(q);
  for (const reuseFormatters of [false, true]) {
    const mismatch = sameSlots(project, freeSlotsNaive(q, { reuseFormatters }));
    if (mismatch) {
      console.error(`The project and the baseline${reuseFormatters ? " (formatters reused)" : ""} disagree: ${mismatch}`);
      process.exit(1);
    }
  }

  process.stderr.write(`timing the project (${args.runs} runs) and the baselines (${args.baselineRuns} runs each)...\n`);
  const mine = time(() => freeSlots(q), args.runs);
  const naive = time(() => freeSlotsNaive(q), args.baselineRuns);
  const reusing = time(() => freeSlotsNaive(q, { reuseFormatters: true }), args.baselineRuns);

  const zones = new Set(q.advisors.map((a) => a.timeZone));
  const pairs = project.reduce((n, s) => n + s.advisorIds.length, 0);
  console.log(`\n${machine} (at the start)`);
  console.log(
    `${args.advisors} advisors in ${zones.size} zones, ${args.days} days from ${NOW.toISOString()}, ${args.duration}-minute calls; ` +
      `${q.busy.length} bookings (${(bookedShare * 100).toFixed(0)}% of the offered time); ` +
      `${project.length} free starts, ${pairs} advisor-slots; both baselines return the same slots.`,
  );
  const rows = (b: Timing): Comparison[] => [
    {
      measure: `p50 (${args.runs} / ${args.baselineRuns} runs)`,
      value: mine.summary.p50,
      baseline: b.summary.p50,
      unit: "ms",
      higherIsBetter: false,
      decimals: 2,
    },
    { measure: "p95", value: mine.summary.p95, baseline: b.summary.p95, unit: "ms", higherIsBetter: false, decimals: 2 },
    { measure: "max", value: mine.summary.max, baseline: b.summary.max, unit: "ms", higherIsBetter: false, decimals: 2 },
    { measure: "first run", value: mine.first, baseline: b.first, unit: "ms", higherIsBetter: false, decimals: 2 },
    { measure: "CPU p50", value: mine.cpu.p50, baseline: b.cpu.p50, unit: "ms", higherIsBetter: false, decimals: 2 },
    { measure: "CPU p95", value: mine.cpu.p95, baseline: b.cpu.p95, unit: "ms", higherIsBetter: false, decimals: 2 },
  ];
  console.log(
    `\n${comparisonTable("freeSlots, one query", "naive: every 15-minute start × every advisor, a fresh Intl formatter, every booking scanned", rows(naive))}`,
  );
  console.log(`\n${comparisonTable("freeSlots, one query", "the same naive loop with one formatter per zone", rows(reusing))}`);
  const times = (b: Summary) => (b.p95 / mine.summary.p95).toFixed(0);
  console.log(
    `\np95: ${times(naive.summary)} times faster than the naive baseline, ${times(reusing.summary)} times faster than the naive loop reusing formatters.`,
  );
  const met = mine.summary.p95 < 20;
  console.log(`\nTarget p95 < 20 ms: ${met ? "met" : "NOT met"} (${mine.summary.p95.toFixed(2)} ms).`);
}

main();
