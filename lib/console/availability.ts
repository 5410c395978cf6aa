import { z } from "zod";
import type { Db } from "../db";
import { parseWeeklyHours, weeklyHoursSchema, type WeeklyHours } from "../booking/hours";
import { localDate } from "../booking/zones";
import { isTimeZone } from "../events/time";
import { posted, wholeNumber } from "./form-fields";
import { AVAILABILITY_LIMITS, rangeField, rangeKey, rangesByDay, WEEKDAYS } from "./availability-form";

export { AVAILABILITY_LIMITS, rangeField, rangeKey, rangesByDay, WEEKDAYS };

/**
 * An advisor's availability, as staff set it at /console/calls/availability: whether they
 * take calls, their zone, weekly hours (wall clock in that zone), dates off, the call types
 * they take, and the booking rules (buffer, minimum notice, horizon). The slot engine
 * (lib/booking/slots.ts) reads these rows; nothing here touches a booking: changing the
 * hours, the zone or the rules moves no call already booked.
 *
 * Who may edit whose availability is the caller's check (calls:take for one's own,
 * calls:assign for anyone's: canEditAvailability); every function validates what it is given.
 */

/** A new advisor's rules until they change them (the schema's defaults). */
export const DEFAULT_RULES = { bufferMinutes: 10, minNoticeMinutes: 120, horizonDays: 21 } as const;

/** Whether `staff` may edit the availability of `userId`: their own with calls:take, anyone's with calls:assign. */
export function canEditAvailability(staff: { id: string; canAssign: boolean }, userId: string): boolean {
  return staff.id === userId || staff.canAssign;
}

let zoneSet: Set<string> | undefined;

/** The IANA zones the select offers (the runtime's list, and UTC). */
export function knownTimeZones(): Set<string> {
  if (!zoneSet) {
    zoneSet = new Set(Intl.supportedValuesOf("timeZone"));
    zoneSet.add("UTC");
  }
  return zoneSet;
}

/**
 * The runtime's own name for a zone ("Asia/Kolkata" reads "Asia/Calcutta" in Node's ICU,
 * "america/chicago" "America/Chicago"), so what is stored is always one of the select's
 * options; null when Intl does not know the zone.
 */
export function canonicalTimeZone(tz: string): string | null {
  if (!isTimeZone(tz)) return null;
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  return knownTimeZones().has(name) ? name : null;
}

const timeZoneField = z.preprocess(
  posted,
  z
    .string()
    .trim()
    .min(1, "Choose your time zone.")
    .transform((tz, ctx) => {
      const canonical = canonicalTimeZone(tz);
      if (!canonical) {
        ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
        return z.NEVER;
      }
      return canonical;
    }),
);

const rulesSchema = z.object({
  timeZone: timeZoneField,
  bufferMinutes: wholeNumber("the buffer", 0, AVAILABILITY_LIMITS.maxBuffer).refine((n) => n % 5 === 0, "Enter the buffer in steps of 5 minutes."),
  minNoticeMinutes: wholeNumber("the minimum notice", 0, AVAILABILITY_LIMITS.maxNotice).refine(
    (n) => n % 5 === 0,
    "Enter the minimum notice in steps of 5 minutes.",
  ),
  horizonDays: wholeNumber("the horizon", 1, AVAILABILITY_LIMITS.maxHorizon),
  active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

/** The settings the editor shows. */
export type AdvisorView = {
  active: boolean;
  timeZone: string;
  weeklyHours: WeeklyHours;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  callTypeIds: string[];
  datesOff: { date: string; note: string | null }[];
  pinnedPrograms: string[];
};

export type AvailabilityPage = {
  user: { id: string; name: string; email: string };
  /** Null until they become an advisor. */
  advisor: AdvisorView | null;
};

/** A staff member's availability, or null when there is no such (active) staff account. */
export async function availabilityOf(db: Db, userId: string): Promise<AvailabilityPage | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      banned: true,
      advisor: { include: { callTypes: { select: { callTypeId: true } }, datesOff: { orderBy: { date: "asc" } }, pins: { orderBy: { programSlug: "asc" } } } },
    },
  });
  if (!user || user.banned) return null;
  const a = user.advisor;
  return {
    user: { id: user.id, name: user.name, email: user.email },
    advisor: a
      ? {
          active: a.active,
          timeZone: a.timeZone,
          weeklyHours: parseWeeklyHours(a.weeklyHours),
          bufferMinutes: a.bufferMinutes,
          minNoticeMinutes: a.minNoticeMinutes,
          horizonDays: a.horizonDays,
          callTypeIds: a.callTypes.map((c) => c.callTypeId),
          datesOff: a.datesOff.map((d) => ({ date: d.date, note: d.note })),
          pinnedPrograms: a.pins.map((p) => p.programSlug),
        }
      : null,
  };
}

export type AvailabilityOutcome = { ok: true } | { ok: false; fieldErrors: Record<string, string>; message?: string };

