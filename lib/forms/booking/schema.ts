import { z } from "zod/mini";
import { consentBox, emailField, emptyToUndefined, LIMITS, nameField, optionalText, phoneNumber, preprocess, slug, timeZoneField } from "../fields";
import { CHOOSE_TIME_MESSAGE, isSlotStart, SLOT_START_PATTERN } from "./options";

export { BOOKING_CONSENT } from "./options";

/** A slot's start, as the picker's link carried it ("2026-12-10T20:00:00.000Z"). */
export const slotStart = z
  .string({ error: CHOOSE_TIME_MESSAGE })
  .check(z.trim(), z.regex(SLOT_START_PATTERN, CHOOSE_TIME_MESSAGE), z.refine(isSlotStart, CHOOSE_TIME_MESSAGE));

/** What the slot picker puts in the form: the kind of call, the time, the zone it was shown in, the program. */
const chosenSlot = {
  callType: slug,
  startsAt: slotStart,
  timeZone: timeZoneField,
  program: preprocess(emptyToUndefined, z.optional(slug)),
};

/** A call booked on /book by someone we may not know yet: a lead of its own (type "booking"). Browser-safe. */
export const bookingSchema = z.object({
  ...chosenSlot,
  name: nameField,
  email: emailField,
  phone: phoneNumber(false),
  note: optionalText("your note", LIMITS.note, { multiline: true }),
  consent: consentBox("Tick the box so we can email you about your call."),
});

export type BookingInput = z.infer<typeof bookingSchema>;

/**
 * A call booked through the "Book your call now" link of a form just sent: the link's signed
 * reference names the lead, so only the time is asked, and an email address when that form
 * had none (the call-back form asks for a phone only).
 */
export const attachedBookingSchema = z.object({
  ...chosenSlot,
  for: z.string({ error: "This booking link does not work." }).check(z.trim(), z.maxLength(120, "This booking link does not work.")),
  email: preprocess(emptyToUndefined, z.optional(emailField)),
});

export type AttachedBookingInput = z.infer<typeof attachedBookingSchema>;
