"use client";

import { CALL_TIME_LABELS, CALL_TIMES, DEVICE_PLATFORMS, LIMITS, PLATFORM_LABELS } from "../fields";
import { CALLBACK_CONSENT, callbackSchema } from "./schema";
import { ConsentField, FormSection, RadioGroupField, SelectField, TextField, withRange, type Option } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";
import { TimeZoneField } from "../ui/time-zone-field";

const LABELS = {
  name: "Full name",
  phone: "Phone",
  course: "Course",
  platform: "Device",
  bestTime: "Best time to call",
  timeZone: "Time zone",
  consent: "Consent",
};

type Props = LeadFormProps & {
  /** The programs, plus "Not sure yet". */
  courses: Option[];
  timeZones: Option[];
  defaultTimeZone: string;
};

export function CallbackForm({ action, initialState, courses, timeZones, defaultTimeZone, attribution, path, permalink }: Props) {
  const form = useLeadForm({
    formId: "callback",
    schema: callbackSchema,
    action,
    initialState,
    permalink,
    base: { timeZone: defaultTimeZone },
    labels: LABELS,
  });
  return (
    <LeadFormShell form={form} title="Call-back request" submitLabel="Request a call" attribution={attribution} resetHref={path} resetLabel="Request another call">
      <FormSection title="How to reach you">
        <TextField name="name" label="Full name" autoComplete="name" maxLength={LIMITS.name} />
        <TextField
          name="phone"
          label="Phone number"
          type="tel"
          autoComplete="tel"
          maxLength={32}
          hint="With the country code if you are outside the US, like +44 20 7946 0958."
        />
        <RadioGroupField
          name="bestTime"
          legend="Best time to call"
          options={CALL_TIMES.map((value) => withRange(CALL_TIME_LABELS[value], value))}
          columns={3}
        />
        <TimeZoneField options={timeZones} serverDefault={defaultTimeZone} />
      </FormSection>
      <FormSection title="What you would like to talk about">
        <SelectField name="course" label="Which course are you interested in?" placeholder="Choose a course" options={courses} />
        <SelectField
          name="platform"
          label="Which device would you learn on?"
          placeholder="Choose a device"
          options={DEVICE_PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] }))}
        />
      </FormSection>
      <ConsentField consent={CALLBACK_CONSENT} />
    </LeadFormShell>
  );
}
