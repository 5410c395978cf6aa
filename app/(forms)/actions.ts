"use server";

import { cookies, headers } from "next/headers";
import { leadFormAction, type FormRequest } from "@/lib/leads/run-form-action";
import { readAttributionCookies } from "@/lib/attribution-cookies";
import { clientIp } from "@/lib/client-ip";

// Server Actions are public endpoints: their arguments are checked by leadFormAction's guard
// and everything they carry is validated in lib/leads.
async function request(): Promise<FormRequest> {
  const h = await headers();
  const c = await cookies();
  return {
    ip: clientIp(h),
    userAgent: h.get("user-agent") ?? undefined,
    firstTouch: readAttributionCookies((name) => c.get(name)?.value),
  };
}

export const submitEnroll = leadFormAction("enroll", request);
export const submitQuote = leadFormAction("quote", request);
export const submitReferral = leadFormAction("referral", request);
export const submitNewsletter = leadFormAction("newsletter", request);
export const submitCallback = leadFormAction("callback", request);
export const submitRedemption = leadFormAction("redemption", request);
