import type { FormState } from "../../leads/form-state";

/** What the form component shows before its schema loads (./schema.ts): zod-free. */
/** Which consent text the form shows and the lead stores. */
export const BOOKING_CONSENT = "contact" as const;

/** A slot's start as the picker's links and the form's hidden field carry it: an ISO instant in UTC. */
export const SLOT_START_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** Such an instant, and a real one: "2026-02-30T…" is refused, not read as March 2. */
export function isSlotStart(v: string): boolean {
  if (!SLOT_START_PATTERN.test(v)) return false;
  const ms = Date.parse(v);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === v.slice(0, 19);
}

/** The refusal next to the time when it cannot be booked; the next free times follow it. */
export const SLOT_TAKEN_MESSAGE = "That time was just taken. The next free times are below.";
export const SLOT_NOT_OFFERED_MESSAGE = "That time cannot be booked any more. The next free times are below.";
export const CHOOSE_TIME_MESSAGE = "Choose a time from the list.";

/** A free time offered instead of one that cannot be booked: its start, its label in the visitor's zone, its confirm step. */
export type SlotChoice = { startsAt: string; label: string; href: string };

/** The booking form's state: a form's, plus the next free times when the chosen one was refused. */
export type BookingFormState = FormState & { nextSlots?: SlotChoice[] };
