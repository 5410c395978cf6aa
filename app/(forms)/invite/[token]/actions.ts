"use server";

import { INVITE_TOKEN_PATTERN } from "@/lib/leads/codes";
import { defaultDeps } from "@/lib/leads/run-form-action";
import { confirmInterest } from "@/lib/referrals/confirm-interest";
import { formRequest } from "../../form-request";
import { tokenLinkAction } from "../../token-link-action";

/** The friend pressed "Yes, I'm interested". */
export const confirmInterestAction = tokenLinkAction("confirmInterestAction", { pattern: INVITE_TOKEN_PATTERN, invalid: "/invite/invalid" }, async (token) => {
  try {
    const result = await confirmInterest(defaultDeps(), token, await formRequest());
    return result.ok ? `/invite/${token}?confirmed=1` : "/invite/invalid";
  } catch (error) {
    console.error("[invite] confirming interest failed", error);
    return `/invite/${token}?error=1`;
  }
});
