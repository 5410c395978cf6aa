import { z } from "zod/mini";
import { consentBox, emailField, nameField, slug } from "../fields";

export { EVENT_CONSENT } from "./options";

/** An RSVP to an info session or open house (/rsvp/<event>). Browser-safe. */
export const eventSchema = z.object({
  eventSlug: slug,
  name: nameField,
  email: emailField,
  consent: consentBox("Tick the box so we can email you about this event."),
});

export type EventInput = z.infer<typeof eventSchema>;
