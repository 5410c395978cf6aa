/**
 * The building blocks of every form's zod schema, shared by the browser (react-hook-form's
 * resolver) and the server (which always validates again). Every field is trimmed and
 * bounded; messages are written for the person filling the form.
 *
 * Browser-safe: the form components import the schemas built from these. They are written
 * with zod's mini build (functions instead of methods), so the browser gets only the parts a
 * form uses; the server parses with the very same schemas.
 */
import { z } from "zod/mini";
import en from "zod/v4/locales/en.js";
import { clipText } from "../clip-text";
import { CONTROL_CHARS, INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, LINE_BREAKS_AND_TABS, SINGLE_LINE_MESSAGE } from "../text-checks";
import { DEVICE_PLATFORMS, LIMITS } from "./field-options";
import { phoneParser } from "./phone-rules";

export { CALL_TIME_LABELS, CALL_TIMES, DEVICE_PLATFORMS, LIMITS, PLATFORM_LABELS } from "./field-options";

// zod/mini ships no messages of its own; the few a schema here leaves to zod (a value of the
// wrong type) read as classic zod words them, in the browser as on the server. Jitless: zod
// would otherwise probe `new Function`, which the site's CSP (no 'unsafe-eval') reports as a
// violation in every form page (Lighthouse Best Practices, inspector-issues).
z.config({ ...en(), jitless: true });

/** Empty strings (what an untouched input posts) count as "not given". */
export const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Text fields are single-line (names, company: shown on one line in emails, the console and
 * CSV exports) unless `multiline` (goals, message, note, details), which keeps line breaks.
 * The single-line check runs first, so a line break gets the message that names it.
 */
function checkedText(base: z.ZodMiniString, multiline: boolean) {
  return multiline
    ? base.check(z.refine(isCleanText, INVISIBLE_CHARS_MESSAGE))
    : base.check(z.refine(isSingleLine, SINGLE_LINE_MESSAGE), z.refine(isCleanText, INVISIBLE_CHARS_MESSAGE));
}

/** What classic zod's `z.preprocess(fn, schema)` is: a transform piped into the schema. */
export function preprocess<I, T extends z.core.$ZodType>(fn: (value: I) => unknown, schema: T): z.ZodMiniPipe<z.ZodMiniTransform<unknown, I>, T> {
  return z.pipe(z.transform(fn), schema);
}

export function requiredText(label: string, max: number) {
  return checkedText(
    z.string({ error: `Enter ${label}.` }).check(z.trim(), z.minLength(1, `Enter ${label}.`), z.maxLength(max, `Keep ${label} under ${max} characters.`)),
    false,
  );
}

export function optionalText(label: string, max: number, { multiline = false } = {}) {
  return preprocess(
    emptyToUndefined,
    z.optional(checkedText(z.string().check(z.trim(), z.maxLength(max, `Keep ${label} under ${max} characters.`)), multiline)),
  );
}

export const nameField = requiredText("your name", LIMITS.name);

export const emailField = z.pipe(
  z
    .string({ error: "Enter your email address." })
    .check(
      z.trim(),
      z.minLength(1, "Enter your email address."),
      z.maxLength(LIMITS.email, "That email address is too long."),
      z.refine(isSingleLine, SINGLE_LINE_MESSAGE),
      z.toLowerCase(),
    ),
  z.email("Enter an email address like name@example.com."),
);

/** Digits, a leading +, spaces and the usual separators: nothing else may be typed. */
const PHONE_CHARACTERS = /^\+?[0-9 \u00A0()./-]+$/;

/**
 * A typed phone number in E.164 form, or undefined if it cannot be one. Without a country
 * code it is read as a US number and must be valid. With one, it may also be a number the
 * metadata does not list if its length fits the country (reserved ranges such as the UK's
 * 07700 900xxx, new allocations), as long as it looks dialable.
 */