function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

const NO_ACCOUNT = "That staff account does not exist or is disabled.";

/**
 * Makes a staff member an advisor: their Advisor row with the zone they chose, no hours yet
 * and the default rules. Visitors can book them once they add hours and call types.
 * Doing it again changes nothing.
 */
export async function becomeAdvisor(db: Db, a: { userId: string; timeZone: unknown }): Promise<AvailabilityOutcome> {
  const tz = timeZoneField.safeParse(a.timeZone);
  if (!tz.success) return { ok: false, fieldErrors: { timeZone: tz.error.issues[0].message } };
  const user = await db.user.findUnique({ where: { id: a.userId }, select: { banned: true } });
  if (!user || user.banned) return { ok: false, fieldErrors: {}, message: NO_ACCOUNT };
  await db.advisor.upsert({ where: { userId: a.userId }, create: { userId: a.userId, timeZone: tz.data, weeklyHours: "[]", ...DEFAULT_RULES }, update: {} });
  return { ok: true };
}

// --- The weekly hours editor ---------------------------------------------------------------

const RANGE_FIELD = /^hours\.([1-7])\.(\d{1,2})\.(start|end)$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/;

/** Every field of an availability post, as strings, to echo back after an error. Hours rows are kept as posted. */
export function availabilityValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ["timeZone", "bufferMinutes", "minNoticeMinutes", "horizonDays", "active"]) {
    const v = formData.get(f);
    if (typeof v === "string") out[f] = v.slice(0, 200);
  }
  out.callTypes = formData
    .getAll("callTypes")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 50)
    .join(",");
  for (const [key, v] of formData.entries()) {
    const m = RANGE_FIELD.exec(key);
    if (m && Number(m[2]) < AVAILABILITY_LIMITS.rangesPerDay && typeof v === "string") out[key] = v.slice(0, 20);
  }
  return out;
}

/** Saved hours as the editor's values (each day's ranges in order). */
export function hoursValues(hours: WeeklyHours): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { day } of WEEKDAYS) {
    hours
      .filter((h) => h.day === day)
      .sort((x, y) => x.start.localeCompare(y.start))
      .forEach((h, row) => {
        out[rangeField(day, row, "start")] = h.start;
        out[rangeField(day, row, "end")] = h.end;
      });
  }
  return out;
}

const normalTime = (t: string) => t.slice(0, 5);

/**
 * Reads the editor's rows into WeeklyHours and checks them with the slot engine's own schema
 * (weeklyHoursSchema). A row left empty is skipped; an error is keyed to its row.
 */
export function readWeeklyHours(values: Record<string, string>): { ok: true; hours: WeeklyHours } | { ok: false; fieldErrors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const hours: WeeklyHours = [];
  const rowOf: string[] = [];
  for (const [day, rows] of rangesByDay(values)) {
    rows.forEach(([rawStart, rawEnd], row) => {
      const start = rawStart.trim();
      const end = rawEnd.trim();
      if (!start && !end) return;
      if (!start || !end) {
        errors[rangeKey(day, row)] = "Enter both the start and the end, or clear both to remove this range.";
        return;
      }
      if (!TIME.test(start) || !TIME.test(end) || Number(start.slice(3, 5)) % 5 !== 0 || Number(end.slice(3, 5)) % 5 !== 0) {
        errors[rangeKey(day, row)] = "Enter times in 5-minute steps on the 24-hour clock, like 09:00 or 17:30.";
        return;
      }
      hours.push({ day, start: normalTime(start), end: normalTime(end) });
      rowOf.push(rangeKey(day, row));
    });
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  const checked = weeklyHoursSchema.safeParse(hours);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const i = typeof issue.path[0] === "number" ? issue.path[0] : -1;
      errors[rowOf[i] ?? "hours"] ??= issue.message;
    }
    return { ok: false, fieldErrors: errors };
  }
  return { ok: true, hours: checked.data };
}

/**
 * Saves an advisor's settings from the editor's post (availabilityValues): zone, weekly hours,
 * the call types they take, buffer, minimum notice, horizon, active. Booked calls are not
 * touched: they keep their time, advisor and buffer.
 */
