import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import { BackLink, Notice, Section } from "@/components/console/page-parts";
import { localDate } from "@/lib/booking/zones";
import { agendaZone, formatAgendaDay, formatClock, rescheduleChoices } from "@/lib/console/calls";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { rescheduleCallAction } from "../../actions";

export const metadata: Metadata = { title: "Reschedule a call" };

const BACK = /^\/console\/calls(?:\?[A-Za-z0-9=&%_.-]{0,300})?$/;
const ERRORS: Record<string, string> = {
  taken: "That time was just taken. Choose another time below.",
  "not-offered": "That time is no longer offered. Choose one of the times below.",
  closed: "This call can no longer be changed: it is over, cancelled or already marked.",
  unknown: "That call no longer exists.",
  invalid: "We could not read that request. Choose a time below.",
};

/**
 * Moving a call, without JavaScript as with it: the days with free times (links), then the
 * chosen day's free times, each a button that posts the new start. The times are the call
 * type's free slots for its program, its own time not counting as busy.
 */
export default async function ReschedulePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const [{ id: rawId }, q] = await Promise.all([params, searchParams]);
  const id = rawId.slice(0, 64);
  await requireStaffPage("leads:work", `/console/calls/${encodeURIComponent(id)}/reschedule`);
  const now = new Date();
  const clock = await consoleClock();
  const zone = agendaZone(clock.source === "default" ? null : clock.timeZone, now);
  const choices = /^[A-Za-z0-9_-]{1,64}$/.test(id)
    ? await rescheduleChoices(db(), { bookingId: id, now, timeZone: zone.timeZone, day: queryParam(q, "day", 10) })
    : null;
  if (!choices) notFound();
  const rawBack = queryParam(q, "back");
  const back = rawBack && BACK.test(rawBack) ? rawBack : "/console/calls";
  const { call } = choices;
  const name = call.lead.name ?? call.lead.email ?? "Unnamed lead";
  const error = ERRORS[queryParam(q, "error") ?? ""];
  const here = (day: string) => `/console/calls/${call.id}/reschedule?${new URLSearchParams({ day, back }).toString()}`;
  return (
    <>
      <BackLink href={`${back}#call-${call.id}`}>← Agenda</BackLink>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Reschedule the call with {name}</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        {call.callType.name} with {call.advisor.name}, now{" "}
        <strong>
          {formatClock(call.startsAt, zone.timeZone)}–{formatClock(call.endsAt, zone.timeZone)}
        </strong>{" "}
        on {formatAgendaDay(localDate(call.startsAt, zone.timeZone))}. Times are in <strong>{zone.label}</strong>. The visitor and the advisor get the new time
        by email; the same advisor keeps the call when free then, otherwise it goes to another by round-robin.
      </p>
      {error && (
        <Notice tone="error" className="mt-4">
          <p>{error}</p>
        </Notice>
      )}
      {choices.days.length === 0 ? (
        !error && <p className="mt-6">There are no free times for this call type at the moment.</p>
      ) : (
        <div className="mt-6 grid gap-8 md:grid-cols-[minmax(0,16rem)_1fr]">
          <Section headingId="days-h" title="Days with free times">
            <ul className="mt-2 space-y-1">
              {choices.days.map((d) => (
                <li key={d.date}>
                  <a
                    href={here(d.date)}
                    aria-current={d.date === choices.day ? "page" : undefined}
                    className="text-brand underline aria-[current=page]:font-bold aria-[current=page]:no-underline"
                  >
                    {formatAgendaDay(d.date)}
                  </a>{" "}
                  <span className="text-sm text-ink/70">
                    ({d.count} {d.count === 1 ? "time" : "times"})
                  </span>
                </li>
              ))}
            </ul>
          </Section>
          {choices.day && (
            <Section headingId="slots-h" title={`Free times on ${formatAgendaDay(choices.day)}`}>
              <ul className="mt-3 flex flex-wrap gap-2">
                {choices.slots.map((s) => (
                  <li key={s.startsAt.toISOString()}>
                    <form action={rescheduleCallAction}>
                      <input type="hidden" name="bookingId" value={call.id} />
                      <input type="hidden" name="startsAt" value={s.startsAt.toISOString()} />
                      <input type="hidden" name="day" value={choices.day ?? ""} />
                      <input type="hidden" name="back" value={back} />
                      <button type="submit" className="min-h-11 rounded-lg px-3 text-left font-semibold text-brand ring-1 ring-brand hover:bg-brand-soft">
                        {formatClock(s.startsAt, zone.timeZone)}
                        <span className="block text-xs font-normal text-ink/80">
                          {s.advisorIds.includes(call.advisor.id) ? `with ${call.advisor.name}` : "another advisor"}
                        </span>
                        <span className="sr-only"> on {formatAgendaDay(choices.day ?? "")}: move the call here</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </div>
      )}
    </>
  );
}
