import { z } from "zod";
import type { Db } from "../db";
import { dialectOf } from "../db/dialect";
import { afterEventEdit } from "../events/seats";
import { isTimeZone, localInputValue, zonedTimeToUtc } from "../events/time";
import { isUniqueViolation } from "../leads/errors";
import { formValues } from "./programs";

/**
 * The console's events: the list, the editor (create and edit) and the attendees, with who
 * attended. Every function validates what it is given; the Server Actions only check the
 * permission and pass the post on.
 */

export const EVENT_FIELDS = [
  "title",
  "slug",
  "programSlug",
  "description",
  "startsAtLocal",
  "timeZone",
  "durationMinutes",
  "onlineUrl",
  "placeName",
  "placeAddress",
  "capacity",
  "published",
] as const;

export const EVENT_LIMITS = { title: 120, slug: 80, description: 2000, place: 200, url: 500, capacity: 10_000, duration: 24 * 60 } as const;

const text = (label: string, max: number) => z.string().trim().min(1, `Enter the ${label}.`).max(max, `Keep the ${label} under ${max} characters.`);
const optional = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => v || null);
const int = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `Enter the ${label} as a whole number.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `The ${label} must be between ${min} and ${max}.`);

const eventForm = z
  .object({
    title: text("title", EVENT_LIMITS.title),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, like open-house-march.")
      .max(EVENT_LIMITS.slug, "Keep the address under 80 characters."),
    programSlug: optional(EVENT_LIMITS.slug, "Choose a program from the list."),
    description: text("description", EVENT_LIMITS.description),
    startsAtLocal: z.string().trim().min(1, "Enter the date and start time."),
    timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone such as America/New_York."),
    durationMinutes: int("duration in minutes", 5, EVENT_LIMITS.duration),
    onlineUrl: optional(EVENT_LIMITS.url, "Keep the link under 500 characters.").refine(
      (v) => v === null || /^https:\/\/[^\s]+$/.test(v),
      "Enter an https:// link.",
    ),
    placeName: optional(EVENT_LIMITS.place, "Keep the place under 200 characters."),
    placeAddress: optional(EVENT_LIMITS.place, "Keep the address under 200 characters."),
    capacity: int("capacity", 1, EVENT_LIMITS.capacity),
    published: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  })
  .superRefine((v, ctx) => {
    if (!v.onlineUrl && !v.placeName) ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "Give an online link or a place." });
    if (v.onlineUrl && v.placeName) ctx.addIssue({ code: "custom", path: ["placeName"], message: "An event is online or at a place, not both: clear one." });
    if (isTimeZone(v.timeZone) && v.startsAtLocal && !zonedTimeToUtc(v.startsAtLocal, v.timeZone)) {
      ctx.addIssue({ code: "custom", path: ["startsAtLocal"], message: "That time does not exist in this zone (the clocks skip it). Choose another." });
    }
  });

export type EventEditOutcome = { ok: true; id: string; slug: string } | { ok: false; fieldErrors: Record<string, string>; message?: string };

function parse(raw: Record<string, string>) {
  const r = eventForm.safeParse(raw);
  if (!r.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of r.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false as const, fieldErrors };
  }
  const { startsAtLocal, ...rest } = r.data;
  return { ok: true as const, data: { ...rest, startsAt: zonedTimeToUtc(startsAtLocal, rest.timeZone)! } };
}

async function programCheck(db: Db, slug: string | null): Promise<Record<string, string>> {
  if (!slug) return {};
  return (await db.program.findUnique({ where: { slug }, select: { id: true } })) ? {} : { programSlug: "Choose a program from the list." };
}

/** Creates an event from the editor's post. */
export async function createEvent(db: Db, formData: FormData): Promise<EventEditOutcome> {
  const parsed = parse(formValues(formData, EVENT_FIELDS));
  if (!parsed.ok) return parsed;
  const bad = await programCheck(db, parsed.data.programSlug);
  if (Object.keys(bad).length) return { ok: false, fieldErrors: bad };
  try {
    const row = await db.event.create({ data: parsed.data });
    return { ok: true, id: row.id, slug: row.slug };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { slug: "Another event has this address. Choose another." } };
    throw error;
  }
}

/**
 * Saves an edit. The unsent reminders are replaced (a moved start moves them); a larger
 * capacity gives the new seats to the waitlist, in the same transaction. A smaller capacity
 * never takes a seat back.
 */
export async function updateEvent(db: Db, id: string, formData: FormData, siteUrl: string, now = new Date()): Promise<EventEditOutcome> {
  const parsed = parse(formValues(formData, EVENT_FIELDS));
  if (!parsed.ok) return parsed;
  const bad = await programCheck(db, parsed.data.programSlug);
  if (Object.keys(bad).length) return { ok: false, fieldErrors: bad };
  try {
    return await db.$transaction(async (tx) => {
      if (!(await tx.event.findUnique({ where: { id }, select: { id: true } })))
        return { ok: false, fieldErrors: {}, message: "This event no longer exists." } as const;
      const row = await tx.event.update({ where: { id }, data: parsed.data });
      await afterEventEdit(tx, id, siteUrl, now);
      return { ok: true, id: row.id, slug: row.slug } as const;
    }, dialectOf(db).readCommitted);
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { slug: "Another event has this address. Choose another." } };
    throw error;
  }
}

/** The editor's starting values for an event. */
export function eventFormValues(e: {
  title: string;
  slug: string;
  programSlug: string | null;
  description: string;
  startsAt: Date;
  timeZone: string;
  durationMinutes: number;
  onlineUrl: string | null;
  placeName: string | null;
  placeAddress: string | null;
  capacity: number;
  published: boolean;
}): Record<string, string> {
  return {
    title: e.title,
    slug: e.slug,
    programSlug: e.programSlug ?? "",
    description: e.description,
    startsAtLocal: localInputValue(e.startsAt, e.timeZone),
    timeZone: e.timeZone,
    durationMinutes: String(e.durationMinutes),
    onlineUrl: e.onlineUrl ?? "",
    placeName: e.placeName ?? "",
    placeAddress: e.placeAddress ?? "",
    capacity: String(e.capacity),
    published: e.published ? "on" : "",
  };
}

export async function listEventsForConsole(db: Db) {
  const events = await db.event.findMany({ orderBy: [{ startsAt: "desc" }, { id: "asc" }] });
  const counts = await db.eventRsvp.groupBy({ by: ["eventId", "status"], _count: { _all: true } });
  return events.map((e) => {
    const of = (status: string) => counts.find((c) => c.eventId === e.id && c.status === status)?._count._all ?? 0;
    return { ...e, going: of("going"), waitlisted: of("waitlisted"), cancelled: of("cancelled") };
  });
}

/** An event's attendees, by status: going and waitlisted in order, then cancelled. */
export async function eventAttendees(db: Db, eventId: string) {
  const rows = await db.eventRsvp.findMany({
    where: { eventId },
    include: { contact: { select: { id: true, name: true, email: true } } },
    orderBy: [{ waitlistedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return {
    going: rows.filter((r) => r.status === "going"),
    waitlisted: rows.filter((r) => r.status === "waitlisted"),
    cancelled: rows.filter((r) => r.status === "cancelled"),
  };
}

/** Staff mark whether someone with a seat attended (a cancelled RSVP cannot be marked). */
export async function markAttended(db: Db, rsvpId: string, attended: boolean, now = new Date()): Promise<{ ok: boolean; eventId?: string }> {
  const rsvp = await db.eventRsvp.findUnique({ where: { id: rsvpId }, select: { eventId: true, status: true } });
  if (!rsvp || rsvp.status !== "going") return { ok: false, eventId: rsvp?.eventId };
  await db.eventRsvp.updateMany({ where: { id: rsvpId, status: "going" }, data: { attendedAt: attended ? now : null } });
  return { ok: true, eventId: rsvp.eventId };
}
