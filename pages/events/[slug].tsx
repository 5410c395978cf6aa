import type { GetServerSideProps } from "next";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { withAttribution } from "@/lib/attribution";
import { db } from "@/lib/db";
import { eventJsonLd, getPublicEvent, type EventView } from "@/lib/events/public";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";

type Props = { event: EventView };

// Rendered per request, so the seats left are current; still plain HTML with no JavaScript.
export const getServerSideProps: GetServerSideProps<Props, { slug: string }> = async ({ params }) => {
  const event = params ? await getPublicEvent(db(), params.slug) : null;
  if (!event) return { notFound: true };
  return { props: { event } };
};

export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export default function EventPage({ event }: Props) {
  const path = `/events/${event.slug}`;
  const crumbs = [
    { name: "Home", path: "/" },
    { name: "Events", path: "/events" },
    { name: event.title, path },
  ];
  const full = event.seatsLeft === 0;
  const rsvpHref = withAttribution(`/rsvp/${event.slug}`, { article: path, cta: "event-rsvp" });
  return (
    <>
      <PageHead
        meta={{ title: event.title, description: `${event.when}. ${event.description}`.slice(0, 300), path }}
        jsonLd={jsonLdGraph(organizationJsonLd(), breadcrumbJsonLd(crumbs), eventJsonLd(event))}
      />
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
        <Breadcrumbs crumbs={crumbs} />
        <p className="mt-8 text-sm font-semibold uppercase tracking-wider text-brand">{event.online ? "Online event" : "In person"}</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight">{event.title}</h1>
        <dl className="mt-6 space-y-4 rounded-2xl border border-ink/10 bg-white p-6 shadow-sm">
          <div>
            <dt className="text-sm text-ink/70">When</dt>
            <dd className="mt-1 font-semibold leading-7">
              <time dateTime={event.startIso}>{event.when}</time>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-ink/70">Where</dt>
            <dd className="mt-1 font-semibold leading-7">
              {event.online ? "Online: the joining link comes with your seat" : [event.placeName, event.placeAddress].filter(Boolean).join(", ")}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-ink/70">Seats</dt>
            <dd className="mt-1 font-semibold leading-7">{full ? "Full: RSVP to join the waitlist" : `${event.seatsLeft} of ${event.capacity} seats left`}</dd>
          </div>
          <div>
            <dt className="text-sm text-ink/70">Price</dt>
            <dd className="mt-1 font-semibold leading-7">Free</dd>
          </div>
        </dl>
        <p className="mt-8 text-lg leading-8 text-ink/85">{event.description}</p>
        {event.started ? (
          <p className="mt-8 font-semibold">
            This event has taken place.{" "}
            <a href="/events" className="text-brand underline">
              See upcoming events
            </a>
            .
          </p>
        ) : (
          <a href={rsvpHref} className="mt-8 inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong">
            {full ? "Join the waitlist" : "RSVP: reserve a seat"}
          </a>
        )}
        {event.programSlug ? (
          <p className="mt-6">
            <a href={`/programs/${event.programSlug}`} className="font-semibold text-brand underline">
              About the program
            </a>
          </p>
        ) : null}
      </div>
    </>
  );
}
