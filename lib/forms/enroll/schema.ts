import { z } from "zod/mini";
import { choice, consentBox, emailField, LIMITS, nameField, optionalText, phoneNumber, slug } from "../fields";

export const PAYMENT_OPTIONS = ["upfront", "instalments", "financing", "employer"] as const;
export const PAYMENT_LABELS = { upfront: "Pay upfront", instalments: "Monthly instalments", financing: "Financing", employer: "Employer sponsored" } as const;

export const EXPERIENCE_LEVELS = ["none", "beginner", "intermediate", "advanced"] as const;
export const EXPERIENCE_LABELS = {
  none: "I have never programmed",
  beginner: "I have done tutorials or a short course",
  intermediate: "I write code in my job or projects",
  advanced: "I am an experienced developer",
} as const;

/** Which consent text the form shows and the lead stores. */
export const ENROLL_CONSENT = "contact" as const;

/** The application form (/apply). Browser-safe: the form component uses it too. */
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
  consent: consentBox("Tick the box so we can contact you about your application."),
});

export type EnrollInput = z.infer<typeof enrollSchema>;
