import { z } from "zod/mini";
import {
  CALL_TIMES,
  choice,
  consentBox,
  emailField,
  emptyToUndefined,
  LIMITS,
  nameField,
  optionalText,
  phoneNumber,
  platformField,
  preprocess,
  slug,
  timeZoneField,
} from "../fields";
import { CONTACT_METHODS } from "./options";

export { CONTACT_BY_LABELS, CONTACT_METHODS, QUOTE_CONSENT } from "./options";

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

/** The pricing quote form (/quote). Browser-safe: the form component loads it once the person starts on the form. */
export const quoteSchema = preprocess(
  // Typed as a record for react-hook-form's resolver; any value at all is handled.
  (v: Record<string, unknown>) => withoutHiddenQuoteFields(v),
  z
    .object({
      audience: choice(["individual", "team"] as const, "Tell us who the training is for."),
      name: nameField,
      email: emailField,
      company: optionalText("the company name", LIMITS.company),
      seats: preprocess(
        emptyToUndefined,
        z.optional(
          z.coerce
            .number({ error: "Enter the number of seats as a number." })
            .check(
              z.int("Enter a whole number of seats."),
              z.gte(2, "A team quote is for 2 seats or more."),
              z.lte(LIMITS.seats, `For more than ${LIMITS.seats} seats, tell us in the message.`),
            ),
        ),
      ),
      courses: preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(slug).check(z.minLength(1, "Choose at least one course."), z.maxLength(10, "Choose up to 10 courses.")),
      ),
      platform: platformField,
      contactBy: choice(CONTACT_METHODS, "Tell us how you would like to hear from us."),
      // Only asked for a call (see withoutHiddenQuoteFields).
      phone: phoneNumber(false),
      bestTime: preprocess(emptyToUndefined, z.optional(choice(CALL_TIMES, "Choose the best time to call."))),
      timeZone: preprocess(emptyToUndefined, z.optional(timeZoneField)),
      message: optionalText("your message", LIMITS.message, { multiline: true }),
      consent: consentBox("Tick the box so we can send you the quote."),
    })
    // Run even when other fields failed, so the person sees every missing field at once.
    .check(
      z.superRefine(
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
    ),
);

export type QuoteInput = z.infer<typeof quoteSchema>;
