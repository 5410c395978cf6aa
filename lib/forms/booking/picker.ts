import { slotsByDay, type FreeSlot } from "../../booking/slots";
import { isDate, isTimeZone, localDate, zoneLabel } from "../../booking/zones";
import { queryParam, type SearchParams } from "../../query-param";
import { isSlotStart, type SlotChoice } from "./options";

/**
 * The slot picker of /book (and of rescheduling on /book/manage/<token>) as plain data: the
 * steps are links and GET forms, so the picker works without JavaScript, and a page only
 * renders what this returns. All dates and times are the visitor's zone's, worked out
 * through Intl (lib/booking/zones.ts).
 *
 * Step 1 lists the days with free times, step 2 the free times of the chosen day, step 3 is
 * the confirm form for the chosen time. Every link keeps what the page was opened with (the
 * call type, the zone if chosen, the program, the booking link's reference, attribution).
 */

/** What the picker reads from the URL; anything malformed is dropped rather than trusted. */
export type PickerQuery = {
  type?: string;
  tz?: string;
  day?: string;
  slot?: string;
  program?: string;
  for?: string;
};

const SLUG = /^[a-z0-9-]{1,80}$/;
const REF = /^[A-Za-z0-9._-]{1,120}$/;

export function readPickerQuery(params: SearchParams): PickerQuery {
  const pick = (key: string, ok: (v: string) => boolean) => {
    const v = queryParam(params, key);
    return v !== undefined && ok(v) ? v : undefined;
  };
  return {
    type: pick("type", (v) => SLUG.test(v)),
    tz: pick("tz", isTimeZone),
    day: pick("day", isDate),
    slot: pick("slot", isSlotStart),
    program: pick("program", (v) => SLUG.test(v)),
    for: pick("for", (v) => REF.test(v)),
  };
}

/** A free time as the picker shows it. */
export type SlotLink = SlotChoice;

export type PickerView = {
  timeZone: string;
  /** The zone came from the URL (chosen, or detected by the browser); else it is the advisors'. */
  zoneChosen: boolean;
  /** "Pacific Time (Los Angeles), UTC−08:00" */
  zoneText: string;
  /** The advisors' zones in words. */
  advisorZoneTexts: string[];
  step: "day" | "time" | "confirm";
  /** The days with free times. */
  days: { date: string; label: string; count: number; href: string; current: boolean }[];
  /** Step 2 and 3: the chosen day and its free times. */
  day: { date: string; label: string; slots: SlotLink[] } | null;
  /** Step 3: the chosen time; `free` is false when it is no longer offered, with the next free times. */
  slot: { startsAt: string; when: string; free: boolean; alternatives: SlotLink[] } | null;
  /** The picker's own URL with the day cleared (back to step 1). */
  daysHref: string;
  /** The chosen day's free times, the time cleared (back to step 2). */
  timesHref: string | null;
  /** A day in the URL that has no free time (any more). */
  emptyDay: string | null;
};

/** How many next free times a refused or stale time is offered instead. */
export const ALTERNATIVES = 5;

/**
 * The URL of a picker step: `path` with `keep` (what the page was opened with) and the step's
 * own parameters, and a fragment so a page loaded without JavaScript opens at that step.
 */
export function pickerHref(path: string, keep: Record<string, string | undefined>, step: Record<string, string | undefined>, fragment?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...keep, ...step })) if (v) q.set(k, v);
  const search = q.toString();
  return `${path}${search ? `?${search}` : ""}${fragment ? `#${fragment}` : ""}`;
}

const dayFormat = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" });

/** "Thursday, December 10" for "2026-12-10" (a calendar date: no zone involved). */
export function dayLabel(date: string): string {
  return dayFormat.format(new Date(`${date}T12:00:00Z`));
}

/** "12:15 PM" in the zone. */
export function clockLabel(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(at);
}

/** "Thu, Dec 10, 12:15 PM" in the zone: a time on another day than the one shown. */
export function shortSlotLabel(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(at);
}

