import { z } from "zod/mini";
import { CALL_TIMES, choice, consentBox, nameField, phoneNumber, platformField, slug, timeZoneField } from "../fields";

export { CALLBACK_CONSENT } from "./options";

/** The call-back request (/call-back): a phone number and when to call. Browser-safe. */
export const callbackSchema = z.object({
  name: nameField,
  phone: phoneNumber(true),
  course: slug,
  platform: platformField,
  bestTime: choice(CALL_TIMES, "Choose the best time to call."),
  timeZone: timeZoneField,
  consent: consentBox("Tick the box so we can call you."),
});

export type CallbackInput = z.infer<typeof callbackSchema>;
