"use client";

import { LIMITS } from "../field-options";
import { NEWSLETTER_CONSENT } from "./options";
import { ConsentField, EmailField, TextField } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.newsletterSchema);

const LABELS = { email: "Email", name: "Name", consent: "Consent" };

export function NewsletterForm(props: LeadFormProps) {
  const form = useLeadForm(props, { formId: "newsletter", schema: loadSchema, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Newsletter sign-up" submitLabel="Subscribe and get my code" resetLabel="Sign up another address">
      <EmailField name="email" label="Email" />
      <TextField name="name" label="Your name" optional autoComplete="name" maxLength={LIMITS.name} hint="So our emails greet you properly." />
      <ConsentField consent={NEWSLETTER_CONSENT} />
    </LeadFormShell>
  );
}
