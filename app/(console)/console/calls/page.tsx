import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import { Notice, Section } from "@/components/console/page-parts";
import { SelectOptions } from "@/components/console/fields";
import { can } from "@/lib/auth/roles";
import { localDate } from "@/lib/booking/zones";
import { pinnableAdvisors } from "@/lib/console/advisor-pins";
import { AGENDA_LIMIT, agendaDays, agendaTitle, agendaWindow, agendaZone, formatAgendaDay, parseAgendaFilter, type AgendaRange } from "@/lib/console/calls";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { CallCard } from "./call-card";
import { CallsNav } from "./calls-nav";

export const metadata: Metadata = { title: "Calls" };

const SAVED: Record<string, string> = {
  done: "Call marked done. It is on the lead's timeline.",
  no_show: "Call marked no-show. It is on the lead's timeline.",
  cancelled: "Call cancelled. The visitor and the advisor get a cancellation; the time is free again.",
  moved: "Call moved. The visitor and the advisor get the new time by email.",
};
const ERRORS: Record<string, string> = {
  invalid: "We could not read that request. Reload the page and try again.",
  forbidden: "Your role does not allow this.",
  unknown: "That call no longer exists.",
  cancelled: "That call was cancelled.",
  "not-started": "That call has not started yet: mark it done or no-show from its start time.",
  changed: "That call changed meanwhile. The agenda below is current.",
  closed: "That call can no longer be changed: it is over, cancelled or already marked.",
};

const pill = "rounded-full px-3 py-1 text-sm font-semibold ring-1 ring-brand text-brand aria-[current=page]:bg-brand aria-[current=page]:text-white";

export default async function AgendaPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const staff = await requireStaffPage("leads:read", "/console/calls");
  const now = new Date();
  const [me, advisors] = await Promise.all([db().advisor.findUnique({ where: { userId: staff.id }, select: { timeZone: true } }), pinnableAdvisors(db())]);
  const clock = await consoleClock();
  const zone = agendaZone(clock.source === "default" ? null : clock.timeZone, now);
  const range: AgendaRange = queryParam(q, "range") === "week" ? "week" : "today";
  const filter = parseAgendaFilter(queryParam(q, "who", 64), me !== null);
  const who = filter.kind === "advisor" ? filter.advisorId : filter.kind;
  const span = agendaWindow(now, zone.timeZone, range, queryParam(q, "date", 10));
  const withCancelled = queryParam(q, "cancelled") === "1";
  const days = await agendaDays(db(), { window: span, timeZone: zone.timeZone, filter, viewerId: staff.id, includeCancelled: withCancelled });
  const view = (r: AgendaRange, date?: string, cancelled = withCancelled) =>
    `/console/calls?range=${r}&who=${encodeURIComponent(who)}${date ? `&date=${date}` : ""}${cancelled ? "&cancelled=1" : ""}`;
  const back = view(range, span.current ? undefined : span.days[0]);
  const unit = range === "today" ? "day" : "week";
  const confirming = queryParam(q, "cancel", 64);
  const flash = SAVED[queryParam(q, "saved") ?? ""];
  const error = ERRORS[queryParam(q, "error") ?? ""];
  const today = localDate(now, zone.timeZone);
  const total = days.reduce((n, d) => n + d.items.length, 0);
  const whoLabel =
    filter.kind === "mine"
      ? "your calls"
      : filter.kind === "all"
        ? "every advisor's calls"
        : `${advisors.find((a) => a.id === filter.advisorId)?.name ?? "that advisor"}'s calls`;
  return (
    <>
      <CallsNav current="/console/calls" admin={can(staff.role, "calls:assign")} />
      <h1 className="text-2xl font-bold tracking-tight">Calls</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        {agendaTitle(span)}, {whoLabel}: {total === 0 ? "none" : total === 1 ? "1 call" : `${total} calls`}. Times are in <strong>{zone.label}</strong>.
      </p>
      <div className="mt-4 flex flex-wrap items-end gap-x-6 gap-y-3">
        <nav aria-label="Agenda range" className="flex flex-wrap gap-2">
          {(["today", "week"] as const).map((r) => (
            <a key={r} href={view(r)} aria-current={r === range && span.current ? "page" : undefined} className={pill}>
              {r === "today" ? "Today" : "This week"}
            </a>
          ))}
        </nav>
        <nav aria-label={`Other ${unit}s`} className="flex flex-wrap gap-2">
          <a href={view(range, span.previous)} className={pill}>
            <span aria-hidden="true">← </span>Previous {unit}
          </a>
          <a href={view(range, span.next)} className={pill}>
            Next {unit}
            <span aria-hidden="true"> →</span>
          </a>
        </nav>
        <form method="get" action="/console/calls" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="range" value={range} />
          {!span.current && <input type="hidden" name="date" value={span.days[0]} />}
          {withCancelled && <input type="hidden" name="cancelled" value="1" />}
          <div>
            <label htmlFor="agenda-who" className="block text-sm font-semibold">
              Advisor
            </label>
            <select id="agenda-who" name="who" defaultValue={who} className="mt-1 block min-h-11 max-w-full rounded-lg border border-ink/40 bg-white px-3 py-2">
              <SelectOptions
                options={[
                  { value: "mine", label: "Mine" },
                  { value: "all", label: "All advisors" },
                  ...advisors.filter((a) => a.id !== staff.id).map((a) => ({ value: a.id, label: a.name })),
                ]}
              />
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-full px-5 font-semibold ring-1 ring-ink/40 hover:bg-ink/5">
            Show calls
          </button>
        </form>
      </div>
      {flash && (
        <Notice className="mt-4">
          <p>{flash}</p>
        </Notice>
      )}
      {error && (
        <Notice tone="error" className="mt-4">
          <p>{error}</p>
        </Notice>
      )}
      <p className="mt-4">
        <a href={view(range, span.current ? undefined : span.days[0], !withCancelled)} className="font-semibold text-brand underline underline-offset-2">
          {withCancelled ? "Hide cancelled calls" : "Show cancelled calls too"}
        </a>
      </p>
      {total >= AGENDA_LIMIT && (
        <Notice tone="error" className="mt-4">
          <p>Only the first {AGENDA_LIMIT} calls are listed. Choose one advisor, or a single day, to see the rest.</p>
        </Notice>
      )}
      {filter.kind === "mine" && !me && (
        <p className="mt-4">
          You do not take calls.{" "}
          <a href="/console/calls/availability" className="text-brand underline">
            Set your availability
          </a>{" "}
          to become an advisor, or choose “All advisors”.
        </p>
      )}
      <div className="mt-6 space-y-8">
        {days.map((d) => (
          <Section key={d.date} headingId={`day-${d.date}`} title={`${formatAgendaDay(d.date)}${d.date === today ? " (today)" : ""}`}>
            {d.items.length === 0 ? (
              <p className="mt-2 text-ink/70">No calls.</p>
            ) : (
              <ol className="mt-3 space-y-3">
                {d.items.map((call) => (
                  <CallCard key={call.id} call={call} timeZone={zone.timeZone} now={now} back={back} confirming={confirming === call.id} />
                ))}
              </ol>
            )}
          </Section>
        ))}
      </div>
    </>
  );
}
