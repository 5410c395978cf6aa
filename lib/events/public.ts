import type { Db } from "../db";
import { absoluteUrl, siteConfig } from "../site-config";
import { EVENT_PATH, eventPlace, seatsLeft, type EventRow } from "./event";
import { describeEventTime, isoWithOffset, shortEventTime } from "./time";

/** An event as the public pages show it: plain JSON (Pages Router props), times already in words. */
export type EventView = {
  slug: string;
  title: string;
  description: string;
  programSlug: string | null;
  when: string;
  shortWhen: string;
  startIso: string;
  endIso: string;
  online: boolean;
  placeName: string | null;
  placeAddress: string | null;
  capacity: number;
  seatsLeft: number;
  /** Whether it had started when read (RSVPs close then). */
  started: boolean;
  updatedAt: string;
};

export function eventView(e: EventRow, now = new Date()): EventView {
  const place = eventPlace(e);
  const end = new Date(e.startsAt.getTime() + e.durationMinutes * 60_000);
  return {
    slug: e.slug,
    title: e.title,
    description: e.description,
    programSlug: e.programSlug,
    when: describeEventTime(e.startsAt, e.durationMinutes, e.timeZone),
    shortWhen: shortEventTime(e.startsAt, e.timeZone),
    startIso: isoWithOffset(e.startsAt, e.timeZone),
    endIso: isoWithOffset(end, e.timeZone),
    online: place.online,
    placeName: place.online ? null : place.name,
    placeAddress: place.online ? null : place.address,
    capacity: e.capacity,
    seatsLeft: seatsLeft(e),
    started: e.startsAt.getTime() <= now.getTime(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Published events that have not started, soonest first. */
export async function listUpcomingEvents(db: Db, now = new Date()): Promise<EventView[]> {
  const rows = await db.event.findMany({ where: { published: true, startsAt: { gt: now } }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] });
  return rows.map((r) => eventView(r, now));
}

/** A published event's page (also after it took place, so links keep working). */
export async function getPublicEvent(db: Db, slug: string, now = new Date()): Promise<EventView | null> {
  const row = await db.event.findFirst({ where: { slug, published: true } });
  return row ? eventView(row, now) : null;
}

/** schema.org Event: attendance mode, status, the place or the virtual location, a free offer. */
export function eventJsonLd(e: EventView, now = new Date()) {
  const url = absoluteUrl(EVENT_PATH(e.slug));
  const location = e.online
    ? { "@type": "VirtualLocation", url }
    : { "@type": "Place", name: e.placeName, ...(e.placeAddress ? { address: { "@type": "PostalAddress", streetAddress: e.placeAddress } } : {}) };
  return {
    "@type": "Event",
    name: e.title,
    description: e.description,
    url,
    startDate: e.startIso,
    endDate: e.endIso,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: e.online ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
    location,
    image: [absoluteUrl(`/og${EVENT_PATH(e.slug)}`)],
    organizer: { "@type": "Organization", name: siteConfig.name, url: absoluteUrl("/") },
    offers: {
      "@type": "Offer",
      price: 0,
      priceCurrency: "USD",
      url: absoluteUrl(`/rsvp/${e.slug}`),
      availability: e.seatsLeft > 0 ? "https://schema.org/InStock" : "https://schema.org/SoldOut",
      validFrom: now.toISOString().slice(0, 10),
    },
  };
}