export async function saveAvailability(db: Db, userId: string, values: Record<string, string>): Promise<AvailabilityOutcome> {
  const rules = rulesSchema.safeParse(values);
  const hours = readWeeklyHours(values);
  const fieldErrors = { ...(rules.success ? {} : issuesToErrors(rules.error.issues)), ...(hours.ok ? {} : hours.fieldErrors) };
  const wanted = [...new Set((values.callTypes ?? "").split(",").filter(Boolean))];
  const known = await db.callType.findMany({ where: { id: { in: wanted } }, select: { id: true } });
  if (known.length !== wanted.length) fieldErrors.callTypes = "Choose call types from the list.";
  if (!rules.success || !hours.ok || fieldErrors.callTypes) return { ok: false, fieldErrors };
  return db.$transaction(async (tx) => {
    const { count } = await tx.advisor.updateMany({
      where: { userId, user: { OR: [{ banned: false }, { banned: null }] } },
      data: { ...rules.data, weeklyHours: JSON.stringify(hours.hours) },
    });
    if (count !== 1) return { ok: false, fieldErrors: {}, message: "Start taking calls first: this staff member is not an advisor." } as const;
    await tx.advisorCallType.deleteMany({ where: { advisorId: userId, callTypeId: { notIn: wanted } } });
    const have = new Set((await tx.advisorCallType.findMany({ where: { advisorId: userId }, select: { callTypeId: true } })).map((c) => c.callTypeId));
    for (const callTypeId of wanted) if (!have.has(callTypeId)) await tx.advisorCallType.create({ data: { advisorId: userId, callTypeId } });
    return { ok: true } as const;
  });
}

// --- Dates off -----------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date "YYYY-MM-DD" (no time, no zone). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

/** "Thursday, 24 December 2026": a date off as staff read it. */
export function formatDateOff(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}

const dateOffSchema = z.object({
  date: z.preprocess(posted, z.string().trim().min(1, "Enter the date you are off.").refine(isCalendarDate, "Enter a real date, like 2026-12-24.")),
  note: z.preprocess(
    posted,
    z
      .string()
      .trim()
      .max(AVAILABILITY_LIMITS.note, `Keep the note under ${AVAILABILITY_LIMITS.note} characters.`)
      .transform((v) => v || null),
  ),
});

/**
 * Adds a whole day off (a date in the advisor's own zone): no slot starting that day is
 * offered. A day already past in their zone is refused; one already off is left as it is.
 * Calls already booked that day stay booked (the page lists them to move or cancel).
 */
export async function addDateOff(db: Db, a: { userId: string; date: unknown; note: unknown; now: Date }): Promise<AvailabilityOutcome> {
  const parsed = dateOffSchema.safeParse({ date: a.date, note: a.note });
  if (!parsed.success) return { ok: false, fieldErrors: issuesToErrors(parsed.error.issues) };
  const advisor = await db.advisor.findUnique({ where: { userId: a.userId }, select: { timeZone: true } });
  if (!advisor) return { ok: false, fieldErrors: {}, message: "Start taking calls first: this staff member is not an advisor." };
  if (parsed.data.date < localDate(a.now, advisor.timeZone))
    return { ok: false, fieldErrors: { date: "That day has already passed. Enter today or a later date." } };
  await db.advisorDateOff.upsert({
    where: { advisorId_date: { advisorId: a.userId, date: parsed.data.date } },
    create: { advisorId: a.userId, date: parsed.data.date, note: parsed.data.note },
    update: { note: parsed.data.note },
  });
  return { ok: true };
}

/** Removes a day off. False when it was not there. */
export async function removeDateOff(db: Db, a: { userId: string; date: string }): Promise<boolean> {
  if (!isCalendarDate(a.date)) return false;
  const { count } = await db.advisorDateOff.deleteMany({ where: { advisorId: a.userId, date: a.date } });
  return count === 1;
}

/** Booked calls of this advisor still ahead (the page says changing hours leaves them be). */
export function upcomingCallCount(db: Db, userId: string, now: Date): Promise<number> {
  return db.booking.count({ where: { advisorId: userId, status: "booked", startsAt: { gte: now } } });
}

/** Staff members, for an admin choosing whose availability to edit: advisors first. */
export async function staffForAvailability(db: Db): Promise<{ id: string; name: string; email: string; advisor: boolean }[]> {
  const users = await db.user.findMany({
    where: { OR: [{ banned: false }, { banned: null }] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, advisor: { select: { userId: true } } },
  });
  return users.map((u) => ({ id: u.id, name: u.name, email: u.email, advisor: u.advisor !== null }));
}

/** Monday to Friday, 09:00 to 17:00: the demo advisor's week. */
export const OFFICE_HOURS: WeeklyHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "17:00" }));

/**
 * Makes a staff member an advisor with the given zone and hours, taking every active call
 * type, unless they are one already (then nothing changes). For the local demo
 * (scripts/demo-setup.ts), so /book has someone to book.
 */
export async function ensureAdvisor(db: Db, a: { userId: string; timeZone: string; weeklyHours: WeeklyHours }): Promise<boolean> {
  if (await db.advisor.findUnique({ where: { userId: a.userId }, select: { userId: true } })) return false;
  const callTypes = await db.callType.findMany({ where: { active: true }, select: { id: true } });
  await db.advisor.create({
    data: {
      userId: a.userId,
      timeZone: a.timeZone,
      weeklyHours: JSON.stringify(a.weeklyHours),
      ...DEFAULT_RULES,
      callTypes: { create: callTypes.map((c) => ({ callTypeId: c.id })) },
    },
  });
  return true;
}
