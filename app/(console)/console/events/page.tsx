import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { listEventsForConsole } from "@/lib/console/events";
import { db } from "@/lib/db";
import { shortEventTime } from "@/lib/events/time";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage() {
  await requireStaffPage("leads:read", "/console/events");
  const events = await listEventsForConsole(db());
  return (
    <>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-bold tracking-tight">Events</h1>
        <a href="/console/events/new" className="rounded-full bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-strong">
          New event
        </a>
      </div>
      <p className="mt-2 max-w-3xl text-ink/80">Info sessions and open houses. Times are shown in each event&apos;s own zone.</p>
      {events.length === 0 ? (
        <p className="mt-6">No events yet.</p>
      ) : (
        <div className="relative mt-6 overflow-x-auto" role="region" aria-label="Events" tabIndex={0}>
          <table className="w-full border-collapse bg-white text-left text-sm">
            <caption className="sr-only">Events</caption>
            <thead>
              <tr className="border-b border-ink/20">
                <th scope="col" className="p-2">
                  Event
                </th>
                <th scope="col" className="p-2">
                  Starts
                </th>
                <th scope="col" className="p-2">
                  On the site
                </th>
                <th scope="col" className="p-2">
                  Going
                </th>
                <th scope="col" className="p-2">
                  Waitlist
                </th>
                <th scope="col" className="p-2">
                  Cancelled
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-ink/10">
                  <td className="p-2">
                    <a href={`/console/events/${e.id}`} className="font-semibold text-brand underline">
                      {e.title}
                    </a>
                  </td>
                  <td className="p-2">{shortEventTime(e.startsAt, e.timeZone)}</td>
                  <td className="p-2">{e.published ? "Published" : "Hidden"}</td>
                  <td className="p-2">
                    {e.going} of {e.capacity}
                  </td>
                  <td className="p-2">{e.waitlisted}</td>
                  <td className="p-2">{e.cancelled}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
