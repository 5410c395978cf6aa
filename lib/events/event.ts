/** An event as the domain code reads it (the Event row). */
export type EventRow = {
  id: string;
  slug: string;
  title: string;
  programSlug: string | null;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  onlineUrl: string | null;
  placeName: string | null;
  placeAddress: string | null;
  capacity: number;
  seatsTaken: number;
  published: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type EventPlace = { online: true; url: string } | { online: false; name: string; address: string | null };

/** Online (a meeting link) or in person (a place): an event has one or the other. */
export function eventPlace(e: Pick<EventRow, "onlineUrl" | "placeName" | "placeAddress">): EventPlace {
  if (e.onlineUrl) return { online: true, url: e.onlineUrl };
  return { online: false, name: e.placeName ?? "To be announced", address: e.placeAddress };
}

/** "Online (the link comes with your confirmation)" or "Loomstack campus, 12 Mill St": for pages and emails. */
export function placeText(e: Pick<EventRow, "onlineUrl" | "placeName" | "placeAddress">): string {
  const p = eventPlace(e);
  return p.online ? "Online (the joining link comes with your seat)" : [p.name, p.address].filter(Boolean).join(", ");
}

export function seatsLeft(e: Pick<EventRow, "capacity" | "seatsTaken">): number {
  return Math.max(0, e.capacity - e.seatsTaken);
}

export const EVENT_PATH = (slug: string) => `/events/${slug}`;
export const RSVP_PATH = (slug: string) => `/rsvp/${slug}`;
