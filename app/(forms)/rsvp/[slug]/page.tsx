import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AsideBox, FormCard, FormPage } from "@/components/forms/form-page";
import { attributionFrom, formPermalink, type SearchParams } from "@/components/forms/page-data";
import { db } from "@/lib/db";
import { getPublicEvent } from "@/lib/events/public";
import { EventRsvpForm } from "@/lib/forms/event/form";
import { initialFormState } from "@/lib/leads/initial-state";
import { submitEvent } from "../../actions";
import { pageMetadata } from "../../page-metadata";

// Every rendering carries a fresh submission token, and the seats left now.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await getPublicEvent(db(), (await params).slug);
  if (!event) return { title: "Event not found" };
  return pageMetadata({ title: `RSVP: ${event.title}`, description: `Reserve a free seat: ${event.when}.`, path: `/rsvp/${event.slug}` });
}

export default async function RsvpPage({ params, searchParams }: Props) {
  const event = await getPublicEvent(db(), (await params).slug);
  if (!event) notFound();
  const query = await searchParams;
  const path = `/rsvp/${event.slug}`;
  const full = event.seatsLeft === 0;
  const open = !event.started;
  const aside = (
    <AsideBox id="event-details" title="The event">
      <p className="mt-3 font-semibold leading-7">{event.when}</p>
      <p className="mt-2 leading-7 text-ink/85">
        {event.online ? "Online: the joining link comes with your seat." : [event.placeName, event.placeAddress].filter(Boolean).join(", ")}
      </p>
      <p className="mt-2 leading-7 text-ink/85">
        <a href={`/events/${event.slug}`} className="font-semibold text-brand underline">
          About this event
        </a>
      </p>
    </AsideBox>
  );
  return (
    <FormPage
      path={path}
      crumb="RSVP"
      eyebrow="Free event"
      title={event.title}
      intro={
        full
          ? "This event is full. Send the form to join the waitlist: if a seat frees up, it goes to the next person on the list, and we email them at once."
          : `${event.seatsLeft} of ${event.capacity} seats are left. Send the form to reserve one: we email you the details, a calendar file and a link to cancel.`
      }
      aside={aside}
    >
      <FormCard id="rsvp" title={full ? "Join the waitlist" : "Reserve your seat"}>
        {open ? (
          <EventRsvpForm
            eventSlug={event.slug}
            full={full}
            action={submitEvent}
            initialState={initialFormState("event")}
            attribution={attributionFrom(query)}
            path={path}
            permalink={formPermalink(path, query, "rsvp")}
          />
        ) : (
          <p className="leading-7">This event has already started, so RSVPs are closed.</p>
        )}
      </FormCard>
    </FormPage>
  );
}
