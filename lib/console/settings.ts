import { z } from "zod";
import type { Db } from "../db";
import { LEAD_TYPES, type LeadType } from "../leads/form-types";
import { TtlCache } from "../ttl-cache";

/**
 * Console settings (admin only), stored one per row in Setting. For now: who gets the
 * "new lead" email for each form. An empty setting has no row, and new leads fall back to
 * STAFF_EMAIL_<FORM> / STAFF_EMAIL / the site's staff inbox (lib/leads/run-form-action.ts).
 */

export const RECIPIENTS_MAX = 20;
const EMAIL_MAX = 254;

export function recipientsKey(formType: LeadType): string {
  return `staffRecipients.${formType}`;
}

const email = z.email();

/**
 * "a@x.example, B@Y.example" → ["a@x.example", "b@y.example"]: commas, semicolons or new
 * lines between addresses, lower-cased, each once. Empty means "use the default".
 */
export const recipientListSchema = z.preprocess(
  (v) => (typeof v === "string" ? v : ""),
  z
    .string()
    .max(RECIPIENTS_MAX * (EMAIL_MAX + 2), "That list is too long.")
    .transform((s, ctx) => {
      const parts = s
        .split(/[,;\n\r]+/)
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean);
      const bad = parts.find((p) => p.length > EMAIL_MAX || !email.safeParse(p).success);
      if (bad) {
        ctx.addIssue({ code: "custom", message: `"${bad.slice(0, 60)}" is not an email address. Separate addresses with commas.` });
        return z.NEVER;
      }
      const unique = [...new Set(parts)];
      if (unique.length > RECIPIENTS_MAX) {
        ctx.addIssue({ code: "custom", message: `List at most ${RECIPIENTS_MAX} addresses.` });
        return z.NEVER;
      }
      return unique;
    }),
);

/** The settings form: one recipient list per form type. */
export const staffRecipientsSchema = z.object(
  Object.fromEntries(LEAD_TYPES.map((f) => [f, recipientListSchema])) as Record<LeadType, typeof recipientListSchema>,
);

export type StaffRecipientSettings = Partial<Record<LeadType, string[]>>;

/** What is stored (a comma-separated list) back to a list; anything unreadable counts as not set. */
function decode(value: string): string[] | undefined {
  const parsed = recipientListSchema.safeParse(value);
  return parsed.success && parsed.data.length ? parsed.data : undefined;
}

/** The configured recipients per form type (form types without a setting are absent). */
export async function getStaffRecipientSettings(db: Db): Promise<StaffRecipientSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: LEAD_TYPES.map(recipientsKey) } } });
  const out: StaffRecipientSettings = {};
  for (const f of LEAD_TYPES) {
    const row = rows.find((r) => r.key === recipientsKey(f));
    const list = row ? decode(row.value) : undefined;
    if (list) out[f] = list;
  }
  return out;
}

export type SettingsRow = { key: string; value: string; updatedAt: Date; updatedBy: { name: string; email: string } | null };

/** The stored rows with who changed each last, for the settings page. */
export async function staffRecipientRows(db: Db): Promise<Partial<Record<LeadType, SettingsRow>>> {
  const rows = await db.setting.findMany({ where: { key: { in: LEAD_TYPES.map(recipientsKey) } } });
  const ids = [...new Set(rows.map((r) => r.updatedById).filter((id): id is string => !!id))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const out: Partial<Record<LeadType, SettingsRow>> = {};
  for (const f of LEAD_TYPES) {
    const row = rows.find((r) => r.key === recipientsKey(f));
    if (row) {
      const u = users.find((x) => x.id === row.updatedById);
      out[f] = { key: row.key, value: row.value, updatedAt: row.updatedAt, updatedBy: u ? { name: u.name, email: u.email } : null };
    }
  }
  return out;
}

export type SaveOutcome = { ok: true; changed: LeadType[] } | { ok: false; fieldErrors: Partial<Record<LeadType, string>> };

/**
 * Saves every form type's recipients at once: a list replaces the row, an empty list
 * removes it (back to the default). Only rows whose value changes are written, so "who
 * changed it last" stays true. Clears this process's cache.
 */
export async function saveStaffRecipientSettings(db: Db, raw: Record<string, unknown>, actorId: string | null): Promise<SaveOutcome> {
  const parsed = staffRecipientsSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<LeadType, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as LeadType] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const changed: LeadType[] = [];
  await db.$transaction(async (tx) => {
    const existing = await tx.setting.findMany({ where: { key: { in: LEAD_TYPES.map(recipientsKey) } } });
    for (const f of LEAD_TYPES) {
      const key = recipientsKey(f);
      const value = parsed.data[f].join(", ");
      const row = existing.find((r) => r.key === key);
      if (!value) {
        if (row) {
          await tx.setting.delete({ where: { key } });
          changed.push(f);
        }
      } else if (row?.value !== value) {
        await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: actorId }, update: { value, updatedById: actorId } });
        changed.push(f);
      }
    }
  });
  forgetCachedSettings();
  return { ok: true, changed };
}

/** How long a process may use cached settings before reading them again, in milliseconds. */
export const SETTINGS_TTL_MS = 30_000;

const cache = new TtlCache<StaffRecipientSettings>(SETTINGS_TTL_MS);

/**
 * The recipient settings, shared for up to 30 seconds: every new lead needs them, and a
 * settings change is rare. Saving in this process clears the cache at once; other
 * processes (a second app server) pick the change up within the TTL. A failed read is not
 * cached.
 */
export function cachedStaffRecipientSettings(db: Db, nowMs = Date.now()): Promise<StaffRecipientSettings> {
  return cache.get(nowMs, () => getStaffRecipientSettings(db));
}

export function forgetCachedSettings() {
  cache.forget();
}
