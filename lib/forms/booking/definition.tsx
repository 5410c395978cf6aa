import type { BookResult } from "../../booking/book";
import { markVisitBooked } from "../../booking/visit";
import { zoneLabel } from "../../booking/zones";
import type { SummaryRow } from "../../email/template-data";
import { FieldError } from "../../leads/errors";
import type { SuccessDetails } from "../../leads/form-state";
import { isPublishedProgram } from "../checks";
import { programName, summaryRows, text } from "../summary";
import type { BookedCall, PostedFormDefinition, SummaryNames, Tx } from "../types";
import { SLOT_NOT_OFFERED_MESSAGE, SLOT_TAKEN_MESSAGE } from "./options";
import { slotWhen } from "./picker";
import { BOOKING_CONSENT, bookingSchema, type BookingInput } from "./schema";

/** "admissions-call" as "Admissions call", for summaries that have only the slug. */
const callTypeWords = (slug: string) => {
  const words = slug.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The time of a chosen slot in the visitor's zone, in words, for summaries. */
function chosenTime(i: { startsAt: string; timeZone: string }, durationMinutes?: number): string {
  const startsAt = new Date(i.startsAt);
  const endsAt = new Date(startsAt.getTime() + (durationMinutes ?? 0) * 60_000);
  const when = durationMinutes
    ? slotWhen(startsAt, endsAt, i.timeZone)
    : new Intl.DateTimeFormat("en-US", { timeZone: i.timeZone, dateStyle: "full", timeStyle: "short" }).format(startsAt);
  return `${when} (${zoneLabel(i.timeZone, startsAt)})`;
}

/** The refusal next to the time when bookSlot could not book it: nothing is saved. */
export function slotRefusal(result: Extract<BookResult, { ok: false }>): FieldError {
  return new FieldError("startsAt", result.reason === "taken" ? SLOT_TAKEN_MESSAGE : SLOT_NOT_OFFERED_MESSAGE);
}

const BOOKED = {
  headline: "Your call is booked",
  steps: [
    "We have emailed you the details with a calendar invite, and a link to reschedule or cancel.",
    "We send you a reminder the day before and one hour before the call.",
  ],
};

/** What the page says once a call is booked. */
export function bookedAnswer(call: BookedCall): SuccessDetails {
  return { headline: BOOKED.headline, nextSteps: [`${call.callTypeName} with ${call.advisorName}: ${call.when}, ${call.zone}.`, ...BOOKED.steps] };
}

/** The booked call as its page says it, from what bookSlot booked. */
export async function bookedCall(tx: Tx, a: { advisorId: string; callTypeName: string; startsAt: Date; endsAt: Date; timeZone: string }): Promise<BookedCall> {
  const advisor = await tx.user.findUnique({ where: { id: a.advisorId }, select: { name: true } });
  return {
    callTypeName: a.callTypeName,
    advisorName: advisor?.name ?? "an advisor",
    when: slotWhen(a.startsAt, a.endsAt, a.timeZone),
    zone: zoneLabel(a.timeZone, a.startsAt),
  };
}

/** The advisor's summary of the booking's form: program names from the catalogue. */
async function advisorSummary(tx: Tx, input: BookingInput): Promise<SummaryRow[]> {
  const program = input.program ? await tx.program.findUnique({ where: { slug: input.program }, select: { name: true } }) : null;
  const names: SummaryNames = program && input.program ? { programs: new Map([[input.program, program.name]]) } : {};
  return bookingForm.summary(input, names);
}

/**
 * A call booked on /book by someone who sent no other form first: a lead of its own. The
 * booking itself (round-robin, the database's claim on the advisor's time, the emails with
 * the invite, the reminders) is lib/booking/book.ts, run in the lead's transaction: a time
 * taken meanwhile refuses the whole submission (nothing saved) with the next free times.
 */
export const bookingForm = {
  type: "booking" as const,
  label: "Booked call",
  consent: BOOKING_CONSENT,
  schema: bookingSchema,
  // The booking's own emails (lib/booking/notify.ts) are the confirmation, with the invite.
  ownEmail: true,
  nextSteps: BOOKED,
  answer: (extras) => (extras.bookedCall ? bookedAnswer(extras.bookedCall) : { headline: BOOKED.headline, nextSteps: BOOKED.steps }),
  summary: (i, names) =>
    summaryRows([
      ["Call", callTypeWords(i.callType)],
      ["Time", chosenTime(i)],
      ["Program", i.program ? programName(names, i.program) : undefined],
      ["Name", text(i.name)],
      ["Email", text(i.email)],
      ["Phone", text(i.phone)],
      ["Note", text(i.note)],
    ]),
  columns: (i) => ({ programSlug: i.program ?? null }),
  async check(db, i) {
    if (i.program && !(await isPublishedProgram(db, i.program)))
      throw new FieldError("startsAt", "This program is not open for calls. Start again from the booking page.");
    return {};
  },
  async afterSave({ tx, deps, contact, leadId, input, now, ctx }) {
    const callType = await tx.callType.findUnique({ where: { slug: input.callType }, select: { id: true, name: true, active: true } });
    if (!callType?.active) throw new FieldError("startsAt", "This kind of call cannot be booked any more. Start again from the booking page.");
    // Loaded here, not at the top: lib/booking/book.ts reaches the registry (the agenda reads
    // every form's summary), and the registry loads this module.
    const { bookSlot } = await import("../../booking/book");
    const result = await bookSlot(tx, {
      callTypeId: callType.id,
      startsAt: new Date(input.startsAt),
      programSlug: input.program ?? null,
      leadId,
      contactId: contact.id,
      visitorTimeZone: input.timeZone,
      visitor: { name: input.name, email: input.email, phone: input.phone ?? null },
      summary: await advisorSummary(tx, input),
      siteUrl: deps.siteUrl,
      now,
    });
    // Thrown inside the lead's transaction: the lead, its contact and everything else roll back.
    if (!result.ok) throw slotRefusal(result);
    await markVisitBooked(tx, ctx?.firstTouch?.visitorId, leadId, now);
    return {
      bookedCall: await bookedCall(tx, {
        advisorId: result.advisorId,
        callTypeName: callType.name,
        startsAt: result.startsAt,
        endsAt: result.endsAt,
        timeZone: input.timeZone,
      }),
    };
  },
  email: {
    template: "booking-confirmation" as const,
    subject: () => "Your call is booked",
    preview: () => "The details of your call, with a calendar invite.",
    title: "Your call is booked",
    intro: "Thank you for booking a call with us.",
    summaryTitle: "Your booking",
  },
  example: {
    input: {
      callType: "admissions-call",
      startsAt: "2026-12-10T20:00:00.000Z",
      timeZone: "America/Los_Angeles",
      program: "machine-learning-engineering",
      name: "Omar Haddad",
      email: "omar.haddad@example.com",
      phone: "+12025550143",
      note: "I would like to hear about the evening schedule.",
      consent: true,
    },
    names: { programs: new Map([["machine-learning-engineering", "Machine Learning Engineering"]]) },
  },
} satisfies PostedFormDefinition<BookingInput>;
