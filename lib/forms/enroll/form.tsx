"use client";

import { useEffect } from "react";
import { useWatch } from "react-hook-form";
import { LIMITS } from "../field-options";
import { ENROLL_CONSENT, EXPERIENCE_LABELS, EXPERIENCE_LEVELS, PAYMENT_LABELS, PAYMENT_OPTIONS } from "./options";
import { ConsentField, FormSection, PhoneField, RadioGroupField, SelectField, TextAreaField, NameAndEmailFields } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";
import type { Option } from "../ui/fields";
import { CodeField } from "./code-field";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.enrollSchema);

/** A program with its upcoming cohorts as ready-made options (the page builds them). */
export type ProgramChoice = { slug: string; name: string; cohorts: Option[] };

const LABELS = {
  program: "Program",
  cohort: "Start date",
  paymentOption: "Payment",
  name: "Full name",
  email: "Email",
  phone: "Phone",
  experience: "Experience",
  goals: "Goals",
  code: "Discount or referral code",
  consent: "Consent",
};

type Props = LeadFormProps & {
  programs: ProgramChoice[];
};

export function EnrollForm({ programs, ...props }: Props) {
  const form = useLeadForm(props, { formId: "enroll", schema: loadSchema, labels: LABELS });
  const { methods, enhanced } = form;
  const program = useWatch({ control: methods.control, name: "program" }) as string | undefined;
  const chosen = programs.find((p) => p.slug === program);

  // With JavaScript the start dates follow the chosen program; a date from another program
  // is cleared. (Without it, every program's dates are listed and the server checks the pair.)
  useEffect(() => {
    if (!enhanced) return;
    const cohort = methods.getValues("cohort");
    methods.setValue("cohort", chosen?.cohorts.some((c) => c.value === cohort) ? cohort : "");
  }, [enhanced, chosen, methods]);

  const noDates = enhanced && chosen && chosen.cohorts.length === 0;

  return (
    <LeadFormShell form={form} title="Application" submitLabel="Send my application" resetLabel="Start another application">
      <FormSection title="Your course">
        <SelectField
          name="program"
          label="Program"
          placeholder="Choose a program"
          options={programs.map((p) => ({ value: p.slug, label: p.name }))}
          hint={
            <>
              Not sure yet?{" "}
              <a href="/programs" className="font-medium text-brand underline underline-offset-2">
                Compare the programs
              </a>
              .
            </>
          }
        />
        {enhanced ? (
          <SelectField
            name="cohort"
            label="Start date"
            placeholder={!chosen ? "Choose a program first" : noDates ? "No start dates open yet" : "Choose a start date"}
            options={chosen?.cohorts ?? []}
            hint={
              noDates ? (
                <>
                  No dates are open for this program right now.{" "}
                  <a href="/newsletter" className="font-medium text-brand underline underline-offset-2">
                    Join the newsletter
                  </a>{" "}
                  to hear when the next cohort opens.
                </>
              ) : (
                "The dates listed are for the program you chose."
              )
            }
          />
        ) : (
          <SelectField
            name="cohort"
            label="Start date"
            placeholder="Choose a start date"
            hint="Pick a date listed under the program you chose."
            groups={programs.filter((p) => p.cohorts.length > 0).map((p) => ({ label: p.name, options: p.cohorts }))}
          />
        )}
        <SelectField
          name="paymentOption"
          label="How would you like to pay?"
          placeholder="Choose a payment option"
          hint="You can change this until your cohort starts."
          options={PAYMENT_OPTIONS.map((value) => ({ value, label: PAYMENT_LABELS[value] }))}
        />
        <CodeField />
      </FormSection>

      <FormSection title="About you">
        <NameAndEmailFields />
        <PhoneField label="Phone" optional />
        <RadioGroupField
          name="experience"
          legend="How much programming have you done?"
          options={EXPERIENCE_LEVELS.map((value) => ({ value, label: EXPERIENCE_LABELS[value] }))}
          columns={2}
        />
        <TextAreaField
          name="goals"
          label="What would you like this course to help you do?"
          optional
          maxLength={LIMITS.message}
          hint="A new job, a promotion, a project of your own: a sentence or two helps us advise you."
        />
      </FormSection>

      <ConsentField consent={ENROLL_CONSENT} />
    </LeadFormShell>
  );
}
