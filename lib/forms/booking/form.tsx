"use client";

import { useState, type MouseEvent } from "react";
import { LIMITS } from "../field-options";
import { BOOKING_CONSENT, type BookingFormState, type SlotChoice } from "./options";
import { ConsentField, EmailField, FieldError, FormSection, NameAndEmailFields, PhoneField, TextAreaField } from "../ui/fields";
import { fieldId } from "../ui/form-values";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schemas load once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.bookingSchema);
const loadAttachedSchema = () => import("./schema").then((m) => m.attachedBookingSchema);

const LABELS = { startsAt: "Time", name: "Full name", email: "Email", phone: "Phone", note: "Note", consent: "Consent" };

/** The time chosen in the picker (/book), in the visitor's zone. */
export type ChosenSlot = {
  callType: string;
  startsAt: string;
  timeZone: string;
  program?: string;
  /** "Thursday, December 10, 2026, 12:00 PM to 12:20 PM" */
  when: string;
  /** "Pacific Time (Los Angeles), UTC−08:00" */
  zoneText: string;
  /** Back to the free times of that day. */
  changeHref: string;
  /** False when the time was no longer free as the page was shown. */
  free: boolean;
  /** The next free times, when it was not. */
  alternatives: SlotChoice[];
};

type Props = LeadFormProps & {
  slot: ChosenSlot;
  /** A booking for the lead a form just made ("Book your call now"): its signed reference, and whether it lacks an email. */
  attached?: { ref: string; needsEmail: boolean };
};

const linkClass = "font-semibold text-brand underline underline-offset-2 hover:text-brand-strong";

/**
 * The confirm step of /book: the chosen time, then the person's details (or, for a booking
 * attached to a form just sent, only the time). A time taken before the post is refused next
 * to it with the next free times; with JavaScript, choosing one of them switches the time in
 * place and keeps what was typed.
 */
export function BookingForm({ slot, attached, ...props }: Props) {
  const base = {
    callType: slot.callType,
    startsAt: slot.startsAt,
    timeZone: slot.timeZone,
    program: slot.program ?? "",
    ...(attached ? { for: attached.ref } : {}),
  };
  const form = useLeadForm(props, { formId: "booking", schema: attached ? loadAttachedSchema : loadSchema, base, labels: LABELS });
  const state = form.state as BookingFormState;
  const [picked, setPicked] = useState<{ startsAt: string; when: string } | null>(null);
  const startsAt = picked?.startsAt ?? slot.startsAt;
  const error = form.errorFor("startsAt");
  // After a refused post, the server's next free times; before one, the page's (the time was gone as it loaded).
  const offered = error ? (state.nextSlots ?? []) : picked || slot.free ? [] : slot.alternatives;

  function pick(event: MouseEvent<HTMLAnchorElement>, choice: SlotChoice) {
    event.preventDefault();
    setPicked({ startsAt: choice.startsAt, when: choice.label });
    form.methods.setValue("startsAt", choice.startsAt);
    form.methods.clearErrors("startsAt");
    window.history.replaceState(null, "", choice.href);
    document.getElementById(fieldId(form.formId, "startsAt"))?.focus();
  }

  return (
    <LeadFormShell form={form} title="Confirm your call" submitLabel="Book this call" resetHref="/book" resetLabel="Book another call">
      <input type="hidden" name="callType" value={slot.callType} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <input type="hidden" name="timeZone" value={slot.timeZone} />
      {slot.program && <input type="hidden" name="program" value={slot.program} />}
      {attached && <input type="hidden" name="for" value={attached.ref} />}
      <FormSection title="Your call">
        <div>
          <p id={fieldId(form.formId, "startsAt")} tabIndex={-1} className="text-lg font-semibold leading-7 outline-none">
            {picked?.when ?? slot.when}
          </p>
          <p className="mt-1 text-sm leading-6 text-ink/80">Your time zone: {slot.zoneText}</p>
          <FieldError id={`${fieldId(form.formId, "startsAt")}-error`} message={error} />
          {!error && !picked && !slot.free && (
            <p className="mt-1.5 font-semibold leading-6 text-red-700">That time is no longer free. The next free times are below.</p>
          )}
          {offered.length > 0 && (
            <ul aria-label="Next free times" className="mt-3 flex flex-wrap gap-2">
              {offered.map((choice) => (
                <li key={choice.startsAt}>
                  <a
                    href={choice.href}
                    onClick={(e) => pick(e, choice)}
                    className="inline-flex min-h-11 items-center rounded-lg border border-brand/40 bg-white px-3.5 font-semibold text-brand hover:border-brand hover:bg-brand-soft/60"
                  >
                    {choice.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3">
            <a href={slot.changeHref} className={linkClass}>
              Choose another time
            </a>
          </p>
        </div>
      </FormSection>
      {attached ? (
        attached.needsEmail && (
          <FormSection title="Where to send the invite">
            <EmailField name="email" label="Email" hint="We email you the calendar invite and a link to reschedule or cancel." />
          </FormSection>
        )
      ) : (
        <>
          <FormSection title="About you">
            <NameAndEmailFields />
            <PhoneField label="Phone number" optional />
            <TextAreaField name="note" label="Anything you would like to talk about?" optional rows={3} maxLength={LIMITS.note} />
          </FormSection>
          <ConsentField consent={BOOKING_CONSENT} />
        </>
      )}
    </LeadFormShell>
  );
}
