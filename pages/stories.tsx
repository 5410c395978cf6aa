import type { GetStaticProps } from "next";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { PROGRAM_PAGES_REVALIDATE_SECONDS } from "@/lib/content/programs";
import { db } from "@/lib/db";
import { webPageJsonLd } from "@/lib/people/json-ld";
import { listPublishedStories, type StoryView } from "@/lib/people/stories";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";

type Props = { stories: StoryView[] };

const meta = {
  title: "Student stories",
  description: "Loomstack Academy students and graduates describe their bootcamp and what came after, in their own words, shared with their consent.",
  path: "/stories",
};

const crumbs = [
  { name: "Home", path: "/" },
  { name: "Student stories", path: "/stories" },
];

export const getStaticProps: GetStaticProps<Props> = async () => ({
  props: { stories: await listPublishedStories(db()) },
  revalidate: PROGRAM_PAGES_REVALIDATE_SECONDS,
});

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

// Our own students' stories: a plain WebPage, never Review or AggregateRating markup (self-serving reviews are not eligible), and no ratings.
export default function StoriesPage({ stories }: Props) {
  return (
    <>
      <PageHead meta={meta} jsonLd={jsonLdGraph(organizationJsonLd(), webPageJsonLd({ ...meta, name: meta.title }), breadcrumbJsonLd(crumbs))} />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-12 pt-8 sm:px-6">
          <Breadcrumbs crumbs={crumbs} />
          <h1 className="mt-8 text-4xl font-bold tracking-tight sm:text-5xl">Student stories</h1>
          <p className="mt-4 max-w-2xl text-lg leading-8 text-ink/80">
            Students and graduates in their own words. We publish a story only with the student&apos;s consent. For figures that cover every graduate, see the{" "}
            <a href="/outcomes" className="font-semibold text-brand underline underline-offset-2">
              outcomes report
            </a>
            .
          </p>
        </div>
      </div>
      <div className="mx-auto max-w-3xl px-4 sm:px-6">
        {stories.length === 0 ? (
          <p className="mt-12 text-ink/80">No stories yet: the first ones are on their way.</p>
        ) : (
          <ul className="mt-12 space-y-8">
            {stories.map((s) => (
              <li key={s.id}>
                <article aria-labelledby={`story-${s.id}`} className="rounded-2xl border border-ink/10 bg-white p-6 sm:p-8">
                  <h2 id={`story-${s.id}`} className="text-2xl font-bold tracking-tight">
                    {s.headline}
                  </h2>
                  <p className="mt-2 text-sm text-ink/75">
                    {s.studentName},{" "}
                    <a href={`/programs/${s.programSlug}`} className="text-brand underline underline-offset-2">
                      {s.programName}
                    </a>{" "}
                    · <time dateTime={s.storyDate.slice(0, 10)}>{day(s.storyDate)}</time>
                  </p>
                  <div className="mt-4 space-y-3 leading-7 text-ink/85">
                    {s.body.split(/\n{2,}/).map((para, i) => (
                      <p key={i}>{para}</p>
                    ))}
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
