/**
 * Every form's schema and option lists in one import, for tests and the console. The forms
 * themselves import from their own folders (lib/forms/<form>/schema.ts); this module must
 * stay browser-safe, so it does not read the registry (which pulls in the emails).
 */
import { CALL_TIME_LABELS, PLATFORM_LABELS } from "../forms/fields";
import { EXPERIENCE_LABELS, PAYMENT_LABELS } from "../forms/enroll/schema";
import { CONTACT_BY_LABELS } from "../forms/quote/schema";
import { REWARD_LABELS } from "../forms/redemption/schema";
import { enrollSchema } from "../forms/enroll/schema";
import { quoteSchema } from "../forms/quote/schema";
import { referralSchema } from "../forms/referral/schema";
import { newsletterSchema } from "../forms/newsletter/schema";
import { callbackSchema } from "../forms/callback/schema";
import { redemptionSchema } from "../forms/redemption/schema";
import { syllabusSchema } from "../forms/syllabus/schema";
import { eventSchema } from "../forms/event/schema";
import { commentSchema } from "../forms/comment/schema";
import { bookingSchema } from "../forms/booking/schema";

export { attributionSchema, CALL_TIMES, DEVICE_PLATFORMS, emailField, LIMITS, nameField, phoneE164, timeZoneField, type Attribution } from "../forms/fields";
export { enrollSchema, EXPERIENCE_LEVELS, PAYMENT_OPTIONS, type EnrollInput } from "../forms/enroll/schema";
export { CONTACT_METHODS, quoteSchema, type QuoteInput } from "../forms/quote/schema";
export { friendSchema, referralSchema, type ReferralInput } from "../forms/referral/schema";
export { newsletterSchema, type NewsletterInput } from "../forms/newsletter/schema";
export { callbackSchema, type CallbackInput } from "../forms/callback/schema";
export { redemptionSchema, type RedemptionInput } from "../forms/redemption/schema";
export { syllabusSchema, type SyllabusInput } from "../forms/syllabus/schema";
export { eventSchema, type EventInput } from "../forms/event/schema";
export { commentSchema, type CommentInput } from "../forms/comment/schema";
export { attachedBookingSchema, bookingSchema, type AttachedBookingInput, type BookingInput } from "../forms/booking/schema";

export const OPTION_LABELS = {
  payment: PAYMENT_LABELS,
  experience: EXPERIENCE_LABELS,
  platform: PLATFORM_LABELS,
  callTime: CALL_TIME_LABELS,
  contactBy: CONTACT_BY_LABELS,
  reward: REWARD_LABELS,
} as const;

export const formSchemas = {
  enroll: enrollSchema,
  quote: quoteSchema,
  referral: referralSchema,
  newsletter: newsletterSchema,
  callback: callbackSchema,
  redemption: redemptionSchema,
  syllabus: syllabusSchema,
  event: eventSchema,
  comment: commentSchema,
  booking: bookingSchema,
} as const;
