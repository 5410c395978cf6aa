"use client";

import { LIMITS } from "@/lib/forms/fields";
import { statusLinkSchema } from "@/lib/referrals/status-schema";
import { TextField } from "@/lib/forms/ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "@/lib/forms/ui/lead-form";

const LABELS = { email: "Email" };

/** "Email me my referral link and points": one field, answered the same for any address. */
export function StatusLinkForm({ action, initialState, path, permalink }: LeadFormProps) {
  const form = useLeadForm({ formId: "status-link", schema: statusLinkSchema, action, initialState, permalink, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Get your referral link and points" submitLabel="Email me a link" resetHref={path} resetLabel="Use another address">
      <TextField
        name="email"
        label="The email address you referred friends from"
        type="email"
        autoComplete="email"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={LIMITS.email}
      />
    </LeadFormShell>
  );
}
