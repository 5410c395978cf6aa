import { z } from "zod/mini";
import { consentBox, emailField, LIMITS, optionalText } from "../fields";

export { NEWSLETTER_CONSENT } from "./options";

/** The newsletter sign-up (/newsletter). Browser-safe. */
export const newsletterSchema = z.object({
  email: emailField,
  name: optionalText("your name", LIMITS.name),
  consent: consentBox("Tick the box to subscribe."),
});

export type NewsletterInput = z.infer<typeof newsletterSchema>;
