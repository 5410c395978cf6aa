import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../leads/errors";
import { text } from "./form-fields";

/**
 * Why leads are lost, as codes staff edit at /console/leads/lost-reasons (permission
 * "pipeline:edit"). A reason's code is made from its first label and never changes, so the
 * leads and timeline entries that carry it keep meaning the same thing; renaming changes the
 * label only. A reason is retired, never deleted: old leads still show it, but it is no longer
 * offered when a lead is marked lost. A fresh install starts with SEED_LOST_REASONS
 * (prisma/seed.ts).
 */

/** The reasons a fresh install starts with. Matched by code: one staff have edited is left alone. */
export const SEED_LOST_REASONS = [
  { code: "price", label: "Price" },
  { code: "timing", label: "Timing" },
  { code: "chose-another-school", label: "Chose another school" },
  { code: "not-qualified", label: "Not qualified" },
  { code: "no-response", label: "No response" },
  { code: "other", label: "Other" },
] as const;

export const LOST_REASON_LIMITS = { label: 60, code: 40 } as const;

export const lostReasonLabelSchema = text("the reason", LOST_REASON_LIMITS.label);

export type LostReasonRow = { id: string; code: string; label: string; active: boolean; position: number };

export type LostReasonOutcome = { ok: true; id: string } | { ok: false; error: string };

const ORDER = [{ position: "asc" as const }, { label: "asc" as const }, { id: "asc" as const }];
const SELECT = { id: true, code: true, label: true, active: true, position: true } as const;

/** Every reason, retired ones included, in the order the lead page lists them. */
export function listLostReasons(db: Db | Prisma.TransactionClient): Promise<LostReasonRow[]> {
  return db.lostReason.findMany({ orderBy: ORDER, select: SELECT });
}

/**
 * What the lead page offers: the active reasons, plus the lead's own reason when it has been
 * retired since (so the form can show, and keep, what the lead already has).
 */
export async function lostReasonChoices(db: Db, currentCode: string | null): Promise<LostReasonRow[]> {
  const all = await listLostReasons(db);
  return all.filter((r) => r.active || r.code === currentCode);
}

/** "Chose another school" → "chose-another-school". */
export function codeFromLabel(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, LOST_REASON_LIMITS.code)
    .replace(/-+$/, "");
  return slug || "reason";
}

const NOT_FOUND: LostReasonOutcome = { ok: false, error: "That reason no longer exists." };

/** Adds a reason at the end of the list. Its code comes from the label (with -2, -3… when taken). */
export async function addLostReason(db: Db, raw: { label: unknown }): Promise<LostReasonOutcome> {
  const parsed = lostReasonLabelSchema.safeParse(raw.label);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
  const label = parsed.data;
  if (await db.lostReason.findFirst({ where: { label }, select: { id: true } })) return { ok: false, error: "There is already a reason with this name." };
  const base = codeFromLabel(label);
  for (let n = 1; n <= 20; n++) {
    const code = n === 1 ? base : `${base.slice(0, LOST_REASON_LIMITS.code - 3)}-${n}`;
    if (await db.lostReason.findUnique({ where: { code }, select: { id: true } })) continue;
    const last = await db.lostReason.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
    try {
      const created = await db.lostReason.create({ data: { code, label, position: (last?.position ?? 0) + 1 }, select: { id: true } });
      return { ok: true, id: created.id };
    } catch (error) {
      // Someone added the same code at the same moment: try the next one.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { ok: false, error: "Choose a more distinct name." };
}

/** Changes a reason's label; its code, and the leads that carry it, stay as they are. */
export async function renameLostReason(db: Db, raw: { id: string; label: unknown }): Promise<LostReasonOutcome> {
  const parsed = lostReasonLabelSchema.safeParse(raw.label);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
  const clash = await db.lostReason.findFirst({ where: { label: parsed.data, id: { not: raw.id } }, select: { id: true } });
  if (clash) return { ok: false, error: "There is already a reason with this name." };
  const { count } = await db.lostReason.updateMany({ where: { id: raw.id }, data: { label: parsed.data } });
  return count === 1 ? { ok: true, id: raw.id } : NOT_FOUND;
}

/** Retires a reason (no longer offered) or offers it again. Leads that have it keep it. */
export async function setLostReasonActive(db: Db, a: { id: string; active: boolean }): Promise<LostReasonOutcome> {
  const { count } = await db.lostReason.updateMany({ where: { id: a.id }, data: { active: a.active } });
  return count === 1 ? { ok: true, id: a.id } : NOT_FOUND;
}

/** Moves a reason one place up or down the list (the whole list is renumbered 1…n). */
export async function moveLostReason(db: Db, a: { id: string; direction: "up" | "down" }): Promise<LostReasonOutcome> {
  return db.$transaction(async (tx) => {
    const rows = await listLostReasons(tx);
    const from = rows.findIndex((r) => r.id === a.id);
    if (from < 0) return NOT_FOUND;
    const to = a.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= rows.length) return { ok: true as const, id: a.id };
    [rows[from], rows[to]] = [rows[to], rows[from]];
    for (const [i, row] of rows.entries()) if (row.position !== i + 1) await tx.lostReason.update({ where: { id: row.id }, data: { position: i + 1 } });
    return { ok: true as const, id: a.id };
  });
}

/** The reason a code names, active or retired (null for an unknown code). */
export function lostReasonByCode(db: Db | Prisma.TransactionClient, code: string) {
  return db.lostReason.findUnique({ where: { code }, select: SELECT });
}

/** The text a lost lead shows: the reason's label, then the note ("Price: wants a payment plan"). */
export function lostReasonText(label: string, note: string | undefined): string {
  const n = note?.trim();
  return n ? `${label}: ${n}` : label;
}

/** Seeds the starting reasons; idempotent (an existing code is left as staff edited it, retired or renamed). */
export async function seedLostReasons(db: Db): Promise<{ lostReasons: number }> {
  let created = 0;
  for (const [i, r] of SEED_LOST_REASONS.entries()) {
    if (await db.lostReason.findUnique({ where: { code: r.code }, select: { id: true } })) continue;
    await db.lostReason.create({ data: { ...r, position: i + 1 } });
    created++;
  }
  return { lostReasons: created };
}
