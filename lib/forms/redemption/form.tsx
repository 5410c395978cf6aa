"use client";

import { LIMITS } from "../field-options";
import { POINT_WORTH } from "../../referrals/point-value";
import { REDEMPTION_CONSENT, type RewardChoice } from "./options";
import { ConsentField, EmailField, RadioGroupField, TextAreaField } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.redemptionSchema);

const LABELS = {
  email: "Email",
  reward: "Reward",
  details: "Details",
  consent: "Consent",
};

const points = (n: number) => `${n.toLocaleString("en-US")} point${n === 1 ? "" : "s"}`;

/**
 * "Spend your points": a reward from the catalogue (the active rewards in stock, which the
 * page reads), filed through a link sent to the address. Only confirmed points count.
 */
export function RedemptionForm(props: LeadFormProps & { rewards: RewardChoice[] }) {
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
      {props.rewards.length > 0 ? (
        <RadioGroupField
          name="reward"
          legend="Which reward would you like?"
          hint={`${POINT_WORTH}. You need enough confirmed points for the reward you choose.`}
          options={props.rewards.map((r) => ({
            value: r.id,
            label: `${r.name}: ${points(r.points)}`,
            description: [r.description, r.stockLabel].filter(Boolean).join(" · ") || undefined,
          }))}
        />
      ) : (
        <p className="rounded-xl bg-amber-50 p-4 text-amber-950">There are no rewards on offer right now. Please come back later.</p>
      )}
      <TextAreaField
        name="details"
        label="Details"
        optional
        maxLength={LIMITS.message}
        hint="Anything we should know, such as which course the discount is for."
      />
      <ConsentField consent={REDEMPTION_CONSENT} />
    </LeadFormShell>
  );
}
