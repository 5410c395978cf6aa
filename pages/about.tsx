import type { GetStaticProps } from "next";
import { PersonCard } from "@/components/people/person-card";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { PROGRAM_PAGES_REVALIDATE_SECONDS } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { listPublishedPeople, type PersonView } from "@/lib/people/instructors";
import { aboutPageJsonLd, organizationWithPeople } from "@/lib/people/json-ld";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";
import { siteConfig } from "@/lib/site-config";

type Props = { instructors: PersonView[]; advisors: PersonView[] };

const meta = {
  title: "About Loomstack Academy: our instructors and advisors",
  description:
    "Who runs Loomstack Academy: live, mentor-led bootcamps for career changers, the instructors who teach them and the advisors who help with admissions and the job search.",
  path: "/about",
};

const crumbs = [
  { name: "Home", path: "/" },
  { name: "About", path: "/about" },
];

export const getStaticProps: GetStaticProps<Props> = async () => ({
  props: await listPublishedPeople(db()),
  revalidate: PROGRAM_PAGES_REVALIDATE_SECONDS,
});

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

function People({ id, title, intro, people }: { id: string; title: string; intro: string; people: PersonView[] }) {
  return (
    <section aria-labelledby={id} className="mt-16">
      <h2 id={id} className="text-3xl font-bold tracking-tight">
        {title}
      </h2>
      <p className="mt-3 max-w-2xl leading-7 text-ink/80">{intro}</p>
      {people.length === 0 ? (
        <p className="mt-6 text-ink/80">We are updating this list. Ask us who teaches your cohort: {siteConfig.contact.email}.</p>
      ) : (
        <ul className="mt-6 grid gap-4 lg:grid-cols-2">
          {people.map((p) => (
            <PersonCard key={p.id} person={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default function AboutPage({ instructors, advisors }: Props) {
  return (
    <>
      <PageHead
        meta={meta}
        jsonLd={jsonLdGraph(
          organizationWithPeople(organizationJsonLd(), [...instructors, ...advisors]),
          aboutPageJsonLd({ path: meta.path, name: meta.title, description: meta.description }),
          breadcrumbJsonLd(crumbs),
        )}
      />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-12 pt-8 sm:px-6">
          <Breadcrumbs crumbs={crumbs} />
          <h1 className="mt-8 text-4xl font-bold tracking-tight sm:text-5xl">About Loomstack Academy</h1>
          <p className="mt-4 max-w-2xl text-lg leading-8 text-ink/80">{siteConfig.tagline}</p>
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <section aria-labelledby="school-heading" className="mt-12 max-w-3xl">
          <h2 id="school-heading" className="text-3xl font-bold tracking-tight">
            The school
          </h2>
          <div className="mt-4 space-y-4 leading-7 text-ink/85">
            <p>
              Loomstack Academy trains career changers for jobs in machine learning, software and data. Classes are live and small, on evening and weekend
              schedules that fit around work and family, online and in Austin.
            </p>
            <p>
              Every student has a weekly mentor session and builds real projects, ending in a capstone they can show employers. Career advisors work with
              students from the first week, not only at the end.
            </p>
            <p>
              We publish how our graduates do, counted the same way for every cohort:{" "}
              <a href="/outcomes" className="font-semibold text-brand underline underline-offset-2">
                see the outcomes report
              </a>
              , and read{" "}
              <a href="/stories" className="font-semibold text-brand underline underline-offset-2">
                stories from students
              </a>{" "}
              who agreed to share them.
            </p>
          </div>
        </section>
        <People id="instructors-heading" title="Instructors" intro="They teach the live classes and review your code and projects." people={instructors} />
        <People
          id="advisors-heading"
          title="Advisors"
          intro="They help you choose a program and a way of paying, and prepare you for the job search."
          people={advisors}
        />
        <section aria-labelledby="contact-heading" className="mt-16 rounded-2xl bg-brand-soft/60 p-6 sm:p-8">
          <h2 id="contact-heading" className="text-2xl font-bold tracking-tight">
            Talk to us
          </h2>
          <p className="mt-3 leading-7">
            {siteConfig.contact.address}. {siteConfig.contact.hours}. Email{" "}
            <a href={`mailto:${siteConfig.contact.email}`} className="font-semibold text-brand underline">
              {siteConfig.contact.email}
            </a>{" "}
            or{" "}
            <a href="/call-back" className="font-semibold text-brand underline">
              ask for a call back
            </a>
            .
          </p>
        </section>
      </div>
    </>
  );
}
