/**
 * The availability editor's shape, shared by the page (browser) and lib/console/availability.ts
 * (server): the weekdays, the limits, and how a time range's fields are named. No zod, no
 * database: safe in a client bundle.
 */

export const WEEKDAYS = [
  { day: 1, name: "Monday" },
  { day: 2, name: "Tuesday" },
  { day: 3, name: "Wednesday" },
  { day: 4, name: "Thursday" },
  { day: 5, name: "Friday" },
  { day: 6, name: "Saturday" },
  { day: 7, name: "Sunday" },
] as const;

export const AVAILABILITY_LIMITS = {
  /** Time ranges a day may have in the editor. */
  rangesPerDay: 8,
  maxBuffer: 120,
  maxNotice: 14 * 24 * 60,
  maxHorizon: 365,
  note: 120,
} as const;

/** The name of a time range's field: `hours.1.0.start` (Monday, first range). */
export const rangeField = (day: number, row: number, end: "start" | "end") => `hours.${day}.${row}.${end}`;
/** The error key of a time range (next to its row). */
export const rangeKey = (day: number, row: number) => `hours.${day}.${row}`;

/** The time ranges a post (or echoed values) holds, per day, in row order: [start, end] as typed. */
export function rangesByDay(values: Record<string, string>): Map<number, [string, string][]> {
  const out = new Map<number, [string, string][]>();
  for (const { day } of WEEKDAYS) {
    const rows: [string, string][] = [];
    for (let row = 0; row < AVAILABILITY_LIMITS.rangesPerDay; row++) {
      const start = values[rangeField(day, row, "start")];
      const end = values[rangeField(day, row, "end")];
      if (start === undefined && end === undefined) continue;
      rows.push([start ?? "", end ?? ""]);
    }
    out.set(day, rows);
  }
  return out;
}
