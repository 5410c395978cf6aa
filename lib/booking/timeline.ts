import type { Tx } from "../db/dialect";

/**
 * Every change to a booking is a line on its lead's timeline (LeadActivity, type "booking"),
 * with the staff member who made it or null for the visitor and the system.
 */

/** "Thu 10 Dec 2026, 14:00–14:20 CST": a call's time in one zone, for staff. */
export function describeCall(startsAt: Date, endsAt: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(startsAt);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const zone =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(startsAt).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  return `${day}, ${time.format(startsAt)}–${time.format(endsAt)} ${zone}`;
}

export async function writeBookingActivity(tx: Tx, a: { leadId: string; actorId?: string | null; detail: string; now: Date }): Promise<void> {
  await tx.leadActivity.create({ data: { leadId: a.leadId, actorId: a.actorId ?? null, type: "booking", detail: a.detail, createdAt: a.now } });
}
