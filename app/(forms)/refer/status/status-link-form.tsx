"use client";

import { statusLinkSchema } from "@/lib/referrals/status-schema";
import { EmailField } from "@/lib/forms/ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "@/lib/forms/ui/lead-form";

const LABELS = { email: "Email" };

/** "Email me my referral link and points": one field, answered the same for any address. */
export function StatusLinkForm({ action, initialState, path, permalink }: LeadFormProps) {
  // No attribution fields: asking for a status link is not a lead.
  const form = useLeadForm({ action, initialState, path, permalink }, { formId: "status-link", schema: statusLinkSchema, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Get your referral link and points" submitLabel="Email me a link" resetLabel="Use another address">
      <EmailField name="email" label="The email address you referred friends from" />
    </LeadFormShell>
  );
}
