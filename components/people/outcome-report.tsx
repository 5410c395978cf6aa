import { formatMoney } from "@/lib/content/programs";
import { formatPercent, outcomeAnchor, type OutcomeReportView } from "@/lib/people/outcomes";

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Sample data" on a demo report: in words, next to the figures. */
export function SampleLabel() {
  return <strong className="rounded-full bg-accent-soft px-3 py-1 text-sm font-semibold text-ink ring-1 ring-accent">Sample data, not real results</strong>;
}

/** One report: the period, the counts and computed rates, the median salary, the methodology and when it was last updated. */
export function OutcomeReport({ report }: { report: OutcomeReportView }) {
  const id = outcomeAnchor(report);
  const rows: [string, string, string][] = [
    ["Graduates", String(report.graduates), "Met the graduation requirements in the period"],
    ["Job-seeking graduates", String(report.jobSeeking), `${formatPercent(report.jobSeekingRate)} of graduates`],
    ["Hired in the field within 90 days", String(report.hiredWithin90), `${formatPercent(report.hired90Rate)} of job-seeking graduates`],
    ["Hired in the field within 180 days", String(report.hiredWithin180), `${formatPercent(report.hired180Rate)} of job-seeking graduates`],
    [
      "Median starting salary",
      report.medianSalaryCents === null ? "Not enough reported" : `${formatMoney(report.medianSalaryCents)} a year`,
      `Base salary, from ${report.salariesReported} reported salar${report.salariesReported === 1 ? "y" : "ies"}`,
    ],
  ];
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-24 rounded-2xl border border-ink/10 bg-white p-6 sm:p-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`${id}-heading`} className="text-xl font-semibold">
          {report.programName}: {report.cohortLabel}
        </h3>
        {report.sample && <SampleLabel />}
      </div>
      <p className="mt-2 text-sm text-ink/80">
        Reporting period: graduates from <time dateTime={report.periodStart.slice(0, 10)}>{day(report.periodStart)}</time> to{" "}
        <time dateTime={report.periodEnd.slice(0, 10)}>{day(report.periodEnd)}</time>. Last updated{" "}
        <time dateTime={report.updatedAt.slice(0, 10)}>{day(report.updatedAt)}</time>.
      </p>
      <dl className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {rows.map(([term, value, note]) => (
          <div key={term} className="rounded-xl bg-paper p-4">
            <dt className="text-sm text-ink/75">{term}</dt>
            <dd className="mt-1 text-2xl font-bold tracking-tight text-brand">{value}</dd>
            <dd className="mt-1 text-sm text-ink/75">{note}</dd>
          </div>
        ))}
      </dl>
      {report.excludedNote && (
        <p className="mt-5 leading-7 text-ink/85">
          <span className="font-semibold">Not counted as job-seeking: </span>
          {report.excludedNote}
        </p>
      )}
      <details className="mt-5">
        <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand">How these figures are counted</summary>
        <div className="mt-2 space-y-3 leading-7 text-ink/85">
          {report.methodology.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      </details>
    </section>
  );
}

/** The one line a program page shows: hired within 180 days and the median salary, with a link to the report. */
export function OutcomeLine({ report }: { report: OutcomeReportView }) {
  return (
    <p className="mt-8 rounded-xl bg-white p-5 leading-7 ring-1 ring-ink/10">
      {report.sample && (
        <>
          <SampleLabel />{" "}
        </>
      )}
      <span className="font-semibold">
        {report.hiredWithin180} of {report.jobSeeking} job-seeking graduates ({formatPercent(report.hired180Rate)}) were hired in the field within 180 days
      </span>
      {report.medianSalaryCents !== null && <>, at a median starting salary of {formatMoney(report.medianSalaryCents)}</>} ({report.cohortLabel.toLowerCase()}).{" "}
      <a href={`/outcomes#${outcomeAnchor(report)}`} className="font-semibold text-brand underline underline-offset-2">
        Read the full outcomes report<span className="sr-only"> for {report.programName}</span>
      </a>
    </p>
  );
}
