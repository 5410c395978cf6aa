"use client";

import { LIMITS } from "../field-options";
import { REDEMPTION_CONSENT, REWARD_LABELS, REWARDS } from "./options";
import { ConsentField, EmailField, RadioGroupField, TextAreaField, TextField } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.redemptionSchema);

const LABELS = {
  email: "Email",
  reward: "Reward",
  points: "Points",
  details: "Details",
  consent: "Consent",
};

/** "Spend your points": a request staff follow up by email; only confirmed points count. */
export function RedemptionForm(props: LeadFormProps) {
  const form = useLeadForm(props, { formId: "redemption", schema: loadSchema, labels: LABELS });
  return (
    <LeadFormShell
      form={form}
      title="Spend your points"
      submitLabel="Request my reward"
      resetHref={`${props.path}#spend-points`}
      resetLabel="Make another request"
    >
      <EmailField name="email" label="Your email" hint="The address you refer friends with: your points are kept under it." />
      <RadioGroupField
        name="reward"
        legend="What would you like to spend them on?"
        options={REWARDS.map((value) => ({ value, label: REWARD_LABELS[value] }))}
      />
      <TextField
        name="points"
        label="Points to spend"
        inputMode="numeric"
        autoComplete="off"
        maxLength={7}
        hint="At least 100, and no more than your confirmed points."
        className="max-w-xs"
      />
      <TextAreaField name="details" label="Details" optional maxLength={LIMITS.message} hint="Which course, device or accessory you have in mind." />
      <ConsentField consent={REDEMPTION_CONSENT} />
    </LeadFormShell>
  );
}
