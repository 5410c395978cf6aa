"use client";

import { EmailField } from "@/lib/forms/ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "@/lib/forms/ui/lead-form";

const LABELS = { email: "Email" };

/** The schema loads once the person starts on the form (lib/forms/ui/lead-form.tsx). */
const loadSchema = () => import("@/lib/referrals/status-schema").then((m) => m.statusLinkSchema);

/** "Email me my referral link and points": one field, answered the same for any address. */
export function StatusLinkForm({ action, initialState, path, permalink }: LeadFormProps) {
  // No attribution fields: asking for a status link is not a lead.
  const form = useLeadForm({ action, initialState, path, permalink }, { formId: "status-link", schema: loadSchema, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Get your referral link and points" submitLabel="Email me a link" resetLabel="Use another address">
      <EmailField name="email" label="The email address you referred friends from" />
    </LeadFormShell>
  );
}
