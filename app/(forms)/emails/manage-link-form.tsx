"use client";

import { EmailField } from "@/lib/forms/ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "@/lib/forms/ui/lead-form";

const LABELS = { email: "Email" };

/** The schema loads once the person starts on the form (lib/forms/ui/lead-form.tsx). */
const loadSchema = () => import("@/lib/newsletter/manage-schema").then((m) => m.manageLinkSchema);

/** "Manage my emails": one field, answered the same for any address. */
export function ManageLinkForm({ action, initialState, path, permalink }: LeadFormProps) {
  // No attribution fields: asking for one's settings is not a lead.
  const form = useLeadForm({ action, initialState, path, permalink }, { formId: "manage-link", schema: loadSchema, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Get a link to your email settings" submitLabel="Email me a link" resetLabel="Use another address">
      <EmailField name="email" label="The email address our emails go to" />
    </LeadFormShell>
  );
}
