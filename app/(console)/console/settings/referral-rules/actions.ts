"use server";

import { redirect } from "next/navigation";
import { staffAction } from "@/app/(console)/auth";
import { db } from "@/lib/db";
import { RULE_KEYS, saveReferralRules, type ReferralRules } from "@/lib/referrals/rules";
import { consoleFormAnswers } from "../../form-answers";
import { FIX_FIELDS, type ConsoleFormState } from "../../programs/form-state";

/** Saves the referral programme's rules. Admin only ("settings:manage"), checked by staffAction: Server Actions are public. */
export const saveReferralRulesAction = staffAction("settings:manage").stateAction(
  consoleFormAnswers("saveReferralRulesAction", () => "/console/settings#referral-rules"),
  async ({ formData, staff }): Promise<ConsoleFormState> => {
    const raw: Record<string, string> = {};
    for (const k of Object.keys(RULE_KEYS) as (keyof ReferralRules)[]) {
      const v = formData.get(k);
      raw[k] = typeof v === "string" ? v.slice(0, 100) : "";
    }
    const outcome = await saveReferralRules(db(), raw, staff.id);
    if (!outcome.ok) return { status: "error", message: FIX_FIELDS, fieldErrors: outcome.fieldErrors as Record<string, string>, values: raw };
    redirect(`/console/settings?referralRules=${outcome.changed.length}#referral-rules`);
  },
);
