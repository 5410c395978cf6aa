import type { Metadata } from "next";
import { requireStaffPage } from "@/app/(console)/auth";
import { Notice, Section } from "@/components/console/page-parts";
import { pinnableAdvisors, programPins } from "@/lib/console/advisor-pins";
import { db } from "@/lib/db";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { CallsNav } from "../calls-nav";
import { saveProgramPinsAction } from "./actions";

export const metadata: Metadata = { title: "Program pins" };

const ERRORS: Record<string, string> = {
  invalid: "We could not read that form. Reload the page and try again.",
  program: "That program does not exist any more. The list below is current.",
  advisor: "One of the advisors ticked is no longer an advisor. The list below is current.",
  forbidden: "Only admins pin programs to advisors.",
};

export default async function ProgramPinsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  await requireStaffPage("calls:assign", "/console/calls/pins");
  const [programs, advisors] = await Promise.all([programPins(db()), pinnableAdvisors(db())]);
  const saved = queryParam(q, "saved", 100);
  const savedProgram = saved ? programs.find((p) => p.slug === saved) : undefined;
  const error = ERRORS[queryParam(q, "error") ?? ""];
  return (
    <>
      <CallsNav current="/console/calls/pins" admin />
      <h1 className="text-2xl font-bold tracking-tight">Program pins</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Pin a program to advisors and calls booked about it go only to them, round-robin among those free at the time. A program with no pins goes to every
        advisor who takes the call type. Pins decide who gets new bookings; calls already booked keep their advisor.
      </p>
      {savedProgram && (
        <Notice className="mt-4">
          <p>
            Pins saved for {savedProgram.name}:{" "}
            {savedProgram.advisors.length === 0 ? "no pins, any advisor." : savedProgram.advisors.map((a) => a.name).join(", ")}
          </p>
        </Notice>
      )}
      {error && (
        <Notice tone="error" className="mt-4">
          <p>{error}</p>
        </Notice>
      )}
      {advisors.length === 0 && <p className="mt-6">Nobody takes calls yet. Staff become advisors on their availability page.</p>}
      <div className="mt-6 space-y-6">
        {programs.map((p) => (
          <Section key={p.slug} id={`program-${p.slug}`} headingId={`program-${p.slug}-h`} title={p.name} panel>
            <p className="mt-1 text-sm">
              {p.advisors.length === 0 ? "Not pinned: any advisor who takes the call type." : `Pinned to ${p.advisors.map((a) => a.name).join(", ")}.`}
            </p>
            {advisors.length > 0 && (
              <form action={saveProgramPinsAction} className="mt-3">
                <input type="hidden" name="programSlug" value={p.slug} />
                <fieldset>
                  <legend className="text-sm font-semibold">Advisors for {p.name}</legend>
                  <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
                    {advisors.map((a) => {
                      const id = `pin-${p.slug}-${a.id}`;
                      return (
                        <li key={a.id} className="flex items-center gap-2">
                          <input
                            type="checkbox"
                            id={id}
                            name="advisorIds"
                            value={a.id}
                            defaultChecked={p.advisors.some((x) => x.id === a.id)}
                            className="h-6 w-6 shrink-0 accent-brand"
                          />
                          <label htmlFor={id}>
                            {a.name}
                            {a.active ? "" : " (not taking calls)"}
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
                <button type="submit" className="mt-3 min-h-10 rounded-full bg-brand px-4 text-sm font-semibold text-white">
                  Save pins<span className="sr-only"> for {p.name}</span>
                </button>
              </form>
            )}
          </Section>
        ))}
      </div>
    </>
  );
}
