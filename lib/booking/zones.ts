/**
 * Time zone arithmetic for booking. Instants are UTC `Date`s (or epoch milliseconds inside
 * the slot computation); a zone's wall clock is read through Intl, never through a fixed
 * offset, so daylight-saving changes anywhere in the horizon are handled.
 *
 * A wall-clock time on a date maps to the first instant at which the zone's clock reads that
 * time or later: a time skipped when clocks go forward maps to the moment they jump (02:30 on
 * a spring-forward day in Chicago is 03:00 CDT), and a time shown twice when clocks go back
 * maps to its first showing. Working hours "09:00–17:00" therefore run from the moment the
 * advisor's clock first reads 09:00 to the moment it first reads 17:00.
 */
import { isTimeZone } from "../events/time";

export { isTimeZone };

const MINUTE = 60_000;
const DAY = 86_400_000;

// Building a DateTimeFormat costs far more than using one, and the slot computation asks for
// offsets often: one formatter per zone for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const FORMATTED = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/** The zone's wall clock at that instant, as if it were a UTC time (milliseconds, whole seconds). */
function wallClockMs(ms: number, timeZone: string): number {
  const f = formatter(timeZone);
  // format() and a pattern are several times faster than formatToParts(); the parts are the
  // fallback for anything the pattern does not expect (years beyond 9999, another ICU).
  const m = FORMATTED.exec(f.format(ms));
  if (m) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  const v: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== "literal") v[p.type] = Number(p.value);
  return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second);
}

/** The zone's offset from UTC at that instant, in minutes (Chicago in winter: -360). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  return Math.round((wallClockMs(ms, timeZone) - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/** One stretch of time during which a zone keeps one offset: [from, to) in epoch ms. */
export type OffsetSpan = { from: number; to: number; offset: number };

// Offset changes are found by sampling every 12 hours and narrowing down to the minute; no
// zone changes its offset twice within 12 hours.
const SAMPLE_MS = 12 * 3600_000;

/**
 * The zone's offsets over [fromMs, toMs): one span per offset in force, in order. The first
 * span reaches back forever and the last forward forever, so a lookup just outside the range
 * still gets the nearest offset.
 */
export function offsetSpans(timeZone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let start = -Infinity;
  // Whole minutes, so the narrowing lands on the minute the change happens.
  let at = Math.floor(fromMs / MINUTE) * MINUTE;
  const end = Math.ceil(toMs / MINUTE) * MINUTE;
  let offset = zoneOffsetMinutes(at, timeZone);
  while (at < end) {
    const next = Math.min(at + SAMPLE_MS, end);
    const nextOffset = zoneOffsetMinutes(next, timeZone);
    if (nextOffset !== offset) {
      // The change lies in (lo, hi]: narrow it to the minute.
      let lo = at;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (zoneOffsetMinutes(mid, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      spans.push({ from: start, to: hi, offset });
      start = hi;
      offset = zoneOffsetMinutes(hi, timeZone);
    }
    at = next;
  }
  spans.push({ from: start, to: Infinity, offset });
  return spans;
}

/** The offset (minutes) in force at the instant, from precomputed spans. */
export function offsetAt(spans: OffsetSpan[], ms: number): number {
  for (const s of spans) if (ms < s.to) return s.offset;
  return spans[spans.length - 1].offset;
}

/**
 * The first instant at which the clock reads `wallMs` (a wall-clock time written as if it
 * were UTC) or later: within each span the clock runs steadily, so the answer is the
 * earliest span's first instant at or past that reading.
 */
export function firstInstantAtWallClock(spans: OffsetSpan[], wallMs: number): number {
  let best = Infinity;
  for (const s of spans) {
    const t = Math.max(s.from, wallMs - s.offset * MINUTE);
    if (t < s.to && t < best) best = t;
  }
  return best;
}

/** The date the zone's calendar shows at the instant, from precomputed spans. */
export function wallDate(spans: OffsetSpan[], ms: number): string {
  return msDate(ms + offsetAt(spans, ms) * MINUTE);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-10" as UTC midnight in epoch ms (NaN when it is not such a date). */
export function dateMs(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : NaN;
}

/** The UTC date of epoch ms, "YYYY-MM-DD". */
export function msDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether the text is a real calendar date written "YYYY-MM-DD". */
export function isDate(date: string): boolean {
  return !Number.isNaN(dateMs(date));
}

/** "2026-12-10": the date the zone's calendar shows at that instant. */
export function localDate(at: Date, timeZone: string): string {
  return msDate(wallClockMs(at.getTime(), timeZone));
}

/** The date n days after (or before, n < 0) the given one: calendar days, whatever the clocks do. */
export function addDays(date: string, n: number): string {
  const ms = dateMs(date);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${date}`);
  return msDate(ms + n * DAY);
}

/** The ISO weekday of a date: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  return weekdayOfDayMs(dateMs(date));
}

/** The ISO weekday of a UTC midnight in epoch ms (1 January 1970 was a Thursday). */
export function weekdayOfDayMs(ms: number): number {
  return ((((Math.floor(ms / DAY) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The instant the day begins in the zone: its midnight, or, where the clocks skip midnight,
 * the moment they jump past it.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const ms = dateMs(date);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${date}`);
  return new Date(firstInstantAtWallClock(offsetSpans(timeZone, ms - 2 * DAY, ms + 2 * DAY), ms));
}

/** "UTC−08:00", with a real minus sign. */
export function utcOffsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "\u2212" : "+";
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * The zone in words at that instant: "Pacific Time (Los Angeles), UTC−08:00". Zones without a
 * name of their own (UTC, Etc/GMT+5) read as their offset alone.
 */
export function zoneLabel(timeZone: string, at: Date): string {
  const offset = utcOffsetLabel(zoneOffsetMinutes(at.getTime(), timeZone));
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longGeneric" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  if (!name || /^(GMT|UTC)/.test(name) || !timeZone.includes("/") || timeZone.startsWith("Etc/")) return offset;
  const city = (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
  return `${name} (${city}), ${offset}`;
}
