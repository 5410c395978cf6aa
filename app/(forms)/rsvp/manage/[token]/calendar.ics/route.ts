import { db } from "@/lib/db";
import { eventIcs } from "@/lib/events/ics";
import { rsvpIdFromToken } from "@/lib/events/tokens";
import { siteUrl } from "@/lib/site-config";

export const dynamic = "force-dynamic";

/** The calendar file of a seat (the link in the RSVP emails). Only a seat held now gets one. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const id = rsvpIdFromToken((await params).token);
  const rsvp = id ? await db().eventRsvp.findUnique({ where: { id }, include: { event: true, contact: { select: { email: true, name: true } } } }) : null;
  if (!rsvp || rsvp.status !== "going" || !rsvp.contact.email) return new Response("No seat is held with this link.", { status: 404 });
  const body = eventIcs(rsvp.event, { email: rsvp.contact.email, name: rsvp.contact.name }, siteUrl());
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=REQUEST",
      "Content-Disposition": `attachment; filename="${rsvp.event.slug}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
