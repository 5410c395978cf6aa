"use client";

import { useWatch } from "react-hook-form";
import { LIMITS } from "../field-options";
import { CONTACT_BY_LABELS, CONTACT_METHODS, QUOTE_CONSENT } from "./options";
import {
  CallTimeField,
  CheckboxGroupField,
  ConsentField,
  FormSection,
  PhoneField,
  PlatformField,
  RadioGroupField,
  TextAreaField,
  TextField,
  type Option,
  NameAndEmailFields,
} from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";
import { TimeZoneField, type TimeZoneChoices } from "../ui/time-zone-field";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.quoteSchema);

const LABELS = {
  audience: "Who it is for",
  company: "Company",
  seats: "Seats",
  name: "Full name",
  email: "Email",
  courses: "Courses",
  platform: "Device",
  message: "Message",
  contactBy: "How to reach you",
  phone: "Phone",
  bestTime: "Best time to call",
  timeZone: "Time zone",
  consent: "Consent",
};

const AUDIENCE_OPTIONS: Option[] = [
  { value: "individual", label: "Just me", description: "A price for one person, with the payment options." },
  { value: "team", label: "My team or company", description: "Group pricing for 2 seats or more." },
];

const CONTACT_DESCRIPTIONS: Record<(typeof CONTACT_METHODS)[number], string> = {
  email: "We email you the quote.",
  call: "We email you the quote, then call to go through it.",
};
const CONTACT_OPTIONS: Option[] = CONTACT_METHODS.map((value) => ({ value, label: CONTACT_BY_LABELS[value], description: CONTACT_DESCRIPTIONS[value] }));

type Props = LeadFormProps & TimeZoneChoices & { courses: Option[] };

export function QuoteForm({ courses, timeZones, defaultTimeZone, ...props }: Props) {
  const form = useLeadForm(props, { formId: "quote", schema: loadSchema, base: { courses: [], timeZone: defaultTimeZone }, labels: LABELS });
  const audience = useWatch({ control: form.methods.control, name: "audience" }) as string | undefined;
  // Without JavaScript the team fields are always there, marked "teams only"; with it, they
  // appear once "My team or company" is chosen.
  const teamFields = !form.enhanced || audience === "team";
  // The same for the call details: shown once a call is asked for, or always without JavaScript.
  const contactBy = useWatch({ control: form.methods.control, name: "contactBy" }) as string | undefined;
  const callFields = !form.enhanced || contactBy === "call";
  const forCallOnly = form.enhanced ? "" : " (only for a call)";

  return (
    <LeadFormShell form={form} title="Quote request" submitLabel="Get my quote" resetLabel="Request another quote">
      <div className="space-y-5">
        <RadioGroupField name="audience" legend="Who is the training for?" size="large" options={AUDIENCE_OPTIONS} columns={2} />
        {teamFields && (
          <div className="grid gap-5 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <TextField name="company" label={form.enhanced ? "Company" : "Company (teams only)"} autoComplete="organization" maxLength={LIMITS.company} />
            <TextField
              name="seats"
              label={form.enhanced ? "Number of seats" : "Number of seats (teams only)"}
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              hint={`2 to ${LIMITS.seats}.`}
            />
          </div>
        )}
      </div>

      <FormSection title="About you">
        <NameAndEmailFields />
      </FormSection>

      <FormSection title="The training">
        <CheckboxGroupField name="courses" legend="Which courses?" hint="Choose all that interest you." options={courses} />
        <PlatformField label="Which device will you learn on?" />
        <TextAreaField
          name="message"
          label="Anything else we should know?"
          optional
          maxLength={LIMITS.message}
          hint="Start dates you have in mind, budget rules, questions."
        />
      </FormSection>

      <FormSection title="How we get back to you">
        <RadioGroupField name="contactBy" legend="How should we reach you?" options={CONTACT_OPTIONS} columns={2} />
        {callFields && (
          <>
            <PhoneField label={`Phone number${forCallOnly}`} example="+44 7700 900123" />
            <CallTimeField legend={`Best time to call you about the quote${forCallOnly}`} />
            <TimeZoneField label={`Your time zone${forCallOnly}`} zones={timeZones} serverDefault={defaultTimeZone} />
          </>
        )}
      </FormSection>

      <ConsentField consent={QUOTE_CONSENT} />
    </LeadFormShell>
  );
}
