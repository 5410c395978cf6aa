import type { Db } from "@/lib/db";
import { programInstructors, type PersonView } from "@/lib/people/instructors";
import { latestOutcomeReport, type OutcomeReportView } from "@/lib/people/outcomes";
import { OutcomeLine } from "./outcome-report";
import { PersonCard } from "./person-card";

/** What a program page shows about people and outcomes: its instructors and its latest outcomes line. */
export type ProgramPeopleProps = { instructors: PersonView[]; outcome: OutcomeReportView | null };

export async function programPeopleAndOutcomes(db: Db, slug: string): Promise<ProgramPeopleProps> {
  const [instructors, outcome] = await Promise.all([programInstructors(db, slug), latestOutcomeReport(db, slug)]);
  return { instructors, outcome };
}

/** The program page's "Your instructors" and "Graduate outcomes" block. */
export function ProgramPeopleAndOutcomes({ instructors, outcome }: ProgramPeopleProps) {
  return (
    <div className="mt-16 grid gap-12 lg:grid-cols-2">
      <section aria-labelledby="instructors-heading">
        <h2 id="instructors-heading" className="text-2xl font-bold tracking-tight">
          Your instructors
        </h2>
        {instructors.length === 0 ? (
          <p className="mt-5 text-ink/80">
            Instructors for the next cohort are being confirmed.{" "}
            <a href="/about" className="font-semibold text-brand underline">
              Meet the team
            </a>
            .
          </p>
        ) : (
          <ul className="mt-5 space-y-4">
            {instructors.map((p) => (
              <PersonCard key={p.id} person={p} showPrograms={false} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="program-outcomes-heading">
        <h2 id="program-outcomes-heading" className="text-2xl font-bold tracking-tight">
          Graduate outcomes
        </h2>
        {outcome ? (
          <OutcomeLine report={outcome} />
        ) : (
          <p className="mt-5 text-ink/80">
            This program has no outcomes report yet.{" "}
            <a href="/outcomes" className="font-semibold text-brand underline">
              See the reports we publish
            </a>
            .
          </p>
        )}
      </section>
    </div>
  );
}