/** "Thursday, December 10, 2026, 12:00 PM to 12:20 PM" in the zone (the end's date too when the call crosses midnight). */
export function slotWhen(startsAt: Date, endsAt: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", month: "long", day: "numeric", year: "numeric" });
  const sameDay = localDate(startsAt, timeZone) === localDate(endsAt, timeZone);
  const end = sameDay ? clockLabel(endsAt, timeZone) : `${day.format(endsAt)}, ${clockLabel(endsAt, timeZone)}`;
  return `${day.format(startsAt)}, ${clockLabel(startsAt, timeZone)} to ${end}`;
}

/** The next free times after `after` (exclusive), as links to their confirm step. */
export function nextSlotLinks(
  slots: readonly FreeSlot[],
  after: Date,
  timeZone: string,
  href: (slot: FreeSlot, date: string) => string,
  count = ALTERNATIVES,
): SlotLink[] {
  return slots
    .filter((s) => s.startsAt.getTime() > after.getTime())
    .slice(0, count)
    .map((s) => {
      const date = localDate(s.startsAt, timeZone);
      return { startsAt: s.startsAt.toISOString(), label: shortSlotLabel(s.startsAt, timeZone), href: href(s, date) };
    });
}

export function buildPicker(a: {
  query: PickerQuery;
  /** The free times on offer, ascending (findSlots). */
  slots: readonly FreeSlot[];
  durationMinutes: number;
  advisorZones: readonly string[];
  /** The zone used when the URL names none: the advisors' (the first of them). */
  fallbackZone: string;
  /** The page's path ("/book", "/book/manage/<token>"). */
  path: string;
  /** Parameters every link keeps besides the picker's own (attribution, the manage page's step). */
  carry?: Record<string, string | undefined>;
  now: Date;
}): PickerView {
  const { query, slots, now, path } = a;
  const timeZone = query.tz ?? a.advisorZones[0] ?? a.fallbackZone;
  const keep = { ...a.carry, type: query.type, tz: query.tz, program: query.program, for: query.for };
  const byDay = slotsByDay([...slots], timeZone);
  const slotDate = query.slot ? localDate(new Date(query.slot), timeZone) : undefined;
  const wanted = slotDate ?? query.day;
  const chosen = wanted ? byDay.find((d) => d.date === wanted) : undefined;
  const slotHref = (s: FreeSlot, date: string) => pickerHref(path, keep, { day: date, slot: s.startsAt.toISOString() }, "confirm");

  const days = byDay.map((d) => ({
    date: d.date,
    label: dayLabel(d.date),
    count: d.slots.length,
    href: pickerHref(path, keep, { day: d.date }, "times"),
    current: d.date === chosen?.date,
  }));
  const day = chosen
    ? {
        date: chosen.date,
        label: dayLabel(chosen.date),
        slots: chosen.slots.map((s) => ({ startsAt: s.startsAt.toISOString(), label: clockLabel(s.startsAt, timeZone), href: slotHref(s, chosen.date) })),
      }
    : null;

  let slot: PickerView["slot"] = null;
  if (query.slot) {
    const startsAt = new Date(query.slot);
    const endsAt = new Date(startsAt.getTime() + a.durationMinutes * 60_000);
    const free = slots.some((s) => s.startsAt.getTime() === startsAt.getTime());
    slot = {
      startsAt: startsAt.toISOString(),
      when: slotWhen(startsAt, endsAt, timeZone),
      free,
      alternatives: free ? [] : nextSlotLinks(slots, startsAt.getTime() < now.getTime() ? now : startsAt, timeZone, slotHref),
    };
  }

  return {
    timeZone,
    zoneChosen: Boolean(query.tz),
    zoneText: zoneLabel(timeZone, now),
    advisorZoneTexts: [...new Set(a.advisorZones)].map((z) => zoneLabel(z, now)),
    step: slot ? "confirm" : day ? "time" : "day",
    days,
    day: slot ? (day ?? { date: slotDate!, label: dayLabel(slotDate!), slots: [] }) : day,
    slot,
    daysHref: pickerHref(path, keep, {}, "days"),
    timesHref: slotDate || chosen ? pickerHref(path, keep, { day: slotDate ?? chosen?.date }, "times") : null,
    emptyDay: wanted && !chosen && !slot ? wanted : null,
  };
}
