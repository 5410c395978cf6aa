import { z } from "zod";
import type { Db } from "../db";
import { isUniqueViolation } from "../leads/errors";
import { posted, text, wholeNumber } from "./form-fields";

/**
 * Call types: the kinds of call visitors book on /book ("Admissions call", 20 minutes).
 * Staff edit them at /console/calls/types (permission content:edit: what /book offers is
 * public content, like the programs and the reward catalogue). A call type is retired by
 * unticking "active", never deleted: its bookings keep pointing at it and keep their own
 * start and end, so a later change of duration does not move a booked call.
 */

export const CALL_TYPE_LIMITS = { name: 80, slug: 60, description: 300, minDuration: 5, maxDuration: 240, maxPosition: 999 } as const;

/** The call types a fresh install starts with (prisma/seed.ts). Matched by slug: an edited one is left alone. */
export const SEED_CALL_TYPES = [
  {
    slug: "admissions-call",
    name: "Admissions call",
    description: "Talk through the programs, the schedule and how to apply with an admissions advisor.",
    durationMinutes: 20,
    position: 1,
  },
  {
    slug: "quote-call",
    name: "Quote call",
    description: "Go through tuition, payment plans and financing for your situation.",
    durationMinutes: 30,
    position: 2,
  },
] as const;

export const CALL_TYPE_FIELDS = ["name", "slug", "description", "durationMinutes", "active", "position"] as const;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const callTypeSchema = z.object({
  name: text("the call type's name", CALL_TYPE_LIMITS.name),
  slug: z.preprocess(
    posted,
    z
      .string()
      .trim()
      .min(1, "Enter the address, e.g. admissions-call.")
      .max(CALL_TYPE_LIMITS.slug, `Keep the address under ${CALL_TYPE_LIMITS.slug} characters.`)
      .regex(SLUG_PATTERN, "Use lower-case letters, digits and single dashes, e.g. admissions-call."),
  ),
  description: z.preprocess(
    posted,
    z.string().trim().max(CALL_TYPE_LIMITS.description, `Keep the description under ${CALL_TYPE_LIMITS.description} characters.`),
  ),
  durationMinutes: wholeNumber("the duration in minutes", CALL_TYPE_LIMITS.minDuration, CALL_TYPE_LIMITS.maxDuration).refine(
    (n) => n % 5 === 0,
    "Enter the duration in steps of 5 minutes (15, 20, 30…).",
  ),
  active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  position: wholeNumber("the position", 0, CALL_TYPE_LIMITS.maxPosition),
});

export type CallTypeInput = z.infer<typeof callTypeSchema>;

export type CallTypeRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  durationMinutes: number;
  active: boolean;
  position: number;
  /** Advisors who take it. */
  advisors: number;
  /** Calls still to happen (booked, not cancelled). */
  upcoming: number;
};

export type CallTypeEditOutcome = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string>; message?: string };

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

const ORDER = [{ position: "asc" as const }, { name: "asc" as const }];

/** Every call type, in /book's order, with how many advisors take it and how many calls are ahead. */
export async function listCallTypes(db: Db, now: Date): Promise<CallTypeRow[]> {
  const rows = await db.callType.findMany({
    orderBy: ORDER,
    include: { _count: { select: { advisors: true, bookings: { where: { status: "booked", startsAt: { gte: now } } } } } },
  });
  return rows.map(({ _count, createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, advisors: _count.advisors, upcoming: _count.bookings }));
}

/** The call types as choices (the availability page's checkboxes): active ones first. */
export async function callTypeChoices(db: Db): Promise<{ id: string; name: string; durationMinutes: number; active: boolean }[]> {
  const rows = await db.callType.findMany({ orderBy: ORDER, select: { id: true, name: true, durationMinutes: true, active: true } });
  return [...rows.filter((r) => r.active), ...rows.filter((r) => !r.active)];
}

async function slugTaken(db: Db, slug: string, exceptId?: string): Promise<boolean> {
  const other = await db.callType.findUnique({ where: { slug }, select: { id: true } });
  return other !== null && other.id !== exceptId;
}

const SLUG_TAKEN = "Another call type uses this address. Choose another.";

/** Adds a call type. */
export async function createCallType(db: Db, raw: Record<string, unknown>): Promise<CallTypeEditOutcome> {
  const parsed = callTypeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  if (await slugTaken(db, parsed.data.slug)) return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
  try {
    const created = await db.callType.create({ data: parsed.data, select: { id: true } });
    return { ok: true, id: created.id };
  } catch (error) {
    // Two staff adding the same address at once: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
    throw error;
  }
}

/**
 * Changes a call type. Booked calls keep their own start and end: a new duration applies to
 * calls booked from now on. Unticking "active" takes it off /book; its bookings stay.
 */
export async function updateCallType(db: Db, id: string, raw: Record<string, unknown>): Promise<CallTypeEditOutcome> {
  const parsed = callTypeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  if (await slugTaken(db, parsed.data.slug, id)) return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
  try {
    const { count } = await db.callType.updateMany({ where: { id }, data: parsed.data });
    if (count !== 1) return { ok: false, fieldErrors: {}, message: "That call type no longer exists." };
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fieldErrors: { slug: SLUG_TAKEN } };
    throw error;
  }
}

/** Retires a call type (or offers it again). Never deletes: bookings point at it. */
export async function setCallTypeActive(db: Db, id: string, active: boolean): Promise<boolean> {
  const { count } = await db.callType.updateMany({ where: { id }, data: { active } });
  return count === 1;
}

/** Seeds the starting call types; idempotent (matched by slug, an existing one is left as staff edited it). */
export async function seedCallTypes(db: Db): Promise<{ callTypes: number }> {
  let created = 0;
  for (const c of SEED_CALL_TYPES) {
    if (await db.callType.findUnique({ where: { slug: c.slug }, select: { id: true } })) continue;
    await db.callType.create({ data: { ...c, active: true } });
    created++;
  }
  return { callTypes: created };
}

/** Reads a raw form post into the fields the schema expects. */
export function callTypePost(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of CALL_TYPE_FIELDS) out[f] = formData.get(f) ?? undefined;
  return out;
}
