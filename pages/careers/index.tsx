import { RecentArticles } from "@/components/content/recent-articles";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { guidePath, guides } from "@/content/guides";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";

const meta = {
  title: "Tech career guides",
  description: "Plain-spoken guides to tech careers: what the work involves, sourced salary and job-outlook figures, skills to learn and realistic ways in.",
  path: "/careers",
};

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

const crumbs = [
  { name: "Home", path: "/" },
  { name: "Career guides", path: "/careers" },
];

export default function CareersPage() {
  return (
    <>
      <PageHead meta={meta} jsonLd={jsonLdGraph(organizationJsonLd(), breadcrumbJsonLd(crumbs))} />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-12 pt-8 sm:px-6">
          <Breadcrumbs crumbs={crumbs} />
          <h1 className="mt-8 text-4xl font-bold tracking-tight sm:text-5xl">Career guides</h1>
          <p className="mt-4 max-w-2xl text-lg leading-8 text-ink/80">
            Before you spend months training, know what the job really involves. Every figure in our guides names its source and date.
          </p>
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        {guides.map((g) => (
          <section key={g.slug} aria-labelledby={`guide-${g.slug}`} className="mt-12 rounded-2xl border border-ink/10 bg-white p-6 sm:p-8">
            <h2 id={`guide-${g.slug}`} className="text-2xl font-bold tracking-tight">
              <a href={guidePath(g, g.sections[0])} className="hover:text-brand hover:underline">
                {g.title}
              </a>
            </h2>
            <p className="mt-3 max-w-3xl leading-7 text-ink/80">{g.description}</p>
            <ol className="mt-6 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
              {g.sections.map((s, i) => (
                <li key={s.slug}>
                  <a href={guidePath(g, s)} className="flex min-h-11 items-center gap-3 rounded-lg px-3 py-2 hover:bg-brand-soft">
                    <span aria-hidden="true" className="font-mono text-sm text-brand">
                      {String(i + 1).padStart(2, "0")}
                    </span>
                    <span className="font-medium">{s.navTitle}</span>
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ))}
        <div className="mt-16">
          <RecentArticles limit={6} />
        </div>
      </div>
    </>
  );
}
