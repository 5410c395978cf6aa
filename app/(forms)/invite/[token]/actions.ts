"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/client";
import { INVITE_TOKEN_PATTERN } from "@/lib/leads/codes";
import { defaultDeps } from "@/lib/leads/run-form-action";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { formRequest } from "../../form-request";

/** The friend pressed "Yes, I'm interested": a POST, so link scanners in inboxes cannot do it for them. */
export const confirmInterestAction = publicAction.formAction(
  { name: "confirmInterestAction", malformed: () => redirect("/invite/invalid") },
  async ({ formData }) => {
    const token = String(formData.get("token") ?? "");
    if (!INVITE_TOKEN_PATTERN.test(token)) redirect("/invite/invalid");
    let target = "/invite/invalid";
    try {
      const result = await confirmInterest(defaultDeps(), token, await formRequest());
      if (result.ok) target = `/invite/${token}?confirmed=1`;
    } catch (error) {
      console.error("[invite] confirming interest failed", error);
      target = `/invite/${token}?error=1`;
    }
    redirect(target);
  },
);
