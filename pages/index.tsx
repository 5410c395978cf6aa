import { CallToAction } from "@/components/content/call-to-action";
import { RecentArticles } from "@/components/content/recent-articles";
import { ProgramCard } from "@/components/programs/program-card";
import { PageHead } from "@/components/site/page-head";
import { db } from "@/lib/db";
import { formatCohortDate, programsPageProps, type ProgramView } from "@/lib/content/programs";
import { jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";
import type { GetStaticProps } from "next";
import { absoluteUrl, siteConfig } from "@/lib/site-config";
import { withAttribution } from "@/lib/attribution";

type Props = { programs: ProgramView[] };

// Programs and cohorts come from the database; the page is static and refreshed hourly.
export const getStaticProps: GetStaticProps<Props> = () => programsPageProps(db());

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

const meta = {
  title: "Live, mentor-led tech bootcamps",
  description:
    "Part-time and full-time bootcamps in machine learning engineering, full-stack development and data analytics, with career coaching and flexible payment plans.",
  path: "/",
};

const steps = [
  {
    title: "Apply in five minutes",
    text: "Tell us which program and cohort you want and what you hope to get out of it. There is no fee to apply.",
  },
  {
    title: "Talk with an advisor",
    text: "An admissions advisor calls you within two working days to check the fit, answer questions and talk through the schedule.",
  },
  {
    title: "Choose how to pay",
    text: "Pay upfront with a discount, spread the cost over monthly instalments, finance it, or have your employer sponsor you.",
  },
  {
    title: "Learn by building",
    text: "Live classes, weekly mentor sessions and real projects, ending in a capstone you can show employers.",
  },
];

const outcomes = [
  { title: "A portfolio, not a certificate", text: "Every program ends with a capstone reviewed by people who do the job for a living." },
  { title: "Mentors who ship", text: "Weekly one-to-one time with working engineers and analysts, not just recorded lectures." },
  { title: "Career coaching built in", text: "CV and LinkedIn reviews, mock interviews and salary negotiation practice, during and after the course." },
  { title: "Fits around work", text: "Evening and weekend schedules, live online, with recordings for the nights life gets in the way." },
];

export default function HomePage({ programs }: Props) {
  const nextCohorts = programs
    .flatMap((p) => p.upcomingCohorts.slice(0, 1).map((c) => ({ program: p, cohort: c })))
    .sort((a, b) => a.cohort.startDate.localeCompare(b.cohort.startDate));

  return (
    <>
      <PageHead
        meta={meta}
        jsonLd={jsonLdGraph(organizationJsonLd(), {
          "@type": "WebSite",
          name: siteConfig.name,
          url: absoluteUrl("/"),
          publisher: { "@id": absoluteUrl("/#organization") },
        })}
      />
      <section className="relative overflow-hidden bg-brand text-white">
        <div aria-hidden="true" className="hero-weave pointer-events-none absolute inset-0 opacity-[0.08]" />
        <div className="relative mx-auto grid max-w-6xl gap-12 px-4 py-16 sm:px-6 sm:py-24 lg:grid-cols-[1.2fr_1fr] lg:items-center">
          <div>
            <p className="inline-block rounded-full bg-white/10 px-3 py-1 text-sm font-medium text-accent-soft ring-1 ring-white/20">
              Live, mentor-led bootcamps · Online and in Austin
            </p>
            <h1 className="mt-6 text-balance text-4xl font-bold leading-[1.1] tracking-tight sm:text-6xl">Learn the skills. Land the role. Keep your life.</h1>
            <p className="mt-6 max-w-xl text-lg leading-8 text-white/90">
              Loomstack Academy trains career changers for jobs in machine learning, software and data, on evening and weekend schedules that fit around work
              and family.
            </p>
            <div className="mt-9 flex flex-wrap gap-3">
              <a
                href={withAttribution("/apply", { cta: "home-hero-apply" })}
                className="inline-flex min-h-12 items-center rounded-full bg-accent px-7 font-semibold text-ink shadow-sm hover:bg-accent-soft"
              >
                Apply for a cohort
              </a>
              <a
                href="/programs"
                className="inline-flex min-h-12 items-center rounded-full px-7 font-semibold text-white ring-1 ring-white/60 hover:bg-white/10"
              >
                Compare programs
              </a>
            </div>
          </div>
          <div className="rounded-2xl bg-white p-6 text-ink shadow-xl sm:p-7">
            <h2 className="text-lg font-semibold">Next cohorts</h2>
            {nextCohorts.length === 0 ? (
              <p className="mt-3 text-ink/80">New dates are announced soon. Join the newsletter to hear first.</p>
            ) : (
              <ul className="mt-4 divide-y divide-ink/10">
                {nextCohorts.map(({ program, cohort }) => (
                  <li key={cohort.id} className="flex items-center justify-between gap-4 py-3">
                    <div>
                      <a href={`/programs/${program.slug}`} className="font-semibold hover:text-brand hover:underline">
                        {program.name}
                      </a>
                      <p className="text-sm text-ink/75">Starts {formatCohortDate(cohort.startDate)}</p>
                    </div>
                    <span className="shrink-0 rounded-full bg-accent-soft px-3 py-1 text-xs font-semibold text-ink">{cohort.seatsLeft} seats left</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="programs-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wider text-brand">Programs</p>
            <h2 id="programs-heading" className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">
              Pick the path that fits your next job
            </h2>
          </div>
          <a href="/programs" className="font-semibold text-brand underline underline-offset-4">
            All programs and pricing
          </a>
        </div>
        <ul className="mt-10 grid gap-6 md:grid-cols-3">
          {programs.map((p) => (
            <li key={p.slug}>
              <ProgramCard program={p} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="outcomes-heading" className="border-y border-ink/10 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand">Outcomes</p>
          <h2 id="outcomes-heading" className="mt-2 max-w-2xl text-3xl font-bold tracking-tight sm:text-4xl">
            What you leave with
          </h2>
          <ul className="mt-10 grid gap-8 sm:grid-cols-2 lg:grid-cols-4">
            {outcomes.map((o) => (
              <li key={o.title}>
                <div aria-hidden="true" className="h-1.5 w-12 rounded-full bg-accent" />
                <h3 className="mt-4 text-lg font-semibold">{o.title}</h3>
                <p className="mt-2 leading-7 text-ink/80">{o.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section aria-labelledby="how-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand">How it works</p>
        <h2 id="how-heading" className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">
          From first question to first class
        </h2>
        <ol className="mt-10 grid gap-6 md:grid-cols-4">
          {steps.map((s, i) => (
            <li key={s.title} className="rounded-2xl bg-brand-soft/60 p-6">
              <span aria-hidden="true" className="font-mono text-sm font-semibold text-brand">
                Step {i + 1}
              </span>
              <h3 className="mt-2 text-lg font-semibold">{s.title}</h3>
              <p className="mt-2 leading-7 text-ink/80">{s.text}</p>
            </li>
          ))}
        </ol>
        <CallToAction
          id="home-how-quote"
          title="Training a team, or comparing costs?"
          text="Tell us who needs training and when. We will send a clear quote for one person or a whole team within two working days."
          buttonText="Get a quote"
          buttonLink="/quote"
          variant="dark"
        />
      </section>

      <section aria-labelledby="guides-heading" className="bg-accent-soft/60">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-20 sm:px-6 lg:grid-cols-[1fr_1.4fr]">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wider text-brand">Career guides</p>
            <h2 id="guides-heading" className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">
              Know the job before you train for it
            </h2>
            <p className="mt-4 leading-7 text-ink/85">
              Our guides explain what the work involves day to day, what it pays according to named sources, and how people actually get hired. Start with the
              machine learning engineer guide.
            </p>
            <a
              href="/careers/machine-learning-engineer"
              className="mt-6 inline-flex min-h-12 items-center rounded-full bg-brand px-6 font-semibold text-white hover:bg-brand-strong"
            >
              Read the ML engineer guide
            </a>
          </div>
          <RecentArticles limit={4} />
        </div>
      </section>

      <section aria-labelledby="more-heading" className="mx-auto max-w-6xl px-4 pt-20 sm:px-6">
        <h2 id="more-heading" className="sr-only">
          More ways to get started
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <CallToAction
            id="home-refer"
            title="Refer a friend, earn 100 points"
            text="Every friend you refer earns you 100 points, with no limit. Spend them on courses, devices or accessories."
            buttonText="Refer a friend"
            buttonLink="/refer"
            variant="light"
          />
          <CallToAction
            id="home-newsletter"
            title="Get 20% off your next course"
            text="Join the newsletter for new cohort dates, career tips and a one-time 20% discount code."
            buttonText="Get my discount"
            buttonLink="/newsletter"
            variant="accent"
          />
        </div>
        <p className="mt-4 text-center text-ink/80">
          Prefer to talk?{" "}
          <a href={withAttribution("/call-back", { cta: "home-call-back" })} className="font-semibold text-brand underline underline-offset-4">
            Ask us to call you back
          </a>
          .
        </p>
      </section>
    </>
  );
}
