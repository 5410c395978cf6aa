"use server";

import { leadFormAction } from "@/lib/leads/run-form-action";
import { formRequest } from "./form-request";

// Server Actions are public endpoints: their arguments are checked by leadFormAction's guard
// and everything they carry is validated in lib/leads.
export const submitEnroll = leadFormAction("enroll", formRequest);
export const submitQuote = leadFormAction("quote", formRequest);
export const submitReferral = leadFormAction("referral", formRequest);
export const submitNewsletter = leadFormAction("newsletter", formRequest);
export const submitCallback = leadFormAction("callback", formRequest);
export const submitRedemption = leadFormAction("redemption", formRequest);
