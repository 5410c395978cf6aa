import type { GetServerSideProps } from "next";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { db } from "@/lib/db";
import { listUpcomingEvents, type EventView } from "@/lib/events/public";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";

type Props = { events: EventView[] };

// Rendered per request, so the seats left are current; still plain HTML with no JavaScript.
export const getServerSideProps: GetServerSideProps<Props> = async () => ({ props: { events: await listUpcomingEvents(db()) } });

export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

const meta = {
  title: "Info sessions and open houses",
  description:
    "Free online info sessions and campus open houses at Loomstack Academy: meet instructors and advisers, see a lesson, and ask your questions. RSVP in a minute.",
  path: "/events",
};

const crumbs = [
  { name: "Home", path: "/" },
  { name: "Events", path: "/events" },
];

export default function EventsPage({ events }: Props) {
  return (
    <>
      <PageHead meta={meta} jsonLd={jsonLdGraph(organizationJsonLd(), breadcrumbJsonLd(crumbs))} />
      <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
        <Breadcrumbs crumbs={crumbs} />
        <h1 className="mt-6 text-4xl font-bold tracking-tight">Info sessions and open houses</h1>
        <p className="mt-4 max-w-2xl text-lg leading-8 text-ink/80">
          Meet the people who teach and advise here, see what a lesson looks like, and ask anything. Every event is free; times are given in the event&apos;s
          own time zone.
        </p>
        {events.length === 0 ? (
          <p className="mt-10 text-ink/80">
            No events are planned right now.{" "}
            <a href="/newsletter" className="font-semibold text-brand underline">
              Join the newsletter
            </a>{" "}
            to hear about the next one.
          </p>
        ) : (
          <ul className="mt-10 space-y-6">
            {events.map((e) => (
              <li key={e.slug} className="rounded-2xl border border-ink/10 bg-white p-6 shadow-sm">
                <h2 className="text-2xl font-semibold">
                  <a href={`/events/${e.slug}`} className="text-brand underline-offset-4 hover:underline">
                    {e.title}
                  </a>
                </h2>
                <p className="mt-2 font-semibold leading-7">{e.when}</p>
                <p className="mt-1 text-ink/80">{e.online ? "Online" : [e.placeName, e.placeAddress].filter(Boolean).join(", ")}</p>
                <p className="mt-3 leading-7 text-ink/85">{e.description}</p>
                <p className="mt-3 text-sm font-semibold">{e.seatsLeft > 0 ? `${e.seatsLeft} of ${e.capacity} seats left` : "Full: join the waitlist"}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
