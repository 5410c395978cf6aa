"use client";

import { LIMITS } from "../field-options";
import { CALLBACK_CONSENT } from "./options";
import { CallTimeField, ConsentField, FormSection, PhoneField, PlatformField, SelectField, TextField, type Option } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";
import { TimeZoneField, type TimeZoneChoices } from "../ui/time-zone-field";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.callbackSchema);

const LABELS = {
  name: "Full name",
  phone: "Phone",
  course: "Course",
  platform: "Device",
  bestTime: "Best time to call",
  timeZone: "Time zone",
  consent: "Consent",
};

/** `courses`: the programs, plus "Not sure yet". */
type Props = LeadFormProps & TimeZoneChoices & { courses: Option[] };

export function CallbackForm({ courses, timeZones, defaultTimeZone, ...props }: Props) {
  const form = useLeadForm(props, { formId: "callback", schema: loadSchema, base: { timeZone: defaultTimeZone }, labels: LABELS });
  return (
    <LeadFormShell form={form} title="Call-back request" submitLabel="Request a call" resetLabel="Request another call">
      <FormSection title="How to reach you">
        <TextField name="name" label="Full name" autoComplete="name" maxLength={LIMITS.name} />
        <PhoneField label="Phone number" />
        <CallTimeField legend="Best time to call" />
        <TimeZoneField zones={timeZones} serverDefault={defaultTimeZone} />
      </FormSection>
      <FormSection title="What you would like to talk about">
        <SelectField name="course" label="Which course are you interested in?" placeholder="Choose a course" options={courses} />
        <PlatformField label="Which device would you learn on?" />
      </FormSection>
      <ConsentField consent={CALLBACK_CONSENT} />
    </LeadFormShell>
  );
}
