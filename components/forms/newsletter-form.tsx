"use client";

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
