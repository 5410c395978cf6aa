import type { Db } from "../db";

/**
 * Program pins: an admin pins a program to one or more advisors, and calls booked about that
 * program go only to them (lib/booking's round-robin reads ProgramAdvisorPin). A program
 * without pins goes to every advisor who takes the call type. Pins change who gets new
 * bookings; booked calls keep their advisor.
 */

export type ProgramPins = { slug: string; name: string; advisors: { id: string; name: string; active: boolean }[] };

/** Every program (and any pinned slug without a program left), with its pinned advisors. */
export async function programPins(db: Db): Promise<ProgramPins[]> {
  const [programs, pins] = await Promise.all([
    db.program.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.programAdvisorPin.findMany({ include: { advisor: { select: { active: true, user: { select: { name: true } } } } } }),
  ]);
  const bySlug = new Map<string, ProgramPins>(programs.map((p) => [p.slug, { slug: p.slug, name: p.name, advisors: [] }]));
  for (const pin of pins) {
    const entry = bySlug.get(pin.programSlug) ?? { slug: pin.programSlug, name: `${pin.programSlug} (no such program)`, advisors: [] };
    entry.advisors.push({ id: pin.advisorId, name: pin.advisor.user.name, active: pin.advisor.active });
    bySlug.set(pin.programSlug, entry);
  }
  for (const entry of bySlug.values()) entry.advisors.sort((x, y) => x.name.localeCompare(y.name));
  return [...bySlug.values()];
}

/** The advisors a program can be pinned to. */
export async function pinnableAdvisors(db: Db): Promise<{ id: string; name: string; active: boolean }[]> {
  const rows = await db.advisor.findMany({ select: { userId: true, active: true, user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } });
  return rows.map((r) => ({ id: r.userId, name: r.user.name, active: r.active }));
}

export type PinsOutcome = { ok: true; count: number } | { ok: false; reason: "program" | "advisor" };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Sets the advisors a program is pinned to: exactly `advisorIds` (none: the program is
 * unpinned). Unknown advisors or a program that does not exist are refused and nothing changes.
 */
export async function setProgramPins(db: Db, a: { programSlug: string; advisorIds: string[] }): Promise<PinsOutcome> {
  const ids = [...new Set(a.advisorIds)];
  if (!SLUG.test(a.programSlug) || a.programSlug.length > 80) return { ok: false, reason: "program" };
  const [program, pinned, advisors] = await Promise.all([
    db.program.findUnique({ where: { slug: a.programSlug }, select: { id: true } }),
    db.programAdvisorPin.count({ where: { programSlug: a.programSlug } }),
    db.advisor.count({ where: { userId: { in: ids } } }),
  ]);
  // A pinned slug whose program was removed can still be unpinned.
  if (!program && !(pinned > 0 && ids.length === 0)) return { ok: false, reason: "program" };
  if (advisors !== ids.length) return { ok: false, reason: "advisor" };
  await db.$transaction(async (tx) => {
    await tx.programAdvisorPin.deleteMany({ where: { programSlug: a.programSlug, advisorId: { notIn: ids } } });
    const have = new Set((await tx.programAdvisorPin.findMany({ where: { programSlug: a.programSlug }, select: { advisorId: true } })).map((p) => p.advisorId));
    for (const advisorId of ids) if (!have.has(advisorId)) await tx.programAdvisorPin.create({ data: { programSlug: a.programSlug, advisorId } });
  });
  return { ok: true, count: ids.length };
}
