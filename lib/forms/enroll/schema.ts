import { z } from "zod/mini";
import { CODE_MAX_LENGTH, CODE_PATTERN } from "../../discounts/code-format";
import { choice, consentBox, emailField, emptyToUndefined, LIMITS, nameField, optionalText, phoneNumber, preprocess, slug } from "../fields";
import { EXPERIENCE_LEVELS, PAYMENT_OPTIONS } from "./options";

export { ENROLL_CONSENT, EXPERIENCE_LABELS, EXPERIENCE_LEVELS, PAYMENT_LABELS, PAYMENT_OPTIONS } from "./options";

/** The application form (/apply). Browser-safe: the form component loads it once the person starts on the form. */
export const enrollSchema = z.object({
  name: nameField,
  email: emailField,
  phone: phoneNumber(false),
  program: slug,
  cohort: z
    .string({ error: "Choose a start date." })
    .check(
      z.trim(),
      z.minLength(1, "Choose a start date."),
      z.maxLength(LIMITS.id, "Choose a start date."),
      z.regex(/^[A-Za-z0-9_-]+$/, "Choose a start date from the list."),
    ),
  paymentOption: choice(PAYMENT_OPTIONS, "Choose how you would like to pay."),
  experience: choice(EXPERIENCE_LEVELS, "Tell us your experience so far."),
  goals: optionalText("your goals", LIMITS.message, { multiline: true }),
  /** "Discount or referral code": trimmed and upper-cased; the server checks what it gives (lib/discounts/check.ts). */
  code: preprocess(
    emptyToUndefined,
    z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.maxLength(CODE_MAX_LENGTH, "That is longer than any of our codes. Check it against the email it came in."),
          z.toUpperCase(),
          z.regex(CODE_PATTERN, "Codes have only letters, digits and dashes. Check it against the email it came in."),
        ),
    ),
  ),
  consent: consentBox("Tick the box so we can contact you about your application."),
});

export type EnrollInput = z.infer<typeof enrollSchema>;
