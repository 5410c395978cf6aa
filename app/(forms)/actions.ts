"use server";

import { cookies, headers } from "next/headers";
import { runFormAction } from "@/lib/leads/run-form-action";
import type { FormState } from "@/lib/leads/form-state";
import type { FormType } from "@/lib/leads/form-types";
import { readAttributionCookies } from "@/lib/attribution-cookies";
import { clientIp } from "@/lib/client-ip";

// Server Actions are public endpoints: everything they receive is validated in lib/leads.
async function submit(formType: FormType, previous: FormState, formData: FormData): Promise<FormState> {
  const h = await headers();
  const c = await cookies();
  return runFormAction(formType, previous, formData, {
    ip: clientIp(h),
    userAgent: h.get("user-agent") ?? undefined,
    firstTouch: readAttributionCookies((name) => c.get(name)?.value),
  });
}


export async function submitEnroll(previous: FormState, formData: FormData) {
  return submit("enroll", previous, formData);
}
export async function submitQuote(previous: FormState, formData: FormData) {
  return submit("quote", previous, formData);
}
export async function submitReferral(previous: FormState, formData: FormData) {
  return submit("referral", previous, formData);
}
export async function submitNewsletter(previous: FormState, formData: FormData) {
  return submit("newsletter", previous, formData);
}
export async function submitCallback(previous: FormState, formData: FormData) {
  return submit("callback", previous, formData);
}
export async function submitRedemption(previous: FormState, formData: FormData) {
  return submit("redemption", previous, formData);
}
