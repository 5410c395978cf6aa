"use server";

import { bookingFormAction } from "@/lib/forms/booking/action";
import { leadFormAction } from "@/lib/leads/run-form-action";
import { formRequest } from "./form-request";

// Server Actions are public endpoints: leadFormAction builds each with the public action
// client (lib/actions/client.ts), which checks its arguments, and lib/leads validates the rest.
export const submitEnroll = leadFormAction("enroll", formRequest);
export const submitQuote = leadFormAction("quote", formRequest);
export const submitReferral = leadFormAction("referral", formRequest);
export const submitNewsletter = leadFormAction("newsletter", formRequest);
export const submitCallback = leadFormAction("callback", formRequest);
export const submitRedemption = leadFormAction("redemption", formRequest);
export const submitSyllabus = leadFormAction("syllabus", formRequest);
export const submitEvent = leadFormAction("event", formRequest);
export const submitComment = leadFormAction("comment", formRequest);
export const submitBooking = bookingFormAction(formRequest);
