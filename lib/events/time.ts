/**
 * Event times: stored as a UTC instant plus the IANA zone the organisers planned in. All
 * zone arithmetic goes through Intl (the runtime's time zone database), never a fixed
 * offset, so a daylight-saving change between now and the event is handled.
 */

export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(at: Date, timeZone: string): Parts {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at that instant, in minutes (New York in winter: -300). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** "2026-12-10T18:00:00-05:00": the instant as the zone's wall clock with its offset (schema.org startDate). */
export function isoWithOffset(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  const off = offsetMinutes(at, timeZone);
  const sign = off < 0 ? "-" : "+";
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** "2026-12-10T18:00", the value of a datetime-local input showing the instant in the zone. */
export function localInputValue(at: Date, timeZone: string): string {
  return isoWithOffset(at, timeZone).slice(0, 16);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant at which the zone's clocks show `local` ("2026-12-10T18:00"). Null when the
 * text is not such a time, or when that wall-clock time does not exist in the zone (the
 * hour skipped when clocks go forward). An hour that happens twice takes the first.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date | null {
  const m = LOCAL_PATTERN.exec(local);
  if (!m || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wanted)) return null;
  // Try the offsets in force around that moment; keep the ones that land on the wanted time.
  const candidates = new Set([offsetMinutes(new Date(wanted - 36 * 3600_000), timeZone), offsetMinutes(new Date(wanted + 36 * 3600_000), timeZone)]);
  const hits = [...candidates]
    .map((off) => new Date(wanted - off * 60_000))
    .filter((d) => wanted === d.getTime() + offsetMinutes(d, timeZone) * 60_000)
    .sort((a, b) => a.getTime() - b.getTime());
  return hits[0] ?? null;
}

/** "Eastern Standard Time": the zone's name at that instant, in words. */
export function zoneName(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "long" }).formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "New York": the zone's city, for "New York time". */
export function zoneCity(timeZone: string): string {
  const city = timeZone.split("/").pop() ?? timeZone;
  return city.replace(/_/g, " ");
}

/**
 * When an event happens, in its own zone and in words:
 * "Thursday, December 10, 2026, 6:00 PM to 7:30 PM Eastern Standard Time (New York time)".
 */
export function describeEventTime(startsAt: Date, durationMinutes: number, timeZone: string): string {
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const day = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", month: "long", day: "numeric", year: "numeric" });
  const clock = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  const end = sameDay ? clock.format(endsAt) : `${day.format(endsAt)}, ${clock.format(endsAt)}`;
  return `${day.format(startsAt)}, ${clock.format(startsAt)} to ${end} ${zoneName(startsAt, timeZone)} (${zoneCity(timeZone)} time)`;
}

/** "Thu, Dec 10, 6:00 PM EST": for lists. */
export function shortEventTime(startsAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(startsAt);
}

/** How long before the start each reminder goes out: elapsed time, whatever the clocks do. */
export const REMINDER_LEADS = [
  { key: "reminder-24h", hours: 24, label: "tomorrow" },
  { key: "reminder-1h", hours: 1, label: "in one hour" },
] as const;

export type ReminderKey = (typeof REMINDER_LEADS)[number]["key"];

/** The reminders still ahead at `now`, with the instants they are due. */
export function reminderTimes(startsAt: Date, now: Date): { key: ReminderKey; at: Date }[] {
  return REMINDER_LEADS.map((r) => ({ key: r.key, at: new Date(startsAt.getTime() - r.hours * 3600_000) })).filter((r) => r.at.getTime() > now.getTime());
}
