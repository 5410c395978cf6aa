"use client";

import { LIMITS, OPTION_LABELS, REWARDS, redemptionSchema } from "@/lib/leads/schemas";
import { ConsentField, RadioGroupField, TextAreaField, TextField } from "./fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "./lead-form";

const LABELS = {
  email: "Email",
  reward: "Reward",
  points: "Points",
  details: "Details",
  consent: "Consent",
};

type Props = LeadFormProps;

/** "Spend your points": a request staff follow up by email; only confirmed points count. */
export function RedemptionForm({ action, initialState, attribution, path, permalink }: Props) {
  const form = useLeadForm({ formId: "redemption", schema: redemptionSchema, action, initialState, permalink, labels: LABELS });
  return (
    <LeadFormShell
      form={form}
      title="Spend your points"
      submitLabel="Request my reward"
      attribution={attribution}
      resetHref={`${path}#spend-points`}
      resetLabel="Make another request"
    >
      <TextField
        name="email"
        label="Your email"
        type="email"
        autoComplete="email"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={LIMITS.email}
        hint="The address you refer friends with: your points are kept under it."
      />
      <RadioGroupField
        name="reward"
        legend="What would you like to spend them on?"
        options={REWARDS.map((value) => ({ value, label: OPTION_LABELS.reward[value] }))}
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
      <TextAreaField
        name="details"
        label="Details"
        optional
        maxLength={LIMITS.message}
        hint="Which course, device or accessory you have in mind."
      />
      <ConsentField />
    </LeadFormShell>
  );
}
