import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { eventAttendees, eventFormValues } from "@/lib/console/events";
import { db } from "@/lib/db";
import { describeEventTime } from "@/lib/events/time";
import { markAttendedAction } from "../actions";
import { EventEditor } from "../editor";

export const metadata: Metadata = { title: "Event" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; attendance?: string }> };

const SAVED = { created: "Event created.", saved: "Event saved." } as const;

export default async function EventPage({ params, searchParams }: Props) {
  const { id } = await params;
  const q = await searchParams;
  await requireStaffPage("leads:read", `/console/events/${id}`);
  const event = await db().event.findUnique({ where: { id: id.slice(0, 64) } });
  if (!event) notFound();
  const [people, programs] = await Promise.all([
    eventAttendees(db(), event.id),
    db().program.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, name: true } }),
  ]);
  const saved = q.saved === "created" || q.saved === "saved" ? SAVED[q.saved] : null;
  const lists = [
    { key: "going", title: `Going (${people.going.length} of ${event.capacity})`, rows: people.going },
    { key: "waitlist", title: `Waitlist (${people.waitlisted.length})`, rows: people.waitlisted },
    { key: "cancelled", title: `Cancelled (${people.cancelled.length})`, rows: people.cancelled },
  ];
  return (
    <>
      <p>
        <a href="/console/events" className="text-sm underline">
          ← Events
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{event.title}</h1>
      <p className="mt-1 text-ink/80">
        {describeEventTime(event.startsAt, event.durationMinutes, event.timeZone)} ·{" "}
        <a href={`/events/${event.slug}`} className="underline">
          /events/{event.slug}
        </a>
      </p>
      {saved ? (
        <p role="status" className="mt-4 rounded-lg bg-brand-soft px-4 py-3">
          {saved}
        </p>
      ) : null}

      <section id="attendees" aria-labelledby="attendees-heading" className="mt-8">
        <h2 id="attendees-heading" className="text-xl font-semibold">
          Attendees
        </h2>
        {q.attendance === "saved" ? (
          <p role="status" className="mt-2">
            Attendance saved.
          </p>
        ) : q.attendance ? (
          <p role="alert" className="mt-2 text-red-800">
            Attendance was not changed.
          </p>
        ) : null}
        {lists.map((list) => (
          <div key={list.key} className="mt-6">
            <h3 className="font-semibold">{list.title}</h3>
            {list.rows.length === 0 ? (
              <p className="mt-1 text-sm text-ink/70">Nobody.</p>
            ) : (
              <ul className="mt-2 divide-y divide-ink/10 rounded-lg bg-white">
                {list.rows.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-4 px-4 py-2">
                    <a href={`/console/people/${r.contact.id}`} className="font-semibold underline">
                      {r.contact.name ?? r.contact.email ?? "Unnamed"}
                    </a>
                    <span className="text-sm text-ink/70">{r.contact.email}</span>
                    {r.leadId ? (
                      <a href={`/console/leads/${r.leadId}`} className="text-sm underline">
                        Lead
                      </a>
                    ) : null}
                    {list.key === "going" ? (
                      <form action={markAttendedAction} className="ml-auto flex items-center gap-3">
                        <input type="hidden" name="eventId" value={event.id} />
                        <input type="hidden" name="rsvpId" value={r.id} />
                        <input type="hidden" name="attended" value={r.attendedAt ? "no" : "yes"} />
                        <span className="text-sm">{r.attendedAt ? "Attended" : "Not marked"}</span>
                        <button type="submit" className="rounded-full px-3 py-1 text-sm font-semibold ring-1 ring-ink/30 hover:bg-ink/5">
                          {r.attendedAt ? `Unmark ${r.contact.name ?? "attendee"}` : `Mark ${r.contact.name ?? "attendee"} as attended`}
                        </button>
                      </form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>

      <section aria-labelledby="edit-heading" className="mt-10">
        <h2 id="edit-heading" className="text-xl font-semibold">
          Edit the event
        </h2>
        <EventEditor eventId={event.id} saved={eventFormValues(event)} programs={programs.map((p) => ({ value: p.slug, label: p.name }))} />
      </section>
    </>
  );
}
