import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { packedTimeZones } from "@/components/forms/page-data";
import { Notice, Section } from "@/components/console/page-parts";
import { SelectOptions } from "@/components/console/fields";
import { can } from "@/lib/auth/roles";
import { localDate } from "@/lib/booking/zones";
import { callTypeChoices } from "@/lib/console/call-types";
import { availabilityOf, formatDateOff, hoursValues, staffForAvailability, upcomingCallCount } from "@/lib/console/availability";
import { db } from "@/lib/db";
import { unpackTimeZones } from "@/lib/forms/time-zones";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { CallsNav } from "../calls-nav";
import { removeDateOffAction } from "./actions";
import { BecomeAdvisorForm } from "./become-advisor";
import { DateOffForm } from "./date-off-form";
import { AvailabilityEditor } from "./editor";

export const metadata: Metadata = { title: "Availability" };

const PAGE = "/console/calls/availability";
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const FLASH: Record<string, string> = {
  advisor: "Now taking calls. Add the weekly hours and the call types below, then save.",
  "day-back": "That day is no longer off.",
};
const ERRORS: Record<string, string> = {
  invalid: "That did not work: the page may be out of date. What is below is current.",
  forbidden: "Your role does not allow this.",
};

export default async function AvailabilityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const requested = queryParam(q, "user", 64);
  const staff = await requireStaffPage("calls:take", requested && ID.test(requested) ? `${PAGE}?user=${requested}` : PAGE);
  const canAssign = can(staff.role, "calls:assign");
  const userId = requested && ID.test(requested) ? requested : staff.id;
  // An admin may edit anyone's; everyone else only their own (the actions check this again).
  if (userId !== staff.id && !canAssign) forbidden();
  const now = new Date();
  const [view, choices, people, upcoming] = await Promise.all([
    availabilityOf(db(), userId),
    callTypeChoices(db()),
    canAssign ? staffForAvailability(db()) : Promise.resolve([]),
    upcomingCallCount(db(), userId, now),
  ]);
  if (!view) notFound();
  const self = userId === staff.id;
  const zones = unpackTimeZones(packedTimeZones(now));
  const a = view.advisor;
  const flash = FLASH[queryParam(q, "saved") ?? ""];
  const error = ERRORS[queryParam(q, "error") ?? ""];
  const today = a ? localDate(now, a.timeZone) : localDate(now, "UTC");
  const datesOff = a ? a.datesOff.filter((d) => d.date >= today) : [];
  return (
    <>
      <CallsNav current="/console/calls/availability" admin={canAssign} />
      <h1 className="text-2xl font-bold tracking-tight">{self ? "My availability" : `Availability of ${view.user.name}`}</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        When visitors can book {self ? "you" : "them"} for a call. Changing hours, dates off or rules never moves or cancels a call already booked
        {upcoming > 0 ? `: the ${upcoming === 1 ? "call" : `${upcoming} calls`} ahead stay${upcoming === 1 ? "s" : ""} as booked` : ""}. Move or cancel a call
        on the agenda.
      </p>
      {canAssign && (
        <form method="get" action={PAGE} className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="availability-user" className="block text-sm font-semibold">
              Whose availability
            </label>
            <select
              id="availability-user"
              name="user"
              defaultValue={userId}
              className="mt-1 block min-h-11 max-w-full rounded-lg border border-ink/40 bg-white px-3 py-2"
            >
              <SelectOptions
                options={people.map((p) => ({ value: p.id, label: `${p.name}${p.id === staff.id ? " (you)" : ""}${p.advisor ? "" : " · not an advisor"}` }))}
              />
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-full px-5 font-semibold ring-1 ring-ink/40 hover:bg-ink/5">
            Show
          </button>
        </form>
      )}
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
      {!a ? (
        <Section headingId="become" title={self ? "You do not take calls yet" : `${view.user.name} does not take calls yet`} className="mt-6">
          <p className="mt-1 max-w-3xl text-ink/80">
            Becoming an advisor adds {self ? "you" : "them"} to the people visitors can book. Visitors see nothing until weekly hours and call types are set.
          </p>
          <BecomeAdvisorForm userId={userId} zones={zones} defaultZone="UTC" self={self} />
        </Section>
      ) : (
        <>
          {(a.weeklyHours.length === 0 || a.callTypeIds.length === 0 || !a.active) && (
            <Notice tone="warn" className="mt-4">
              <p>
                Visitors cannot book {self ? "you" : "them"} yet:{" "}
                {[
                  !a.active && "“Taking new calls” is unticked",
                  a.weeklyHours.length === 0 && "there are no weekly hours",
                  a.callTypeIds.length === 0 && "no call type is ticked",
                ]
                  .filter(Boolean)
                  .join("; ")}
                .
              </p>
            </Notice>
          )}
          <AvailabilityEditor
            userId={userId}
            self={self}
            zones={zones}
            callTypes={choices}
            saved={{
              active: a.active ? "on" : "",
              timeZone: a.timeZone,
              bufferMinutes: String(a.bufferMinutes),
              minNoticeMinutes: String(a.minNoticeMinutes),
              horizonDays: String(a.horizonDays),
              callTypes: a.callTypeIds.join(","),
              ...hoursValues(a.weeklyHours),
            }}
          />
          <Section id="dates-off" headingId="dates-off-h" title="Dates off" className="mt-10">
            <p className="mt-1 max-w-3xl text-ink/80">
              Whole days with no calls offered, in {a.timeZone.replace(/_/g, " ")} time. Calls already booked that day stay booked.
            </p>
            {datesOff.length === 0 ? (
              <p className="mt-3">No days off ahead.</p>
            ) : (
              <ul className="mt-3 space-y-2">
                {datesOff.map((d) => (
                  <li key={d.date} className="flex flex-wrap items-center gap-3 rounded-lg border border-ink/10 bg-white px-4 py-2">
                    <span>
                      <time dateTime={d.date} className="font-semibold">
                        {formatDateOff(d.date)}
                      </time>
                      {d.note ? <span className="text-ink/80"> · {d.note}</span> : null}
                    </span>
                    <form action={removeDateOffAction} className="ml-auto">
                      <input type="hidden" name="userId" value={userId} />
                      <input type="hidden" name="date" value={d.date} />
                      <button type="submit" className="rounded-full px-3 py-1 text-sm font-semibold text-brand ring-1 ring-brand">
                        Remove<span className="sr-only"> the day off on {formatDateOff(d.date)}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <DateOffForm userId={userId} today={today} />
          </Section>
          <Section headingId="pins-h" title="Pinned programs" className="mt-10">
            <p className="mt-1 max-w-3xl text-ink/80">
              {a.pinnedPrograms.length === 0
                ? "No program is pinned to this advisor."
                : `Calls about ${a.pinnedPrograms.join(", ")} go only to the advisors pinned to them, this one included.`}{" "}
              {canAssign ? (
                <a href="/console/calls/pins" className="text-brand underline">
                  Program pins
                </a>
              ) : (
                "Admins set pins."
              )}
            </p>
          </Section>
        </>
      )}
    </>
  );
}
