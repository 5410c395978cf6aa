"use client";

import { EVENT_CONSENT } from "./options";
import { ConsentField, NameAndEmailFields } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.eventSchema);

const LABELS = { name: "Full name", email: "Email", consent: "Consent" };

/** The RSVP form of one event: the event travels as a hidden field. */
export function EventRsvpForm({ eventSlug, full, ...props }: LeadFormProps & { eventSlug: string; full: boolean }) {
  const form = useLeadForm(props, { formId: "event", schema: loadSchema, base: { eventSlug }, labels: LABELS });
  return (
    <LeadFormShell form={form} title="RSVP" submitLabel={full ? "Join the waitlist" : "Reserve my seat"} resetLabel="RSVP for someone else">
      <input type="hidden" name="eventSlug" value={eventSlug} />
      <NameAndEmailFields />
      <ConsentField consent={EVENT_CONSENT} />
    </LeadFormShell>
  );
}
