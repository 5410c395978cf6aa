import type { GetStaticPaths, GetStaticProps } from "next";
import { findGuideSection, guidePath, guides } from "@/content/guides";
import { CallToAction, type CallToActionProps } from "@/components/content/call-to-action";
import { CommentSection } from "@/components/content/comment-section";
import { FaqList } from "@/components/content/faq-list";
import { GuideToc } from "@/components/content/guide-toc";
import { RecentArticles } from "@/components/content/recent-articles";
import { ShareLinks } from "@/components/content/share-links";
import { SalaryChart } from "@/components/content/salary-chart";
import { ShortAnswer } from "@/components/content/short-answer";
import { figuresTableId, SourcedFigures } from "@/components/content/sourced-figures";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { guideSourceInfo } from "@/lib/content/guide-source";
import type { Heading } from "@/lib/content/text";
import { articleJsonLd, breadcrumbJsonLd, faqPageJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";
import { ogImagePath } from "@/lib/seo/metadata";
import { absoluteUrl, siteConfig } from "@/lib/site-config";
import { commentsJsonLd } from "@/lib/comments/json-ld";
import { publishedThreads } from "@/lib/comments/moderation";
import type { CommentThread } from "@/lib/comments/thread";
import { db } from "@/lib/db";
import { ctaTracking } from "@/lib/cta/links";
import { ctasOfArticle } from "@/lib/cta/registry";

type Params = { guide: string; section?: string[] };
type Props = {
  guideSlug: string;
  sectionSlug: string;
  headings: Heading[];
  minutes: number;
  comments: CommentThread[];
  /** The article's CTAs in the CTA registry (lib/cta/registry.ts), whose views and clicks are counted. */
  ctas: { id: string; buttonLink: string }[];
};

/** Comments are approved in the console, which regenerates the page at once (pages/api/revalidate-comments.ts); this is the fallback. */
const COMMENTS_REVALIDATE_SECONDS = 3600;

function resolve(params: Params) {
  if ((params.section?.length ?? 0) > 1) return null;
  return findGuideSection(params.guide, params.section?.[0] ?? "");
}

export const getStaticPaths: GetStaticPaths<Params> = async () => ({
  paths: guides.flatMap((g) => g.sections.map((s) => ({ params: { guide: g.slug, section: s.slug ? [s.slug] : [] } }))),
  fallback: false,
});

export const getStaticProps: GetStaticProps<Props, Params> = async ({ params }) => {
  const found = params && resolve(params);
  if (!found) return { notFound: true };
  // The article's outline and reading time come from its MDX source, read at build time.
  const { headings, minutes } = guideSourceInfo(found.section.file);
  const path = guidePath(found.guide, found.section);
  const comments = await publishedThreads(db(), path);
  const ctas = ctasOfArticle(path).map((c) => ({ id: c.id, buttonLink: c.buttonLink }));
  return {
    props: { guideSlug: found.guide.slug, sectionSlug: found.section.slug, headings, minutes, comments, ctas },
    revalidate: COMMENTS_REVALIDATE_SECONDS,
  };
};

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

const dateFmt = new Intl.DateTimeFormat("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

export default function GuideSectionPage({ guideSlug, sectionSlug, headings, minutes, comments, ctas }: Props) {
  const { guide, section } = findGuideSection(guideSlug, sectionSlug)!;
  const path = guidePath(guide, section);
  const index = guide.sections.indexOf(section);
  const prev = guide.sections[index - 1];
  const next = guide.sections[index + 1];

  const crumbs = [
    { name: "Home", path: "/" },
    { name: "Career guides", path: "/careers" },
    ...(section.slug
      ? [
          { name: guide.shortTitle, path: guidePath(guide, guide.sections[0]) },
          { name: section.navTitle, path },
        ]
      : [{ name: guide.shortTitle, path }]),
  ];

  const isFaq = section.slug === "faq";
  const jsonLd = jsonLdGraph(
    organizationJsonLd(),
    {
      ...articleJsonLd({
        headline: section.title,
        description: section.description,
        path,
        image: ogImagePath(path),
        datePublished: section.published,
        dateModified: section.updated,
        author: guide.author,
      }),
      // The approved comments, as schema.org Comments on the Article.
      ...commentsJsonLd(comments, siteConfig.name),
    },
    breadcrumbJsonLd(crumbs),
    ...(isFaq ? [faqPageJsonLd(guide.faq)] : []),
  );

  // Article components, bound to this article so CTA links carry their attribution and are counted.
  const components = {
    CallToAction: (props: CallToActionProps) => <CallToAction {...props} article={path} tracking={ctaTracking(path, props, ctas)} />,
    SalaryOutlookTable: () => <SourcedFigures groups={guide.figureGroups} />,
    SalaryChart: () => <SalaryChart groups={guide.figureGroups} tableId={figuresTableId("salary")} />,
    ShortAnswer,
    FaqList: () => <FaqList items={guide.faq} />,
  };
  const { Content } = section;

  return (
    <>
      <PageHead
        meta={{
          title: section.title,
          description: section.description,
          path,
          type: "article",
          publishedTime: section.published,
          modifiedTime: section.updated,
        }}
        jsonLd={jsonLd}
      />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-10 pt-8 sm:px-6 sm:pb-14">
          <Breadcrumbs crumbs={crumbs} />
          <p className="mt-8 text-sm font-semibold uppercase tracking-wider text-brand">
            Career guide · {guide.shortTitle} · Part {index + 1} of {guide.sections.length}
          </p>
          <h1 className="mt-3 max-w-3xl text-balance text-3xl font-bold leading-tight tracking-tight text-ink sm:text-5xl">{section.title}</h1>
          <p className="mt-5 max-w-2xl text-lg leading-8 text-ink/80">{section.description}</p>
          <p className="mt-6 flex flex-wrap gap-x-5 gap-y-1 text-sm text-ink/75">
            <span>By {guide.author}</span>
            <span>
              Updated <time dateTime={section.updated}>{dateFmt.format(new Date(section.updated))}</time>
            </span>
            <span>{minutes} min read</span>
          </p>
        </div>
      </div>

      <div className="mx-auto grid max-w-6xl gap-10 px-4 pt-10 sm:px-6 lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-14">
        <aside className="lg:sticky lg:top-24 lg:max-h-[calc(100dvh-7rem)] lg:self-start lg:overflow-y-auto">
          <details className="group rounded-xl border border-ink/10 bg-white p-2 lg:hidden">
            <summary className="cursor-pointer list-none rounded-lg px-3 py-2 font-semibold [&::-webkit-details-marker]:hidden">
              Guide contents{" "}
              <span aria-hidden="true" className="text-brand group-open:hidden">
                +
              </span>
              <span aria-hidden="true" className="hidden text-brand group-open:inline">
                −
              </span>
            </summary>
            <div className="mt-2">
              <GuideToc guide={guide} currentSlug={section.slug} headings={headings} />
            </div>
          </details>
          <div className="hidden lg:block">
            <p className="mb-3 px-3 text-sm font-semibold uppercase tracking-wider text-ink/75">In this guide</p>
            <GuideToc guide={guide} currentSlug={section.slug} headings={headings} />
          </div>
        </aside>

        <article className="min-w-0 max-w-3xl">
          <div className="prose-guide">
            <Content components={components} />
          </div>

          <nav aria-label="Guide pages" className="mt-16 grid gap-3 sm:grid-cols-2">
            {prev ? (
              <a href={guidePath(guide, prev)} className="rounded-xl border border-ink/10 bg-white p-4 hover:border-brand/50">
                <span className="block text-sm text-ink/75">Previous</span>
                <span className="font-semibold text-ink">{prev.navTitle}</span>
              </a>
            ) : (
              <span />
            )}
            {next && (
              <a href={guidePath(guide, next)} className="rounded-xl border border-ink/10 bg-white p-4 text-right hover:border-brand/50 sm:col-start-2">
                <span className="block text-sm text-ink/75">Next</span>
                <span className="font-semibold text-ink">{next.navTitle}</span>
              </a>
            )}
          </nav>

          <div className="mt-12 border-t border-ink/10 pt-10">
            <CommentSection article={path} threads={comments} />
          </div>

          <div className="mt-12 space-y-12 border-t border-ink/10 pt-10">
            <ShareLinks url={absoluteUrl(path)} title={section.title} />
            <RecentArticles exceptPath={path} />
          </div>
        </article>
      </div>
    </>
  );
}
