import { z } from "zod";

/**
 * The rules a discount code carries (its percentage, expiry, whether it is single use, the
 * programs it applies to), as staff edit them: on one code (/console/codes/<id>) and as the
 * defaults for new codes (/console/settings). One zod schema each, the server's only gate.
 */

export const PERCENT_RANGE = { min: 1, max: 100 } as const;
export const EXPIRY_DAYS_RANGE = { min: 1, max: 3650 } as const;

const wholeNumber = (label: string, { min, max }: { min: number; max: number }, unit = "") =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ error: `Enter ${label}.` })
      .min(1, `Enter ${label}.`)
      .regex(/^\d+$/, `Enter ${label} as a whole number.`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `Enter ${label} from ${min} to ${max}${unit}.`),
  );

export const percentField = wholeNumber("the percentage off", PERCENT_RANGE);

/** A ticked checkbox posts "on" (or "1"); an unticked one posts nothing. */
export const ticked = z.preprocess((v) => v === "on" || v === "1" || v === "true" || v === true, z.boolean());

/** Program slugs from checkboxes, each once; none ticked means every program. */
export const programSlugsField = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []),
  z
    .array(
      z
        .string()
        .trim()
        .max(80)
        .regex(/^[a-z0-9-]+$/, "Choose programs from the list."),
      { error: "Choose programs from the list." },
    )
    .max(50, "Choose programs from the list.")
    .transform((list) => [...new Set(list)].sort()),
);

/** "2027-03-05": the last day the code works; it stops at the end of that day (UTC). */
export const expiryDateField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string({ error: "Enter the last day the code works." })
    .min(1, "Enter the last day the code works.")
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD, for example 2027-03-05.")
    .transform((s, ctx) => {
      const d = new Date(`${s}T23:59:59.999Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
        ctx.addIssue({ code: "custom", message: "That date does not exist. Enter it as YYYY-MM-DD." });
        return z.NEVER;
      }
      return d;
    }),
);

/** One code's rules. */
export const codeRulesSchema = z.object({
  percent: percentField,
  expiresOn: expiryDateField,
  singleUse: ticked,
  programs: programSlugsField,
});
export type CodeRules = z.infer<typeof codeRulesSchema>;

/** The date field's value for a stored expiry: its UTC day. */
export const expiryDateValue = (d: Date) => d.toISOString().slice(0, 10);

/** The rules new codes get. */
export const discountDefaultsSchema = z.object({
  percent: percentField,
  expiryDays: wholeNumber("the number of days a new code works", EXPIRY_DAYS_RANGE, " days"),
  singleUse: ticked,
  programs: programSlugsField,
});
export type DiscountDefaultsInput = z.infer<typeof discountDefaultsSchema>;

/** zod issues as one message per field (the first). */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}
