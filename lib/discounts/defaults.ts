import type { Db } from "../db";
import { discountDefaultsSchema, fieldErrorsOf } from "./rules";

/**
 * The rules newly issued codes get (lib/discounts/issue.ts reads them): 20% off, for 90
 * days, on every program, single use, unless an admin changed them on /console/settings.
 * Stored as one Setting row (JSON); codes already issued keep their own rules.
 */

export type DiscountDefaults = { percent: number; expiryDays: number; singleUse: boolean; programSlugs: string[] };

export const BUILT_IN_DISCOUNT_DEFAULTS: DiscountDefaults = { percent: 20, expiryDays: 90, singleUse: true, programSlugs: [] };

export const DISCOUNT_DEFAULTS_KEY = "discountDefaults";

/** A stored value back to rules; anything unreadable counts as not set (the built-in defaults). */
function decode(value: string): DiscountDefaults | undefined {
  try {
    const v = JSON.parse(value) as Record<string, unknown>;
    const parsed = discountDefaultsSchema.safeParse({
      percent: String(v.percent),
      expiryDays: String(v.expiryDays),
      singleUse: v.singleUse === true,
      programs: v.programSlugs,
    });
    if (!parsed.success) return undefined;
    const { percent, expiryDays, singleUse, programs } = parsed.data;
    return { percent, expiryDays, singleUse, programSlugs: programs };
  } catch {
    return undefined;
  }
}

export async function getDiscountDefaults(db: Pick<Db, "setting">): Promise<DiscountDefaults> {
  const row = await db.setting.findUnique({ where: { key: DISCOUNT_DEFAULTS_KEY } });
  return (row && decode(row.value)) || { ...BUILT_IN_DISCOUNT_DEFAULTS };
}

/** When a code issued at `now` under these defaults stops working. */
export function defaultExpiry(defaults: Pick<DiscountDefaults, "expiryDays">, now: Date): Date {
  return new Date(now.getTime() + defaults.expiryDays * 24 * 60 * 60 * 1000);
}

export type DefaultsRow = { defaults: DiscountDefaults; stored: boolean; updatedAt?: Date; updatedBy?: string | null };

/** The defaults and who set them last, for the settings page. */
export async function discountDefaultsRow(db: Db): Promise<DefaultsRow> {
  const row = await db.setting.findUnique({ where: { key: DISCOUNT_DEFAULTS_KEY } });
  const defaults = (row && decode(row.value)) || { ...BUILT_IN_DISCOUNT_DEFAULTS };
  if (!row) return { defaults, stored: false };
  const user = row.updatedById ? await db.user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return { defaults, stored: true, updatedAt: row.updatedAt, updatedBy: user?.name ?? null };
}

export type SaveDefaultsOutcome = { ok: true; changed: boolean } | { ok: false; fieldErrors: Record<string, string> };

/** Validates and stores the defaults (admins only: the caller checks "settings:manage"). Programs must exist. */
export async function saveDiscountDefaults(db: Db, raw: Record<string, unknown>, actorId: string | null): Promise<SaveDefaultsOutcome> {
  const parsed = discountDefaultsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { percent, expiryDays, singleUse, programs } = parsed.data;
  if (programs.length) {
    const known = await db.program.count({ where: { slug: { in: programs } } });
    if (known !== programs.length) return { ok: false, fieldErrors: { programs: "Choose programs from the list." } };
  }
  const value = JSON.stringify({ percent, expiryDays, singleUse, programSlugs: programs });
  const row = await db.setting.findUnique({ where: { key: DISCOUNT_DEFAULTS_KEY } });
  if (row?.value === value) return { ok: true, changed: false };
  await db.setting.upsert({
    where: { key: DISCOUNT_DEFAULTS_KEY },
    create: { key: DISCOUNT_DEFAULTS_KEY, value, updatedById: actorId },
    update: { value, updatedById: actorId },
  });
  return { ok: true, changed: true };
}
