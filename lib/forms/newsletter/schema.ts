import { z } from "zod/mini";
import { consentBox, emailField, LIMITS, optionalText } from "../fields";

/** Which consent text the form shows and the lead stores. */
export const NEWSLETTER_CONSENT = "newsletter" as const;

/** The newsletter sign-up (/newsletter). Browser-safe. */
export const newsletterSchema = z.object({
  email: emailField,
  name: optionalText("your name", LIMITS.name),
  consent: consentBox("Tick the box to subscribe."),
});

export type NewsletterInput = z.infer<typeof newsletterSchema>;