export function phoneE164(typed: string): string | undefined {
  if (!PHONE_CHARACTERS.test(typed)) return undefined;
  const parsed = phoneParser()(typed, "US");
  if (!parsed) return undefined;
  if (parsed.isValid()) return parsed.number;
  if (!typed.startsWith("+") || !parsed.isPossible()) return undefined;
  const national: string = parsed.nationalNumber;
  const dialable = !national.startsWith("0") && !/^(\d)\1+$/.test(national) && (parsed.countryCallingCode !== "1" || /^[2-9]\d\d[2-9]/.test(national));
  return dialable ? parsed.number : undefined;
}

export const PHONE_MESSAGE = "Enter a phone number with its country code, like +44 20 7946 0958.";

/** An international phone number, stored in E.164 form (see phoneE164). */
export function phoneNumber(required: boolean) {
  const base = z.pipe(
    z.string().check(z.trim(), z.maxLength(32, "That phone number is too long."), z.refine(isSingleLine, SINGLE_LINE_MESSAGE)),
    z.transform((value: string, ctx) => {
      const e164 = phoneE164(value);
      if (!e164) {
        ctx.issues.push({ code: "custom", message: PHONE_MESSAGE, input: value });
        return z.NEVER;
      }
      return e164;
    }),
  );
  return required
    ? preprocess(emptyToUndefined, z.pipe(z.string({ error: "Enter a phone number we can call." }), base))
    : preprocess(emptyToUndefined, z.optional(base));
}

/** A ticked checkbox: `true` from react-hook-form, "on" from a plain HTML post. */
export function consentBox(message: string) {
  return preprocess((v) => v === true || v === "on" || v === "true", z.literal(true, { error: message }));
}

export const slug = z
  .string({ error: "Choose an option." })
  .check(
    z.trim(),
    z.minLength(1, "Choose an option."),
    z.maxLength(LIMITS.slug, "Choose an option from the list."),
    z.regex(/^[a-z0-9-]+$/, "Choose an option from the list."),
  );

export function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

export const platformField = choice(DEVICE_PLATFORMS, "Choose the device you will learn on.");

/** An IANA time zone name, as the browser reports it (Intl) or as chosen from the list. */
export const timeZoneField = z.string({ error: "Choose your time zone." }).check(
  z.trim(),
  z.minLength(1, "Choose your time zone."),
  z.maxLength(LIMITS.timeZone, "Choose your time zone from the list."),
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Choose your time zone from the list."),
);

/**
 * Where the visitor came from: hidden fields filled from the URL. These are never the
 * person's fault, so bad values are clipped or dropped instead of failing the form.
 */
function lenientText(max: number) {
  return z.pipe(
    z.optional(z.unknown()),
    z.transform((v) => {
      if (typeof v !== "string") return undefined;
      // Line breaks and tabs become spaces: these values are shown on one line (staff email, console).
      const oneLine = v.replace(new RegExp(LINE_BREAKS_AND_TABS.source, "g"), " ").replace(new RegExp(CONTROL_CHARS.source, "g"), "");
      const clean = clipText(oneLine.trim(), max);
      return clean || undefined;
    }),
  );
}

export const attributionSchema = z.object({
  utm_source: lenientText(200),
  utm_medium: lenientText(200),
  utm_campaign: lenientText(200),
  utm_term: lenientText(200),
  utm_content: lenientText(200),
  article: lenientText(300),
  cta: lenientText(100),
  ref: z.pipe(
    z.optional(z.unknown()),
    z.transform((v) => (typeof v === "string" && /^[A-Za-z0-9]{4,32}$/.test(v.trim()) ? v.trim() : undefined)),
  ),
});
export type Attribution = z.infer<typeof attributionSchema>;

/** A stored option value as its label, or the value itself when unknown. */
export function optionLabel<T extends Record<string, string>>(labels: T, v: unknown): string | undefined {
  return typeof v === "string" ? (labels[v as keyof T] ?? v) : undefined;
}
