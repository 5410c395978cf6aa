import type { GetStaticProps } from "next";
import { OutcomeReport, SampleLabel } from "@/components/people/outcome-report";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { PROGRAM_PAGES_REVALIDATE_SECONDS } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { webPageJsonLd } from "@/lib/people/json-ld";
import { listPublishedOutcomeReports, type OutcomeReportView } from "@/lib/people/outcomes";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";

type Props = { reports: OutcomeReportView[] };

const meta = {
  title: "Graduate outcomes: hiring rates and median salaries",
  description:
    "How Loomstack Academy graduates do after the bootcamp, per program and cohort: graduates, job-seeking graduates, hired within 180 days, median starting salary and how we count.",
  path: "/outcomes",
};

const crumbs = [
  { name: "Home", path: "/" },
  { name: "Outcomes", path: "/outcomes" },
];

export const getStaticProps: GetStaticProps<Props> = async () => ({
  props: { reports: await listPublishedOutcomeReports(db()) },
  revalidate: PROGRAM_PAGES_REVALIDATE_SECONDS,
});

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export default function OutcomesPage({ reports }: Props) {
  const latest = reports
    .map((r) => r.updatedAt)
    .sort()
    .at(-1);
  const anySample = reports.some((r) => r.sample);
  const programs = [...new Map(reports.map((r) => [r.programSlug, r.programName])).entries()];
  return (
    <>
      <PageHead
        meta={meta}
        jsonLd={jsonLdGraph(organizationJsonLd(), webPageJsonLd({ ...meta, name: meta.title, dateModified: latest }), breadcrumbJsonLd(crumbs))}
      />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-12 pt-8 sm:px-6">
          <Breadcrumbs crumbs={crumbs} />
          <h1 className="mt-8 text-4xl font-bold tracking-tight sm:text-5xl">Graduate outcomes</h1>
          <p className="mt-4 max-w-2xl text-lg leading-8 text-ink/80">
            What happened after graduation, per program and group of cohorts, counted the way the CIRR standard for bootcamps counts: every graduate, how many
            were looking for a job in the field, how many were hired, and what they were paid.
          </p>
          {anySample && (
            <p className="mt-6 max-w-2xl rounded-xl bg-white p-4 leading-7 ring-1 ring-accent">
              <SampleLabel /> The reports marked this way hold sample data for this demo site. They show how a report reads; they are not results of real
              students.
            </p>
          )}
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        {reports.length === 0 ? (
          <p className="mt-12 text-ink/80">The first report is being prepared.</p>
        ) : (
          programs.map(([slug, name]) => (
            <section key={slug} aria-labelledby={`program-${slug}`} className="mt-12">
              <h2 id={`program-${slug}`} className="text-3xl font-bold tracking-tight">
                <a href={`/programs/${slug}`} className="hover:text-brand hover:underline">
                  {name}
                </a>
              </h2>
              <div className="mt-6 space-y-6">
                {reports
                  .filter((r) => r.programSlug === slug)
                  .map((r) => (
                    <OutcomeReport key={r.id} report={r} />
                  ))}
              </div>
            </section>
          ))
        )}
        <section aria-labelledby="reading-heading" className="mt-16 max-w-3xl">
          <h2 id="reading-heading" className="text-2xl font-bold tracking-tight">
            Reading the figures
          </h2>
          <ul className="mt-4 list-disc space-y-2 pl-6 leading-7 text-ink/85">
            <li>The hiring rates are worked out from the counts shown (hired divided by job-seeking graduates), never typed in separately.</li>
            <li>The median salary is the middle base salary of the graduates hired in the field who reported one; bonuses and equity are left out.</li>
            <li>Each report names its reporting period, and says who was not counted as job-seeking and why.</li>
          </ul>
          <p className="mt-4 leading-7">
            <a href="/stories" className="font-semibold text-brand underline underline-offset-2">
              Read student stories
            </a>{" "}
            or{" "}
            <a href="/about" className="font-semibold text-brand underline underline-offset-2">
              meet the instructors
            </a>
            .
          </p>
        </section>
      </div>
    </>
  );
}
