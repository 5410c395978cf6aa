import type { Db } from "../db";
import { zonedTimeToUtc } from "./time";

/**
 * The demo's sample events, dated relative to the seed time (so they are always upcoming).
 * Idempotent: matched by slug, and an existing event is left as it is.
 */
type SampleEvent = {
  slug: string;
  title: string;
  programSlug: string | null;
  description: string;
  /** Days after the seed day, and the local wall-clock time in the event's zone. */
  inDays: number;
  localTime: string;
  timeZone: string;
  durationMinutes: number;
  onlineUrl?: string;
  placeName?: string;
  placeAddress?: string;
  capacity: number;
};

export const SAMPLE_EVENTS: SampleEvent[] = [
  {
    slug: "info-session-full-stack-development",
    title: "Info session: Full-Stack Web Development",
    programSlug: "full-stack-development",
    description:
      "An hour with an instructor and an admissions adviser: what the Full-Stack Web Development program teaches, what a week looks like, how paying works, and your questions.",
    inDays: 6,
    localTime: "18:00",
    timeZone: "America/New_York",
    durationMinutes: 60,
    onlineUrl: "https://meet.example.com/loomstack-full-stack-info",
    capacity: 40,
  },
  {
    slug: "open-house-austin",
    title: "Open house at the Austin campus",
    programSlug: null,
    description: "Visit the campus, sit in on a project demo, and meet instructors, advisers and graduates of every program. Drinks and snacks provided.",
    inDays: 13,
    localTime: "17:30",
    timeZone: "America/Chicago",
    durationMinutes: 120,
    placeName: "Loomstack Academy, Austin campus",
    placeAddress: "200 Example Street, Suite 4, Austin, TX 78701",
    capacity: 25,
  },
  {
    slug: "info-session-data-analytics",
    title: "Info session: Data Analytics",
    programSlug: "data-analytics",
    description: "Meet the Data Analytics instructors, see a sample lesson in SQL and dashboards, and ask about schedules and start dates.",
    inDays: 20,
    localTime: "12:00",
    timeZone: "Europe/London",
    durationMinutes: 45,
    onlineUrl: "https://meet.example.com/loomstack-data-info",
    capacity: 30,
  },
];

function localDay(now: Date, inDays: number, timeZone: string): string {
  const day = new Date(now.getTime() + inDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(day);
}

export async function seedEvents(db: Db, now = new Date()): Promise<{ events: number }> {
  let created = 0;
  for (const e of SAMPLE_EVENTS) {
    if (await db.event.findUnique({ where: { slug: e.slug }, select: { id: true } })) continue;
    const startsAt = zonedTimeToUtc(`${localDay(now, e.inDays, e.timeZone)}T${e.localTime}`, e.timeZone);
    if (!startsAt) continue;
    await db.event.create({
      data: {
        slug: e.slug,
        title: e.title,
        programSlug: e.programSlug,
        description: e.description,
        startsAt,
        durationMinutes: e.durationMinutes,
        timeZone: e.timeZone,
        onlineUrl: e.onlineUrl ?? null,
        placeName: e.placeName ?? null,
        placeAddress: e.placeAddress ?? null,
        capacity: e.capacity,
        published: true,
      },
    });
    created++;
  }
  return { events: created };
}
