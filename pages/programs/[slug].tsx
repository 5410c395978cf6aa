import type { ReactNode } from "react";
import type { GetStaticPaths, GetStaticProps } from "next";
import { CallToAction } from "@/components/content/call-to-action";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { DotList } from "@/components/site/dot-list";
import { PageHead } from "@/components/site/page-head";
import { guides, guidePath } from "@/content/guides";
import { withAttribution } from "@/lib/attribution";
import { db } from "@/lib/db";
import { formatCohortDate, formatMoney, getProgram, listPrograms, PROGRAM_PAGES_REVALIDATE_SECONDS, type ProgramView } from "@/lib/content/programs";
import { breadcrumbJsonLd, courseJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";
import { ProgramPeopleAndOutcomes, programPeopleAndOutcomes, type ProgramPeopleProps } from "@/components/people/program-people";

type Props = { program: ProgramView } & ProgramPeopleProps;

export const getStaticPaths: GetStaticPaths = async () => ({
  paths: (await listPrograms(db())).map((p) => ({ params: { slug: p.slug } })),
  // Programs staff add later are rendered on first request, then cached.
  fallback: "blocking",
});

export const getStaticProps: GetStaticProps<Props, { slug: string }> = async ({ params }) => {
  const program = params ? await getProgram(db(), params.slug) : null;
  if (!program) return { notFound: true, revalidate: 60 };
  return { props: { program, ...(await programPeopleAndOutcomes(db(), program.slug)) }, revalidate: PROGRAM_PAGES_REVALIDATE_SECONDS };
};

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export default function ProgramPage({ program, instructors, outcome }: Props) {
  const path = `/programs/${program.slug}`;
  const crumbs = [
    { name: "Home", path: "/" },
    { name: "Programs & pricing", path: "/programs" },
    { name: program.name, path },
  ];
  const guide = guides.find((g) => g.slug === program.careerGuide);
  const applyHref = (cohortId?: string) =>
    withAttribution(`/apply?program=${program.slug}${cohortId ? `&cohort=${cohortId}` : ""}`, { article: path, cta: "program-cohorts" });

  return (
    <>
      <PageHead
        meta={{
          title: `${program.name} bootcamp: dates and tuition`,
          description: `${program.tagline} ${program.durationWeeks} weeks, ${program.format.toLowerCase()}. See the next cohorts and payment options.`,
          path,
        }}
        jsonLd={jsonLdGraph(
          organizationJsonLd(),
          breadcrumbJsonLd(crumbs),
          courseJsonLd({
            name: program.name,
            description: program.summary,
            path,
            durationWeeks: program.durationWeeks,
            hoursPerWeek: program.hoursPerWeek,
            priceCents: program.listPriceCents,
            currency: program.paymentOptions[0]?.currency ?? "USD",
            cohorts: program.upcomingCohorts,
          }),
        )}
      />
      <div className="bg-brand text-white">
        <div className="mx-auto max-w-6xl px-4 pb-14 pt-8 sm:px-6">
          <div className="[&_a]:text-white [&_nav]:text-white/85 [&_span]:text-white">
            <Breadcrumbs crumbs={crumbs} />
          </div>
          <p className="mt-8 text-sm font-semibold uppercase tracking-wider text-accent">Bootcamp</p>
          <h1 className="mt-2 text-balance text-4xl font-bold tracking-tight sm:text-5xl">{program.name}</h1>
          <p className="mt-4 max-w-2xl text-xl leading-8 text-white/90">{program.tagline}</p>
          <p className="mt-4 max-w-2xl leading-7 text-white/85">{program.summary}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <a
              href={withAttribution(`/apply?program=${program.slug}`, { article: path, cta: "program-hero-apply" })}
              className="inline-flex min-h-12 items-center rounded-full bg-accent px-7 font-semibold text-ink hover:bg-accent-soft"
            >
              Apply now
            </a>
            <a href="#pricing" className="inline-flex min-h-12 items-center rounded-full px-7 font-semibold ring-1 ring-white/60 hover:bg-white/10">
              See tuition
            </a>
          </div>
        </div>
      </div>

      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <section aria-labelledby="format-heading" className="-mt-8 rounded-2xl border border-ink/10 bg-white p-6 shadow-sm sm:p-8">
          <h2 id="format-heading" className="text-xl font-semibold">
            Format and duration
          </h2>
          <dl className="mt-5 grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
            {[
              ["Duration", `${program.durationWeeks} weeks`],
              ["Time commitment", `About ${program.hoursPerWeek} hours a week`],
              ["Format", program.format],
              ["Schedule", program.schedule],
              ["Who it suits", program.level],
            ].map(([k, v]) => (
              <div key={k}>
                <dt className="text-sm text-ink/70">{k}</dt>
                <dd className="mt-1 font-semibold leading-6">{v}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="cohorts-heading" className="mt-16">
          <h2 id="cohorts-heading" className="text-3xl font-bold tracking-tight">
            Next cohorts
          </h2>
          {program.upcomingCohorts.length === 0 ? (
            <p className="mt-4 text-ink/80">
              No dates are open right now.{" "}
              <a href="/newsletter" className="font-semibold text-brand underline">
                Join the newsletter
              </a>{" "}
              to hear when the next cohort opens.
            </p>
          ) : (
            <ul className="mt-6 grid gap-4 md:grid-cols-3">
              {program.upcomingCohorts.map((c) => (
                <Card key={c.id} title={c.name}>
                  <dl className="mt-3 space-y-1 text-sm">
                    <CohortFact term="Starts">
                      <time dateTime={c.startDate.slice(0, 10)}>{formatCohortDate(c.startDate)}</time>
                    </CohortFact>
                    <CohortFact term="Ends">
                      <time dateTime={c.endDate.slice(0, 10)}>{formatCohortDate(c.endDate)}</time>
                    </CohortFact>
                    <CohortFact term="Class times">{c.timeZone.replace("_", " ")} time</CohortFact>
                    <CohortFact term="Availability">{c.status === "waitlist" ? "Waitlist" : `${c.seatsLeft} seats left`}</CohortFact>
                  </dl>
                  <a
                    href={applyHref(c.id)}
                    aria-label={`Apply for this cohort: ${c.name}`}
                    className="mt-5 inline-flex min-h-11 items-center justify-center rounded-full bg-brand px-5 font-semibold text-white hover:bg-brand-strong"
                  >
                    Apply for this cohort
                  </a>
                </Card>
              ))}
            </ul>
          )}
        </section>

        <section id="pricing" aria-labelledby="pricing-heading" className="mt-16 scroll-mt-24">
          <h2 id="pricing-heading" className="text-3xl font-bold tracking-tight">
            Tuition and payment options
          </h2>
          <p className="mt-3 max-w-2xl text-ink/80">
            List price {formatMoney(program.listPriceCents)}. Choose the way of paying that suits you; you can change your mind until your cohort starts.
          </p>
          <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {program.paymentOptions.map((o) => (
              <Card key={o.id} title={o.label}>
                <p className="mt-3 text-2xl font-bold tracking-tight text-brand">
                  {o.monthlyCents && o.instalments ? (
                    <>
                      {formatMoney(o.monthlyCents, o.currency)}
                      <span className="text-base font-medium text-ink/75"> /month</span>
                    </>
                  ) : (
                    formatMoney(o.totalCents, o.currency)
                  )}
                </p>
                {o.monthlyCents && o.instalments && (
                  <p className="text-sm text-ink/75">
                    {o.instalments} payments, {formatMoney(o.totalCents, o.currency)} in total
                  </p>
                )}
                <p className="mt-3 text-sm leading-6 text-ink/80">{o.description}</p>
              </Card>
            ))}
          </ul>
        </section>

        <div className="mt-16 grid gap-12 lg:grid-cols-2">
          <section aria-labelledby="curriculum-heading">
            <h2 id="curriculum-heading" className="text-2xl font-bold tracking-tight">
              What you will study
            </h2>
            <ol className="mt-5 space-y-3">
              {program.curriculum.map((m, i) => (
                <li key={m} className="flex gap-4 rounded-xl bg-white p-4 ring-1 ring-ink/10">
                  <span aria-hidden="true" className="font-mono font-semibold text-brand">
                    {String(i + 1).padStart(2, "0")}
                  </span>
                  <span>{m}</span>
                </li>
              ))}
            </ol>
            {/* Syllabus download (issue 15): tracked like the article CTAs. */}
            <p className="mt-6 flex flex-wrap items-center gap-x-4 gap-y-2">
              <a
                href={withAttribution(`/syllabus?program=${program.slug}`, { article: path, cta: "program-syllabus" })}
                data-cta="program-syllabus"
                className="inline-flex min-h-12 items-center rounded-full bg-brand px-6 font-semibold text-white hover:bg-brand-strong"
              >
                Get the syllabus
              </a>
              <span className="text-ink/75">Every module, the weekly hours and the dates, as a PDF by email.</span>
            </p>
          </section>
          <section aria-labelledby="outcomes-heading">
            <h2 id="outcomes-heading" className="text-2xl font-bold tracking-tight">
              What you will be able to do
            </h2>
            <DotList items={program.outcomes} className="mt-5 space-y-3" />
            {guide && (
              <p className="mt-8 rounded-xl bg-brand-soft/60 p-5 leading-7">
                Wondering what the job looks like?{" "}
                <a href={guidePath(guide, guide.sections[0])} className="font-semibold text-brand underline underline-offset-2">
                  Read our {guide.shortTitle} career guide
                </a>
                , with salary and job-outlook figures from named sources.
              </p>
            )}
          </section>
        </div>

        <ProgramPeopleAndOutcomes instructors={instructors} outcome={outcome} />

        <CallToAction
          id="program-refer"
          title="Know someone who would love this?"
          text="Refer friends or colleagues and earn 100 points for each person, with no limit. Points go toward courses, devices or accessories."
          buttonText="Refer a friend"
          buttonLink="/refer"
          variant="accent"
          article={path}
        />
      </div>
    </>
  );
}

/** A cohort or a payment option: a card in the grid. */
function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <li className="flex flex-col rounded-2xl border border-ink/10 bg-white p-5">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </li>
  );
}

function CohortFact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-ink/70">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}
