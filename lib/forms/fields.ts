/**
 * The building blocks of every form's zod schema, shared by the browser (react-hook-form's
 * resolver) and the server (which always validates again). Every field is trimmed and
 * bounded; messages are written for the person filling the form.
 *
 * Browser-safe: the form components import the schemas built from these.
 */
import { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { clipText } from "../clip-text";
import { CONTROL_CHARS, INVISIBLE_CHARS_MESSAGE, isCleanText, isSingleLine, LINE_BREAKS_AND_TABS, SINGLE_LINE_MESSAGE } from "../text-checks";

export const LIMITS = {
  name: 100,
  email: 254,
  company: 120,
  message: 2000,
  note: 500,
  friends: 10,
  seats: 500,
  slug: 80,
  id: 64,
  timeZone: 64,
  points: 1_000_000,
} as const;

/** Empty strings (what an untouched input posts) count as "not given". */
export const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Text fields are single-line (names, company: shown on one line in emails, the console and
 * CSV exports) unless `multiline` (goals, message, note, details), which keeps line breaks.
 * The single-line check runs first, so a line break gets the message that names it.
 */
function checkedText(base: z.ZodString, multiline: boolean) {
  return (multiline ? base : base.refine(isSingleLine, SINGLE_LINE_MESSAGE)).refine(isCleanText, INVISIBLE_CHARS_MESSAGE);
}

export function requiredText(label: string, max: number) {
  return checkedText(
    z
      .string({ error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(max, `Keep ${label} under ${max} characters.`),
    false,
  );
}

export function optionalText(label: string, max: number, { multiline = false } = {}) {
  return z.preprocess(emptyToUndefined, checkedText(z.string().trim().max(max, `Keep ${label} under ${max} characters.`), multiline).optional());
}

export const nameField = requiredText("your name", LIMITS.name);

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(LIMITS.email, "That email address is too long.")
  .refine(isSingleLine, SINGLE_LINE_MESSAGE)
  .toLowerCase()
  .pipe(z.email("Enter an email address like name@example.com."));

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
  const parsed = parsePhoneNumberFromString(typed, "US");
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
  const base = z
    .string()
    .trim()
    .max(32, "That phone number is too long.")
    .refine(isSingleLine, SINGLE_LINE_MESSAGE)
    .transform((value, ctx) => {
      const e164 = phoneE164(value);
      if (!e164) {
        ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
        return z.NEVER;
      }
      return e164;
    });
  return required
    ? z.preprocess(emptyToUndefined, z.string({ error: "Enter a phone number we can call." }).pipe(base))
    : z.preprocess(emptyToUndefined, base.optional());
}

/** A ticked checkbox: `true` from react-hook-form, "on" from a plain HTML post. */
export function consentBox(message: string) {
  return z.preprocess((v) => v === true || v === "on" || v === "true", z.literal(true, { error: message }));
}

export const slug = z
  .string({ error: "Choose an option." })
  .trim()
  .min(1, "Choose an option.")
  .max(LIMITS.slug, "Choose an option from the list.")
  .regex(/^[a-z0-9-]+$/, "Choose an option from the list.");

export function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** The device someone will learn on (quote and call-back forms). */
export const DEVICE_PLATFORMS = ["windows", "macos", "linux", "chromeos", "not-sure"] as const;
export const PLATFORM_LABELS = { windows: "Windows", macos: "macOS", linux: "Linux", chromeos: "ChromeOS", "not-sure": "Not sure yet" } as const;

/** When to call, in the visitor's own time zone (quote and call-back forms). */
export const CALL_TIMES = ["morning", "afternoon", "evening"] as const;
export const CALL_TIME_LABELS = { morning: "Morning (9:00–12:00)", afternoon: "Afternoon (12:00–17:00)", evening: "Evening (17:00–20:00)" } as const;

export const platformField = choice(DEVICE_PLATFORMS, "Choose the device you will learn on.");

/** An IANA time zone name, as the browser reports it (Intl) or as chosen from the list. */
export const timeZoneField = z
  .string({ error: "Choose your time zone." })
  .trim()
  .min(1, "Choose your time zone.")
  .max(LIMITS.timeZone, "Choose your time zone from the list.")
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Choose your time zone from the list.");

/**
 * Where the visitor came from: hidden fields filled from the URL. These are never the
 * person's fault, so bad values are clipped or dropped instead of failing the form.
 */
function lenientText(max: number) {
  return z
    .unknown()
    .optional()
    .transform((v) => {
      if (typeof v !== "string") return undefined;
      // Line breaks and tabs become spaces: these values are shown on one line (staff email, console).
      const oneLine = v.replace(new RegExp(LINE_BREAKS_AND_TABS.source, "g"), " ").replace(new RegExp(CONTROL_CHARS.source, "g"), "");
      const clean = clipText(oneLine.trim(), max);
      return clean || undefined;
    });
}

export const attributionSchema = z.object({
  utm_source: lenientText(200),
  utm_medium: lenientText(200),
  utm_campaign: lenientText(200),
  utm_term: lenientText(200),
  utm_content: lenientText(200),
  article: lenientText(300),
  cta: lenientText(100),
  ref: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "string" && /^[A-Za-z0-9]{4,32}$/.test(v.trim()) ? v.trim() : undefined)),
});
export type Attribution = z.infer<typeof attributionSchema>;

/** A stored option value as its label, or the value itself when unknown. */
export function optionLabel<T extends Record<string, string>>(labels: T, v: unknown): string | undefined {
  return typeof v === "string" ? (labels[v as keyof T] ?? v) : undefined;
}
