import type { Metadata } from "next";
import { FormCard, FormPage } from "@/components/forms/form-page";
import type { SearchParams } from "@/components/forms/page-data";
import { bookingByManageToken } from "@/lib/booking/book";
import { zoneLabel } from "@/lib/booking/zones";
import { db } from "@/lib/db";
import { managePath, reschedulePicker } from "@/lib/forms/booking/manage";
import { SLOT_NOT_OFFERED_MESSAGE, SLOT_TAKEN_MESSAGE } from "@/lib/forms/booking/options";
import { slotWhen } from "@/lib/forms/booking/picker";
import { queryParam } from "@/lib/query-param";
import { DaysCard, TimesCard, ZoneCard } from "../../picker-parts";
import { cancelBookingAction, rescheduleBookingAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your call", robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<SearchParams> };

const linkClass = "font-semibold text-brand underline underline-offset-2 hover:text-brand-strong";
const buttonClass = "inline-flex min-h-12 items-center justify-center rounded-full bg-brand px-7 font-semibold text-white shadow-sm hover:bg-brand-strong";
const h1 = "text-3xl font-bold tracking-tight";

const REFUSALS: Record<string, string> = {
  taken: SLOT_TAKEN_MESSAGE,
  "not-offered": SLOT_NOT_OFFERED_MESSAGE,
  closed: "This call can no longer be changed.",
};

function Gone() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      <h1 className={h1}>This link no longer works</h1>
      <p className="mt-4 text-lg leading-8 text-ink/80">
        Each time a call is moved, we email a new link and the old one stops working. Use the link in your most recent email about the call, or reply to it and
        we will help.
      </p>
      <p className="mt-6">
        <a href="/book" className={linkClass}>
          Book a call
        </a>
      </p>
    </div>
  );
}

/** The page a booking email's link opens: the call, and its reschedule and cancel steps (POSTs). */
export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const view = await bookingByManageToken(db(), token);
  if (!view) return <Gone />;

  const now = new Date();
  const path = managePath(token);
  const tz = view.visitorTimeZone;
  const step = queryParam(query, "step");
  const done = queryParam(query, "done");
  const refused = queryParam(query, "refused");
  const changeable = view.status === "booked" && view.endsAt > now;
  const headline =
    view.status === "cancelled"
      ? "Your call is cancelled"
      : done === "rescheduled"
        ? "Your call is moved"
        : changeable
          ? "Your call is booked"
          : "This call is over";

  const details = (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[auto_minmax(0,1fr)]">
      <dt className="font-semibold">Call</dt>
      <dd>
        {view.callType.name} ({view.callType.durationMinutes} minutes)
      </dd>
      <dt className="font-semibold">When</dt>
      <dd>
        {slotWhen(view.startsAt, view.endsAt, tz)}
        <span className="block text-sm text-ink/75">{zoneLabel(tz, view.startsAt)}</span>
      </dd>
      <dt className="font-semibold">With</dt>
      <dd>{view.advisor.name}</dd>
      {view.programName && (
        <>
          <dt className="font-semibold">Program</dt>
          <dd>{view.programName}</dd>
        </>
      )}
    </dl>
  );

  const picker = changeable && step === "reschedule" ? await reschedulePicker(db(), view, query, token, now) : null;
  return (
    <FormPage path={path} crumb="Your call" eyebrow="Your booking" title={headline} intro="The details of your call with Loomstack Academy.">
      <FormCard id="call" title="Your call">
        <div role={done ? "status" : undefined}>
          {done === "cancelled" && <p className="mb-4 text-lg font-semibold">The call is cancelled. We have emailed you and your advisor.</p>}
          {done === "rescheduled" && <p className="mb-4 text-lg font-semibold">The call is moved. We have emailed you a new invite and a new link.</p>}
        </div>
        {refused === "closed" && (
          <p role="alert" className="mb-4 font-semibold text-red-700">
            {REFUSALS.closed}
          </p>
        )}
        {details}
        {changeable && !step && (
          <ul className="mt-6 flex flex-col gap-3 sm:flex-row">
            <li>
              <a href={`${path}?step=reschedule#days`} className={buttonClass}>
                Reschedule
              </a>
            </li>
            <li>
              <a
                href={`${path}?step=cancel#cancel`}
                className="inline-flex min-h-12 items-center justify-center rounded-full border-2 border-brand px-7 font-semibold text-brand hover:bg-brand-soft/60"
              >
                Cancel the call
              </a>
            </li>
          </ul>
        )}
        {view.status === "cancelled" && (
          <p className="mt-6">
            <a href="/book" className={linkClass}>
              Book another call
            </a>
          </p>
        )}
      </FormCard>

      {changeable && step === "cancel" && (
        <FormCard id="cancel" title="Cancel this call?">
          <p className="leading-7">Your advisor is told at once, and the time is offered to others.</p>
          <form action={cancelBookingAction} className="mt-5 flex flex-col gap-4 sm:flex-row sm:items-center">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className={buttonClass}>
              Yes, cancel the call
            </button>
            <a href={path} className={linkClass}>
              Keep the call
            </a>
          </form>
        </FormCard>
      )}

      {picker && (
        <>
          <ZoneCard picker={picker} path={path} hidden={{ step: "reschedule", day: picker.slot ? undefined : picker.day?.date, slot: picker.slot?.startsAt }} />
          <DaysCard picker={picker} title="1. Choose a new day" />
          <TimesCard picker={picker} title="2. Choose a new time" />
          {picker.slot && (
            <FormCard id="confirm" title="3. Confirm the new time">
              <p className="text-lg font-semibold leading-7">{picker.slot.when}</p>
              <p className="mt-1 text-sm leading-6 text-ink/80">Your time zone: {picker.zoneText}</p>
              {(refused === "taken" || refused === "not-offered" || !picker.slot.free) && (
                <div role="alert" className="mt-3">
                  <p className="font-semibold leading-6 text-red-700">
                    {REFUSALS[refused ?? ""] ?? "That time is no longer free. The next free times are below."}
                  </p>
                </div>
              )}
              {picker.slot.free ? (
                <form action={rescheduleBookingAction} className="mt-5 flex flex-col gap-4 sm:flex-row sm:items-center">
                  <input type="hidden" name="token" value={token} />
                  <input type="hidden" name="startsAt" value={picker.slot.startsAt} />
                  <input type="hidden" name="timeZone" value={picker.timeZone} />
                  <button type="submit" className={buttonClass}>
                    Move my call
                  </button>
                  <a href={picker.timesHref ?? picker.daysHref} className={linkClass}>
                    Choose another time
                  </a>
                </form>
              ) : (
                picker.slot.alternatives.length > 0 && (
                  <ul aria-label="Next free times" className="mt-3 flex flex-wrap gap-2">
                    {picker.slot.alternatives.map((s) => (
                      <li key={s.startsAt}>
                        <a
                          href={s.href}
                          className="inline-flex min-h-11 items-center rounded-lg border border-brand/40 bg-white px-3.5 font-semibold text-brand hover:border-brand hover:bg-brand-soft/60"
                        >
                          {s.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                )
              )}
            </FormCard>
          )}
        </>
      )}
    </FormPage>
  );
}
