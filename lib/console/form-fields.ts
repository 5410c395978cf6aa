import { z } from "zod";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";

/**
 * Field schemas shared by the console's editors (programs, people, outcomes, stories). Form
 * posts are strings (or Files); anything that is not a string counts as empty, so junk gets a
 * field message.
 */

export const posted = (v: unknown) => (typeof v === "string" ? v : "");

/** Required text, trimmed and bounded; single-line unless `multiline`. */
export function text(label: string, max: number, { multiline = false } = {}) {
  const base = z.string().trim().min(1, `Enter ${label}.`).max(max, `Keep ${label} under ${max} characters.`);
  return z.preprocess(posted, (multiline ? base : base.refine(isSingleLine, SINGLE_LINE_MESSAGE)).refine(isCleanText, INVISIBLE_CHARS_MESSAGE));
}

/** A whole number in a range, from a number input. */
export function wholeNumber(label: string, min: number, max: number) {
  return z.preprocess(
    posted,
    z
      .string()
      .trim()
      .min(1, `Enter ${label}.`)
      .regex(/^\d{1,9}$/, `Enter ${label} as a whole number.`)
      .transform(Number)
      .pipe(z.number().min(min, `Enter ${label} of at least ${min}.`).max(max, `Enter ${label} of at most ${max}.`)),
  );
}

export function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(posted, z.enum(values, { error: message }));
}

/** A calendar date from <input type="date"> (YYYY-MM-DD), as midnight UTC. */
export function calendarDate(label: string, example = "2026-03-01") {
  return z.preprocess(
    posted,
    z
      .string()
      .trim()
      .min(1, `Enter ${label}.`)
      .transform((s, ctx) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
        const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
        if (!m || !d || d.toISOString().slice(0, 10) !== s || Number(m[1]) < 2000 || Number(m[1]) > 2100) {
          ctx.addIssue({ code: "custom", message: `Enter ${label} as a real date, like ${example}.` });
          return z.NEVER;
        }
        return d;
      }),
  );
}

/** A form post's known fields as strings (to validate, and to echo back after an error). */
export function formValues(formData: FormData, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = formData.get(f);
    if (typeof v === "string") out[f] = v.slice(0, 20_000);
  }
  return out;
}
