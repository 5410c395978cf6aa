"use client";

import { SYLLABUS_CONSENT } from "./options";
import { ConsentField, EmailField, SelectField, type Option } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.syllabusSchema);

const LABELS = { program: "Program", email: "Email", consent: "Consent" };

/** `programs`: the published programs, one of which the page may preselect. */
type Props = LeadFormProps & { programs: Option[] };

export function SyllabusForm({ programs, ...props }: Props) {
  const form = useLeadForm(props, { formId: "syllabus", schema: loadSchema, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Syllabus request" submitLabel="Email me the syllabus" resetLabel="Request another syllabus">
      <SelectField name="program" label="Which program?" placeholder="Choose a program" options={programs} />
      <EmailField name="email" label="Email" hint="We email the download link here. It works for 7 days." />
      <ConsentField consent={SYLLABUS_CONSENT} />
    </LeadFormShell>
  );
}
