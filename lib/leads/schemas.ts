/**
 * One zod schema per form, shared by the browser (react-hook-form's resolver) and the server
 * (which always validates again). Every field is trimmed and bounded; unknown fields are
 * dropped (zod's default for objects). Messages are written for the person filling the form.
 *
 * This module must stay free of server-only imports: the form components import it.
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
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Text fields are single-line (names, company: shown on one line in emails, the console and
 * CSV exports) unless `multiline` (goals, message, note, details), which keeps line breaks.
 * The single-line check runs first, so a line break gets the message that names it.
 */
function checkedText(base: z.ZodString, multiline: boolean) {
  return (multiline ? base : base.refine(isSingleLine, SINGLE_LINE_MESSAGE)).refine(isCleanText, INVISIBLE_CHARS_MESSAGE);
}

function requiredText(label: string, max: number) {
  return checkedText(
    z
      .string({ error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(max, `Keep ${label} under ${max} characters.`),
    false,
  );
}

function optionalText(label: string, max: number, { multiline = false } = {}) {
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
const PHONE_CHARACTERS = /^\+?[0-9 \u00A0().\/-]+$/;

/**
 * A typed phone number in E.164 form, or undefined if it cannot be one. Numbers without a
 * country code are read as US numbers and must be valid: in a range the metadata lists as
 * in use. A number typed with its country code may also be one the metadata does not list,
 * if its length fits the country (isPossible): the metadata leaves out reserved ranges such
 * as the UK's 07700 900xxx (so +44 7700 900123 is invalid in every libphonenumber metadata
 * set, min and max alike) and lags new allocations. Those still have to look dialable: no
 * leading 0 after the country code, not one digit repeated, and in North America an area
 * code and exchange that start with 2-9.
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

const PHONE_MESSAGE = "Enter a phone number with its country code, like +44 20 7946 0958.";

/** An international phone number, stored in E.164 form (see phoneE164). */
function phoneNumber(required: boolean) {
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
function consentBox(message: string) {
  return z.preprocess((v) => v === true || v === "on" || v === "true", z.literal(true, { error: message }));
}

const slug = z
  .string({ error: "Choose an option." })
  .trim()
  .min(1, "Choose an option.")
  .max(LIMITS.slug, "Choose an option from the list.")
  .regex(/^[a-z0-9-]+$/, "Choose an option from the list.");

export const PAYMENT_OPTIONS = ["upfront", "instalments", "financing", "employer"] as const;
export const EXPERIENCE_LEVELS = ["none", "beginner", "intermediate", "advanced"] as const;
export const DEVICE_PLATFORMS = ["windows", "macos", "linux", "chromeos", "not-sure"] as const;
export const CALL_TIMES = ["morning", "afternoon", "evening"] as const;
/** How a quote request wants to hear back: an email only, or an email and a phone call. */
export const CONTACT_METHODS = ["email", "call"] as const;
export const REWARDS = ["course", "device", "accessory"] as const;

export const OPTION_LABELS = {
  payment: { upfront: "Pay upfront", instalments: "Monthly instalments", financing: "Financing", employer: "Employer sponsored" },
  experience: {
    none: "I have never programmed",
    beginner: "I have done tutorials or a short course",
    intermediate: "I write code in my job or projects",
    advanced: "I am an experienced developer",
  },
  platform: { windows: "Windows", macos: "macOS", linux: "Linux", chromeos: "ChromeOS", "not-sure": "Not sure yet" },
  callTime: { morning: "Morning (9:00–12:00)", afternoon: "Afternoon (12:00–17:00)", evening: "Evening (17:00–20:00)" },
  contactBy: { email: "By email", call: "By email and a phone call" },
  reward: { course: "Toward a course", device: "A device (laptop or tablet)", accessory: "An accessory (headphones, keyboard…)" },
} as const;

function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

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
  return z.unknown().optional().transform((v) => {
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
  ref: z.unknown().optional().transform((v) => (typeof v === "string" && /^[A-Za-z0-9]{4,32}$/.test(v.trim()) ? v.trim() : undefined)),
});
export type Attribution = z.infer<typeof attributionSchema>;

export const enrollSchema = z.object({
  name: nameField,
  email: emailField,
  phone: phoneNumber(false),
  program: slug,
  cohort: z
    .string({ error: "Choose a start date." })
    .trim()
    .min(1, "Choose a start date.")
    .max(LIMITS.id, "Choose a start date.")
    .regex(/^[A-Za-z0-9_-]+$/, "Choose a start date from the list."),
  paymentOption: choice(PAYMENT_OPTIONS, "Choose how you would like to pay."),
  experience: choice(EXPERIENCE_LEVELS, "Tell us your experience so far."),
  goals: optionalText("your goals", LIMITS.message, { multiline: true }),
  consent: consentBox("Tick the box so we can contact you about your application."),
});

/**
 * What a quote request does not need is ignored, then left out, as the form hides it: the
 * team details for one person, and the phone, best time and time zone when no call was asked
 * for. (A page without JavaScript shows every field; with JavaScript, a value typed before
 * switching stays in the form's state, and must not block the request from a hidden field.)
 */
function withoutHiddenQuoteFields(v: unknown) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  return {
    ...o,
    ...(o.audience === "team" ? {} : { company: undefined, seats: undefined }),
    ...(o.contactBy === "call" ? {} : { phone: undefined, bestTime: undefined, timeZone: undefined }),
  };
}

export const quoteSchema = z.preprocess(
  // Typed as a record for react-hook-form's resolver; any value at all is handled.
  (v: Record<string, unknown>) => withoutHiddenQuoteFields(v),
  z
    .object({
      audience: choice(["individual", "team"] as const, "Tell us who the training is for."),
      name: nameField,
      email: emailField,
      company: optionalText("the company name", LIMITS.company),
      seats: z.preprocess(
        emptyToUndefined,
        z.coerce
          .number({ error: "Enter the number of seats as a number." })
          .int("Enter a whole number of seats.")
          .min(2, "A team quote is for 2 seats or more.")
          .max(LIMITS.seats, `For more than ${LIMITS.seats} seats, tell us in the message.`)
          .optional(),
      ),
      courses: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(slug).min(1, "Choose at least one course.").max(10, "Choose up to 10 courses."),
      ),
      platform: choice(DEVICE_PLATFORMS, "Choose the device you will learn on."),
      contactBy: choice(CONTACT_METHODS, "Tell us how you would like to hear from us."),
      // Only asked for a call (see withoutHiddenQuoteFields).
      phone: phoneNumber(false),
      bestTime: z.preprocess(emptyToUndefined, choice(CALL_TIMES, "Choose the best time to call.").optional()),
      timeZone: z.preprocess(emptyToUndefined, timeZoneField.optional()),
      message: optionalText("your message", LIMITS.message, { multiline: true }),
      consent: consentBox("Tick the box so we can send you the quote."),
    })
    // Run even when other fields failed, so the person sees every missing field at once.
    .superRefine(
      (v, ctx) => {
        if (v.audience === "team") {
          if (!v.company) ctx.addIssue({ code: "custom", path: ["company"], message: "Enter your company's name." });
          if (v.seats === undefined) ctx.addIssue({ code: "custom", path: ["seats"], message: "Enter how many people need training." });
        }
        if (v.contactBy === "call") {
          if (!v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number we can call." });
          if (!v.bestTime) ctx.addIssue({ code: "custom", path: ["bestTime"], message: "Choose the best time to call." });
          if (!v.timeZone) ctx.addIssue({ code: "custom", path: ["timeZone"], message: "Choose your time zone." });
        }
      },
      { when: (payload) => typeof payload.value === "object" && payload.value !== null },
    ),
);

export const friendSchema = z.object({
  name: nameField,
  email: emailField,
  note: optionalText("the note", LIMITS.note, { multiline: true }),
});

/** A friend row the person left completely empty is ignored, not an error. */
const isBlankFriend = (f: unknown) =>
  typeof f === "object" && f !== null && Object.values(f).every((v) => v === undefined || (typeof v === "string" && v.trim() === ""));

export const referralSchema = z
  .object({
    name: nameField,
    email: emailField,
    friends: z.preprocess(
      (v) => (Array.isArray(v) ? v.filter((f) => !isBlankFriend(f)) : v),
      z
        .array(friendSchema, { error: "Add at least one friend." })
        .min(1, "Add at least one friend.")
        .max(LIMITS.friends, `You can refer up to ${LIMITS.friends} friends at a time. Send the rest in another form.`),
    ),
    consent: consentBox("Tick the box to confirm your friends agreed to hear from us."),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.friends.forEach((f, i) => {
      if (f.email === v.email) {
        ctx.addIssue({ code: "custom", path: ["friends", i, "email"], message: "That is your own address. Refer someone else." });
      } else if (seen.has(f.email)) {
        ctx.addIssue({ code: "custom", path: ["friends", i, "email"], message: "You already listed this friend." });
      }
      seen.add(f.email);
    });
  });

export const newsletterSchema = z.object({
  email: emailField,
  name: optionalText("your name", LIMITS.name),
  consent: consentBox("Tick the box to subscribe."),
});

export const callbackSchema = z.object({
  name: nameField,
  phone: phoneNumber(true),
  course: slug,
  platform: choice(DEVICE_PLATFORMS, "Choose the device you will learn on."),
  bestTime: choice(CALL_TIMES, "Choose the best time to call."),
  timeZone: timeZoneField,
  consent: consentBox("Tick the box so we can call you."),
});

export const redemptionSchema = z.object({
  email: emailField,
  reward: choice(REWARDS, "Choose what you would like to spend points on."),
  points: z.coerce
    .number({ error: "Enter how many points to spend." })
    .int("Enter a whole number of points.")
    .min(100, "Spend at least 100 points.")
    .max(LIMITS.points, "That is more points than anyone has."),
  details: optionalText("the details", LIMITS.message, { multiline: true }),
  consent: consentBox("Tick the box so we can contact you about your reward."),
});

export const formSchemas = {
  enroll: enrollSchema,
  quote: quoteSchema,
  referral: referralSchema,
  newsletter: newsletterSchema,
  callback: callbackSchema,
  redemption: redemptionSchema,
} as const;

export type EnrollInput = z.infer<typeof enrollSchema>;
export type QuoteInput = z.infer<typeof quoteSchema>;
export type ReferralInput = z.infer<typeof referralSchema>;
export type NewsletterInput = z.infer<typeof newsletterSchema>;
export type CallbackInput = z.infer<typeof callbackSchema>;
export type RedemptionInput = z.infer<typeof redemptionSchema>;
