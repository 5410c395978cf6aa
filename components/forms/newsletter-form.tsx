"use client";

import type { SuccessDetails } from "@/lib/leads/form-state";
import { LIMITS, newsletterSchema } from "@/lib/leads/schemas";
import { ConsentField, TextField } from "./fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "./lead-form";

const LABELS = { email: "Email", name: "Name", consent: "Consent" };

type Props = LeadFormProps;

export function NewsletterForm({ action, initialState, attribution, path, permalink }: Props) {
  const form = useLeadForm({ formId: "newsletter", schema: newsletterSchema, action, initialState, permalink, labels: LABELS });
  return (
    <LeadFormShell
      form={form}
      title="Newsletter sign-up"
      submitLabel="Subscribe and get my code"
      attribution={attribution}
      resetHref={path}
      resetLabel="Sign up another address"
      successExtras={(success) => <DiscountCode success={success} />}
    >
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={LIMITS.email}
      />
      <TextField name="name" label="Your name" optional autoComplete="name" maxLength={LIMITS.name} hint="So our emails greet you properly." />
      <ConsentField />
    </LeadFormShell>
  );
}

function DiscountCode({ success }: { success: SuccessDetails }) {
  if (!success.discountCode) return null;
  const percent = success.discountPercent ?? 20;
  return (
    <div className="mt-8 rounded-2xl border-2 border-dashed border-accent bg-accent-soft p-6 text-center">
      <p className="font-semibold">
        Your code: {percent}% off your next course
      </p>
      <p className="mt-3 break-all font-mono text-3xl font-bold tracking-wider text-ink select-all sm:text-4xl">{success.discountCode}</p>
    </div>
  );
}
