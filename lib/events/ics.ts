import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { siteConfig } from "../site-config";
import { eventPlace, type EventRow } from "./event";

/**
 * The .ics file of a seat at an event (ical-generator). METHOD:REQUEST with the person as
 * attendee, so calendars offer to add it; the UID is the event's own, so a later file for
 * the same event (a new time) updates the entry instead of adding a second one. SEQUENCE
 * follows the event's last edit, as iTIP asks of an update.
 */
export function eventUid(eventId: string): string {
  return `event-${eventId}@loomstack.example`;
}

export function eventIcs(event: EventRow, attendee: { email: string; name: string | null }, siteUrl: string): string {
  const calendar = ical({ prodId: { company: siteConfig.name, product: "events", language: "EN" }, method: ICalCalendarMethod.REQUEST, name: event.title });
  const place = eventPlace(event);
  calendar.createEvent({
    id: eventUid(event.id),
    sequence: Math.floor(event.updatedAt.getTime() / 1000) - Math.floor(event.createdAt.getTime() / 1000),
    stamp: event.updatedAt,
    start: event.startsAt,
    end: new Date(event.startsAt.getTime() + event.durationMinutes * 60_000),
    summary: event.title,
    description: `${event.description}\n\n${siteUrl}/events/${event.slug}`,
    location: place.online ? place.url : [place.name, place.address].filter(Boolean).join(", "),
    url: `${siteUrl}/events/${event.slug}`,
    status: ICalEventStatus.CONFIRMED,
    organizer: { name: siteConfig.name, email: siteConfig.contact.email },
    attendees: [{ email: attendee.email, name: attendee.name ?? undefined, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED, rsvp: false }],
  });
  return calendar.toString();
}
