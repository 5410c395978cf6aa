/**
 * An advisor's weekly working hours: wall-clock intervals in the advisor's own zone, as
 * stored in Advisor.weeklyHours (JSON) and edited in the console. Browser-safe.
 *
 * `day` is the ISO weekday (Monday 1 … Sunday 7). Times are "HH:MM" in 5-minute steps. An
 * end at or before the start ends on the next day (22:00–02:00 is an overnight shift); an
 * interval that starts and ends at the same time is refused, as it has no clear length.
 * Intervals may not overlap, an overnight one included with the next day's.
 */
import { z } from "zod/mini";

export type WeeklyHours = { day: number; start: string; end: string }[];

export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
export const MAX_WEEKLY_INTERVALS = 70;

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" → 570 minutes after midnight. */
export function minutesOfDay(time: string): number {
  const m = TIME_PATTERN.exec(time);
  if (!m) return NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** How long the interval lasts on the wall clock, in minutes: overnight ones run past midnight. */
export function intervalMinutes(start: string, end: string): number {
  const s = minutesOfDay(start);
  const e = minutesOfDay(end);
  return e > s ? e - s : e + MINUTES_PER_DAY - s;
}

/** "Monday 09:00–17:00", "Sunday 22:00–02:00 (next day)". */
export function describeInterval(i: { day: number; start: string; end: string }): string {
  const overnight = minutesOfDay(i.end) <= minutesOfDay(i.start);
  return `${DAY_NAMES[i.day - 1] ?? `Day ${i.day}`} ${i.start}\u2013${i.end}${overnight ? " (next day)" : ""}`;
}

function timeField(which: "start" | "end") {
  const format = `Write the ${which} time as HH:MM on a 24-hour clock, e.g. ${which === "start" ? "09:00" : "17:30"}.`;
  return z.string({ error: format }).check(
    z.trim(),
    z.regex(TIME_PATTERN, { error: format, abort: true }),
    z.refine((t) => minutesOfDay(t) % 5 === 0, `Use 5-minute steps for the ${which} time (09:05 works, 09:07 does not).`),
  );
}

const DAY_MESSAGE = "Choose a day of the week (1 = Monday … 7 = Sunday).";

export const weeklyIntervalSchema = z
  .object({
    day: z.number({ error: DAY_MESSAGE }).check(z.int(DAY_MESSAGE), z.gte(1, DAY_MESSAGE), z.lte(7, DAY_MESSAGE)),
    start: timeField("start"),
    end: timeField("end"),
  })
  .check(
    z.refine((i) => i.start !== i.end, {
      message: "Start and end are the same time. Give the interval a length; an end before the start means the next day.",
      path: ["end"],
    }),
  );

/** Start and end in minutes from Monday 00:00; the end may run past the week's end. */
function weekSpan(i: { day: number; start: string; end: string }): [number, number] {
  const start = (i.day - 1) * MINUTES_PER_DAY + minutesOfDay(i.start);
  return [start, start + intervalMinutes(i.start, i.end)];
}

export const weeklyHoursSchema = z.array(weeklyIntervalSchema, { error: "Working hours must be a list of intervals." }).check(
  z.maxLength(MAX_WEEKLY_INTERVALS, `Keep to ${MAX_WEEKLY_INTERVALS} intervals a week.`),
  z.superRefine((hours, ctx) => {
    // The week wraps: Sunday 22:00–02:00 reaches into Monday.
    for (let j = 1; j < hours.length; j++) {
      const [bs, be] = weekSpan(hours[j]);
      for (let i = 0; i < j; i++) {
        const [as, ae] = weekSpan(hours[i]);
        const overlaps = [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some((shift) => as + shift < be && bs < ae + shift);
        if (overlaps) {
          ctx.addIssue({
            code: "custom",
            path: [j],
            message: `${describeInterval(hours[j])} overlaps ${describeInterval(hours[i])}. Intervals may touch but not overlap.`,
          });
          break;
        }
      }
    }
  }),
);

/** The stored JSON as working hours; no working hours at all when it is not valid. */
export function parseWeeklyHours(json: string): WeeklyHours {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const parsed = weeklyHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
