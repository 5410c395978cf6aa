import { siteConfig } from "../../site-config";
import type { ConfirmationEmailData, RenderContext } from "../../email/template-data";
import { queueEmail } from "../../email/outbox";
import { rsvpFrom, RsvpBlock } from "../../events/email-parts";
import type { EventRow } from "../../events/event";
import { takeSeatOrWaitlist } from "../../events/seats";
import { FieldError } from "../../leads/errors";
import { summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { EVENT_CONSENT, eventSchema, type EventInput } from "./schema";

function RsvpExtra({ data }: { data: ConfirmationEmailData; ctx: RenderContext }) {
  const rsvp = rsvpFrom(data.rsvp);
  return rsvp ? <RsvpBlock rsvp={rsvp} /> : null;
}

const SEAT_STEPS = [
  "We have emailed you the details, a calendar file and a link to cancel if your plans change.",
  "We send a reminder the day before and one hour before the start.",
];
/** The emails' own steps: the calendar file and the cancel link are below them. */
const SEAT_EMAIL_STEPS = [
  "Add the event to your calendar with the file below.",
  "We send a reminder the day before and one hour before the start.",
  "If you cannot come, cancel with the link below so the next person on the waitlist gets your seat.",
];
const WAITLIST_EMAIL_STEPS = [
  "If a seat frees up, it goes to the next person on the waitlist, and we email them at once.",
  "If you no longer want a seat, leave the waitlist with the link below.",
];
const WAITLIST_STEPS = [
  "If a seat frees up, it goes to the next person on the waitlist, and we email them at once.",
  "We have emailed you the details and a link to leave the waitlist.",
];

/** An RSVP to an info session or open house (/rsvp/<event>): a seat, or the waitlist once full. */
export const eventForm = {
  type: "event" as const,
  label: "Event RSVP",
  consent: EVENT_CONSENT,
  schema: eventSchema,
  nextSteps: {
    headline: "Thanks for your RSVP",
    receipt: "We have emailed you whether you have a seat or a place on the waitlist.",
    steps: ["A seat comes with reminders the day before and one hour before.", "Every email about it has a link to cancel."],
  },
  // What anyone sending the form at that moment would be told: whether a seat was free.
  answer: (extras) =>
    extras.rsvp?.seatWasFree === false
      ? {
          headline: "This event is full: you are on the waitlist",
          nextSteps: ["Unless you already hold a seat, you are on the waitlist and do not have a seat yet.", ...WAITLIST_STEPS],
        }
      : { headline: "Your seat is reserved", nextSteps: SEAT_STEPS },
  summary: (i) =>
    summaryRows([
      ["Name", text(i.name)],
      ["Email", text(i.email)],
    ]),
  async check(db, i, now) {
    const event = await db.event.findUnique({ where: { slug: i.eventSlug }, select: { published: true, startsAt: true } });
    if (!event || !event.published) throw new FieldError("eventSlug", "This event is not open for RSVPs. Choose one from the events page.");
    if (event.startsAt <= now) throw new FieldError("eventSlug", "This event has already started, so RSVPs are closed.");
    return {};
  },
  async afterSave({ tx, deps, contact, leadId, input, now, revision }) {
    const event: EventRow = await tx.event.findUniqueOrThrow({ where: { slug: input.eventSlug } });
    const outcome = await takeSeatOrWaitlist(tx, { event, contact, leadId, siteUrl: deps.siteUrl, now });
    const rsvp = { ...outcome.details, seatWasFree: outcome.seatWasFree };
    // A revision (the same person inside the update window, say for a second event) gets no
    // lead confirmation from the pipeline, so a new place is confirmed here, once.
    if (revision && outcome.changed && contact.email) {
      const data: ConfirmationEmailData = { leadId, formType: "event", name: contact.name, summary: eventForm.summary(input), rsvp };
      await queueEmail(tx, {
        to: contact.email,
        template: "event-confirmation",
        data,
        category: "transactional",
        idempotencyKey: `rsvp:${outcome.rsvpId}:${outcome.round}:confirmation`,
        leadId,
        contactId: contact.id,
      });
    }
    return { rsvp };
  },
  email: {
    template: "event-confirmation" as const,
    subject: (d) => {
      const rsvp = rsvpFrom(d.rsvp);
      if (!rsvp) return `Your RSVP to ${siteConfig.name}`;
      return rsvp.status === "going" ? `Your seat: ${rsvp.eventTitle}` : `You are on the waitlist: ${rsvp.eventTitle}`;
    },
    preview: (d) => {
      const rsvp = rsvpFrom(d.rsvp);
      return rsvp?.status === "going" ? `You have a seat. ${rsvp.when}.` : "The event is full: you are on the waitlist, and we email you if a seat frees up.";
    },
    title: "Your RSVP",
    intro: "Thank you for your RSVP.",
    summaryTitle: "What you sent us",
    steps: (d) => (rsvpFrom(d.rsvp)?.status === "going" ? SEAT_EMAIL_STEPS : WAITLIST_EMAIL_STEPS),
    Extra: RsvpExtra,
  },
  example: {
    input: { eventSlug: "info-session-web-development", name: "Ada Park", email: "ada.park@example.com", consent: true },
    extras: {
      rsvp: {
        status: "going",
        eventTitle: "Info session: Full-stack web development",
        when: "Thursday, December 10, 2026, 6:00 PM to 7:00 PM Eastern Standard Time (New York time)",
        where: "Online (the joining link comes with your seat)",
        onlineUrl: "https://meet.example.com/loomstack-info",
        eventUrl: "http://localhost:3000/events/info-session-web-development",
        manageUrl: "http://localhost:3000/rsvp/manage/cm9x2k7q40001abcd1234efgh.abcdefghijklmnopqrstuvwxyz012345",
        calendarUrl: "http://localhost:3000/rsvp/manage/cm9x2k7q40001abcd1234efgh.abcdefghijklmnopqrstuvwxyz012345/calendar.ics",
      },
    },
  },
} satisfies PostedFormDefinition<EventInput>;
