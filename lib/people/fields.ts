import { z } from "zod";
import { INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, SINGLE_LINE_MESSAGE } from "../text-checks";
import { posted } from "../console/form-fields";

export { calendarDate, choice, formValues, posted, text, wholeNumber } from "../console/form-fields";

/**
 * Field schemas for the people, outcomes and stories editors. Form posts are strings (or
 * Files); anything that is not a string counts as empty, so junk gets a field message.
 */

/** Optional text: empty is "". */
export function optionalText(label: string, max: number, { multiline = false } = {}) {
  const base = z.string().trim().max(max, `Keep ${label} under ${max} characters.`);
  return z.preprocess(posted, (multiline ? base : base.refine(isSingleLine, SINGLE_LINE_MESSAGE)).refine(isCleanText, INVISIBLE_CHARS_MESSAGE));
}

/** A ticked checkbox posts "on"; an unticked one posts nothing. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A database id from a hidden field or a checkbox value: short, plain. */
export const ID_PATTERN = /^[a-z0-9]{1,40}$/i;

/** The YYYY-MM-DD of a date, as the date inputs show it. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
