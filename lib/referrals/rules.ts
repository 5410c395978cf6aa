import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";

/**
 * The referral programme's staff settings (console → Settings, admin only), stored one per
 * row in Setting like the other console settings:
 * - when a friend's points are confirmed: when the friend confirms interest from their own
 *   inbox (the default), when they apply, or when staff mark one of their leads enrolled,
 *   optionally after a holding period;
 * - how many referrals one referrer may make in an hour before the rest wait for review.
 * They are read inside the transaction that confirms points, never cached: a change applies
 * to the next friend at once, on every server.
 */

export const CONFIRM_WHEN = ["interest", "applied", "enrolled"] as const;
export type ConfirmWhen = (typeof CONFIRM_WHEN)[number];

export const CONFIRM_WHEN_LABELS: Record<ConfirmWhen, string> = {
  interest: "When the friend confirms their interest from their own inbox",
  applied: "When the friend applies (sends the form at /apply and proves their address)",
  enrolled: "When the friend enrols (staff move one of their leads to Enrolled)",
};

export const HOLD_DAYS_MAX = 365;
export const HOURLY_LIMIT_MAX = 1000;

export type ReferralRules = { confirmWhen: ConfirmWhen; holdDays: number; hourlyLimit: number };

export const DEFAULT_REFERRAL_RULES: ReferralRules = { confirmWhen: "interest", holdDays: 0, hourlyLimit: 5 };

export const RULE_KEYS = {
  confirmWhen: "referrals.confirmWhen",
  holdDays: "referrals.holdDays",
  hourlyLimit: "referrals.hourlyLimit",
} as const satisfies Record<keyof ReferralRules, string>;

const wholeNumber = (field: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : v),
    z
      .string({ error: `Enter ${field}.` })
      .min(1, `Enter ${field}.`)
      .regex(/^\d{1,6}$/, `Enter ${field} as a whole number, such as ${min === 0 ? 30 : 5}.`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `Enter a number from ${min} to ${max}.`),
  );

/** The settings form, shared by the console page and the server action. */
export const referralRulesSchema = z.object({
  confirmWhen: z.enum(CONFIRM_WHEN, { error: "Choose when points are confirmed." }),
  holdDays: wholeNumber("the holding period in days", 0, HOLD_DAYS_MAX),
  hourlyLimit: wholeNumber("the number of referrals per hour", 1, HOURLY_LIMIT_MAX),
});

type Reader = Pick<Db | Prisma.TransactionClient, "setting">;

/** The rules in force; a missing or unreadable row counts as the default. */
export async function getReferralRules(db: Reader): Promise<ReferralRules> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(RULE_KEYS) } } });
  const value = (k: keyof ReferralRules) => rows.find((r) => r.key === RULE_KEYS[k])?.value;
  const one = <K extends keyof ReferralRules>(k: K): ReferralRules[K] => {
    const raw = value(k);
    if (raw === undefined) return DEFAULT_REFERRAL_RULES[k];
    const parsed = referralRulesSchema.shape[k].safeParse(raw);
    return parsed.success ? (parsed.data as ReferralRules[K]) : DEFAULT_REFERRAL_RULES[k];
  };
  return { confirmWhen: one("confirmWhen"), holdDays: one("holdDays"), hourlyLimit: one("hourlyLimit") };
}

export type SaveRulesOutcome = { ok: true; changed: (keyof ReferralRules)[] } | { ok: false; fieldErrors: Partial<Record<keyof ReferralRules, string>> };

/** Saves all three at once; only rows whose value changes are written ("who changed it last" stays true). */
export async function saveReferralRules(db: Db, raw: Record<string, unknown>, actorId: string | null): Promise<SaveRulesOutcome> {
  const parsed = referralRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<keyof ReferralRules, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as keyof ReferralRules] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  const changed: (keyof ReferralRules)[] = [];
  await db.$transaction(async (tx) => {
    const current = await getReferralRules(tx);
    for (const k of Object.keys(RULE_KEYS) as (keyof ReferralRules)[]) {
      const value = String(parsed.data[k]);
      const key = RULE_KEYS[k];
      const row = await tx.setting.findUnique({ where: { key } });
      if (row?.value === value || (!row && String(current[k]) === value && String(DEFAULT_REFERRAL_RULES[k]) === value)) continue;
      await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: actorId }, update: { value, updatedById: actorId } });
      changed.push(k);
    }
  });
  return { ok: true, changed };
}

/** One plain sentence for pages and emails: what turns a friend's pending points into confirmed ones. */
export function confirmRuleSentence(rules: ReferralRules): string {
  switch (rules.confirmWhen) {
    case "interest":
      return "Points are confirmed once your friend confirms their interest from their own inbox.";
    case "applied":
      return "Points are confirmed once your friend applies to a course and confirms their email address.";
    case "enrolled":
      return rules.holdDays > 0
        ? `Points are confirmed ${rules.holdDays} day${rules.holdDays === 1 ? "" : "s"} after your friend enrols in a course, if they are still enrolled then.`
        : "Points are confirmed once your friend enrols in a course.";
  }
}
