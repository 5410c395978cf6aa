import type { Metadata } from "next";
import { db } from "@/lib/db";
import { describeEventTime } from "@/lib/events/time";
import { rsvpIdFromToken } from "@/lib/events/tokens";
import { cancelRsvpAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your RSVP", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

const STATUS_TEXT = { going: "You have a seat.", waitlisted: "You are on the waitlist: the event is full.", cancelled: "Your RSVP is cancelled." } as const;

/** The page an RSVP email's link opens: the RSVP, and a button to cancel it (a POST). */
export default async function ManageRsvpPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { done } = await searchParams;
  const id = rsvpIdFromToken(token);
  const rsvp = id ? await db().eventRsvp.findUnique({ where: { id }, include: { event: true } }) : null;
  const h1 = "text-3xl font-bold tracking-tight";
  if (!rsvp) {
    return (
      <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
        <h1 className={h1}>This link does not work</h1>
        <p className="mt-4 text-lg leading-8 text-ink/80">
          It may have been copied incompletely. Use the link in your most recent email about the event, or reply to it and we will help.
        </p>
      </div>
    );
  }
  const e = rsvp.event;
  const status = rsvp.status === "going" || rsvp.status === "waitlisted" ? rsvp.status : "cancelled";
  const started = e.startsAt <= new Date();
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      <div role={done ? "status" : undefined}>
        <h1 className={h1}>{done && status === "cancelled" ? "Your RSVP is cancelled" : e.title}</h1>
        <p className="mt-4 text-lg font-semibold leading-8">{STATUS_TEXT[status]}</p>
      </div>
      <p className="mt-2 leading-7 text-ink/80">
        {e.title}: {describeEventTime(e.startsAt, e.durationMinutes, e.timeZone)}.
      </p>
      {status !== "cancelled" && !started ? (
        <form action={cancelRsvpAction} className="mt-8">
          <input type="hidden" name="token" value={token} />
          <p className="leading-7 text-ink/80">
            {status === "going"
              ? "Cannot come? Cancel, and your seat goes to the next person on the waitlist."
              : "Leave the waitlist if you no longer want a seat."}
          </p>
          <button type="submit" className="mt-4 inline-flex min-h-12 items-center rounded-full bg-brand px-7 font-semibold text-white hover:bg-brand-strong">
            {status === "going" ? "Cancel my seat" : "Leave the waitlist"}
          </button>
        </form>
      ) : null}
      {status === "going" ? (
        <p className="mt-6">
          <a href={`/rsvp/manage/${token}/calendar.ics`} className="font-semibold text-brand underline">
            Add it to your calendar (.ics file)
          </a>
        </p>
      ) : null}
      <p className="mt-6">
        <a href={`/events/${e.slug}`} className="font-semibold text-brand underline">
          The event page
        </a>
      </p>
    </div>
  );
}
