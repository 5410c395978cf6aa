"use client";

import { useActionState } from "react";
import { IDLE } from "../programs/form-state";
import { boundField, ConsoleForm, Select, SubmitButton, TextInput } from "../programs/form-ui";
import { saveReferralRulesAction } from "./referral-rules/actions";

export type ReferralRulesValues = { confirmWhen: string; holdDays: string; hourlyLimit: string };

/** When referral points are confirmed, and how many referrals an hour are fine. Works without JavaScript. */
export function ReferralRulesForm({
  values,
  options,
  holdDaysMax,
  hourlyLimitMax,
}: {
  values: ReferralRulesValues;
  options: { value: string; label: string }[];
  holdDaysMax: number;
  hourlyLimitMax: number;
}) {
  const [state, action, pending] = useActionState(saveReferralRulesAction, IDLE);
  return (
    <ConsoleForm action={action} state={state} noValidate className="mt-6 max-w-3xl space-y-6">
      <Select
        {...boundField(state, "referral-confirm-when", "confirmWhen", values.confirmWhen)}
        label="When referral points are confirmed"
        options={options}
        hint="Until then the referrer's points for that friend are pending and cannot be spent. A change applies to every friend not yet confirmed."
      />
      <TextInput
        {...boundField(state, "referral-hold-days", "holdDays", values.holdDays)}
        label="Holding period after enrolment, in days"
        inputMode="numeric"
        hint={`Only used when points are confirmed at enrolment: the points are confirmed this many days after the lead moves to Enrolled, if it is still enrolled then. 0 confirms at once. At most ${holdDaysMax}.`}
      />
      <TextInput
        {...boundField(state, "referral-hourly-limit", "hourlyLimit", values.hourlyLimit)}
        label="Referrals per hour before review"
        inputMode="numeric"
        hint={`When one person refers more friends than this within an hour, those friends' points wait in the review queue. From 1 to ${hourlyLimitMax}.`}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : "Save referral rules"}</SubmitButton>
    </ConsoleForm>
  );
}
