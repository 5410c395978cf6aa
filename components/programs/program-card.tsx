import { formatCohortDate, formatMoney, type ProgramView } from "@/lib/content/programs";

export function ProgramCard({ program, headingLevel = 3 }: { program: ProgramView; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const next = program.upcomingCohorts[0];
  return (
    <article className="flex h-full flex-col rounded-2xl border border-ink/10 bg-white p-6 shadow-sm">
      <H className="text-xl font-semibold tracking-tight text-ink">
        <a href={`/programs/${program.slug}`} className="hover:text-brand hover:underline">
          {program.name}
        </a>
      </H>
      <p className="mt-2 leading-7 text-ink/80">{program.tagline}</p>
      <dl className="mt-5 grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
        <div>
          <dt className="text-ink/70">Duration</dt>
          <dd className="font-semibold">{program.durationWeeks} weeks</dd>
        </div>
        <div>
          <dt className="text-ink/70">Study time</dt>
          <dd className="font-semibold">{program.hoursPerWeek} hrs/week</dd>
        </div>
        <div>
          <dt className="text-ink/70">Next start</dt>
          <dd className="font-semibold">{next ? formatCohortDate(next.startDate) : "To be announced"}</dd>
        </div>
        <div>
          <dt className="text-ink/70">Tuition from</dt>
          <dd className="font-semibold">{formatMoney(program.fromPriceCents)}</dd>
        </div>
      </dl>
      <div className="mt-auto pt-6">
        <a
          href={`/programs/${program.slug}`}
          className="inline-flex min-h-11 items-center font-semibold text-brand underline decoration-brand/40 underline-offset-4 hover:decoration-brand"
        >
          Dates, curriculum and pricing<span className="sr-only"> for {program.name}</span>
          <span aria-hidden="true">&nbsp;→</span>
        </a>
      </div>
    </article>
  );
}
