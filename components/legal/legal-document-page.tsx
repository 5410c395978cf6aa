import type { GetStaticPaths, GetStaticProps } from "next";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { PageHead } from "@/components/site/page-head";
import { legalText } from "@/content/legal";
import {
  LEGAL_DOCUMENTS,
  currentVersion,
  findLegalVersion,
  legalDocumentPath,
  legalVersionPath,
  legalVersions,
  versionStanding,
  type LegalDoc,
  type VersionStanding,
} from "@/lib/legal/registry";
import { breadcrumbJsonLd, jsonLdGraph, organizationJsonLd } from "@/lib/seo/json-ld";
import { ogImagePath } from "@/lib/seo/metadata";
import { absoluteUrl } from "@/lib/site-config";

/**
 * The privacy notice, terms of use and referral terms: one page shape for all three, at
 * `/privacy` (the current version) and `/privacy/v/<n>` (each version, for ever). Static,
 * with no JavaScript; refreshed hourly so a version registered ahead of its effective date
 * becomes the current one on that day without a new build.
 */

export type LegalPageProps = {
  doc: LegalDoc;
  version: number;
  /** This version against the one in force when the page was rendered. */
  standing: VersionStanding;
  /** `/privacy` itself rather than `/privacy/v/<n>`. */
  isDocumentPage: boolean;
};

const REVALIDATE_SECONDS = 3600;

/** getStaticProps for `/privacy`: the version in force now. */
export function currentLegalPageProps(doc: LegalDoc): GetStaticProps<LegalPageProps> {
  return () => {
    const version = currentVersion(doc).version;
    return { props: { doc, version, standing: { kind: "current" }, isDocumentPage: true }, revalidate: REVALIDATE_SECONDS };
  };
}

/** getStaticPaths for `/privacy/v/[n]`: every registered version; any other n is a 404. */
export function legalVersionPaths(doc: LegalDoc): GetStaticPaths<{ n: string }> {
  return () => ({ paths: legalVersions(doc).map((v) => ({ params: { n: String(v.version) } })), fallback: false });
}

/** getStaticProps for `/privacy/v/[n]`. */
export function legalVersionPageProps(doc: LegalDoc): GetStaticProps<LegalPageProps, { n: string }> {
  return ({ params }) => {
    const n = params?.n ?? "";
    const version = /^[1-9]\d{0,3}$/.test(n) ? findLegalVersion(doc, Number(n)) : null;
    if (!version) return { notFound: true };
    return {
      props: { doc, version: version.version, standing: versionStanding(doc, version.version), isDocumentPage: false },
      revalidate: REVALIDATE_SECONDS,
    };
  };
}

const dateFmt = new Intl.DateTimeFormat("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

function EffectiveDate({ iso }: { iso: string }) {
  return <time dateTime={iso}>{dateFmt.format(new Date(`${iso}T00:00:00Z`))}</time>;
}

/** On a version that is not the one in force: which applies instead, with a link to it. */
function VersionNotice({ doc, standing }: { doc: LegalDoc; standing: VersionStanding }) {
  if (standing.kind === "current") return null;
  const link = (
    <a href={legalDocumentPath(doc)} className="font-semibold text-brand underline underline-offset-2">
      Read the current version (version {standing.current})
    </a>
  );
  return (
    <div role="note" className="mt-6 max-w-2xl rounded-xl border border-accent bg-accent-soft px-4 py-3 leading-7 text-ink">
      {standing.kind === "earlier" ? (
        <p>
          This is an earlier version. It applied from <EffectiveDate iso={standing.from} /> until <EffectiveDate iso={standing.until} />. {link}.
        </p>
      ) : (
        <p>
          This version takes effect on <EffectiveDate iso={standing.from} />. Until then, version {standing.current} applies. {link}.
        </p>
      )}
    </div>
  );
}

export function LegalDocumentPage({ doc, version, standing, isDocumentPage }: LegalPageProps) {
  const { title, description } = LEGAL_DOCUMENTS[doc];
  const versions = legalVersions(doc);
  const shown = versions[version - 1];
  const documentPath = legalDocumentPath(doc);
  const path = isDocumentPage ? documentPath : legalVersionPath(doc, version);
  const { Content } = legalText(doc, version);
  const current = standing.kind === "current" ? version : standing.current;

  const crumbs = [{ name: "Home", path: "/" }, { name: title, path: documentPath }, ...(isDocumentPage ? [] : [{ name: `Version ${version}`, path }])];
  const webPage = {
    "@type": "WebPage",
    "@id": absoluteUrl(path),
    url: absoluteUrl(path),
    name: isDocumentPage ? title : `${title}, version ${version}`,
    description,
    version: String(version),
    datePublished: isDocumentPage ? versions[0].effective : shown.effective,
    dateModified: shown.effective,
    inLanguage: "en-US",
    publisher: { "@id": absoluteUrl("/#organization") },
  };

  return (
    <>
      <PageHead
        meta={{ title: isDocumentPage ? title : `${title}, version ${version}`, description, path, ogImage: ogImagePath(documentPath) }}
        jsonLd={jsonLdGraph(organizationJsonLd(), webPage, breadcrumbJsonLd(crumbs))}
      />
      <div className="border-b border-ink/10 bg-gradient-to-b from-brand-soft/70 to-paper">
        <div className="mx-auto max-w-6xl px-4 pb-10 pt-8 sm:px-6">
          <Breadcrumbs crumbs={crumbs} />
          <h1 className="mt-8 text-balance text-3xl font-bold tracking-tight sm:text-5xl">{title}</h1>
          <p className="mt-4 text-lg text-ink/80">
            Version {version}, effective <EffectiveDate iso={shown.effective} />
          </p>
          <VersionNotice doc={doc} standing={standing} />
        </div>
      </div>
      <div className="mx-auto max-w-6xl px-4 pt-10 sm:px-6">
        <article className="min-w-0 max-w-3xl">
          <div className="prose-guide">
            <Content />
          </div>
          <section aria-labelledby="versions" className="mt-16 border-t border-ink/10 pt-8">
            <h2 id="versions" className="text-xl font-semibold">
              All versions
            </h2>
            <ol className="mt-4 space-y-3">
              {[...versions].reverse().map((v) => (
                <li key={v.version} className="leading-7">
                  {v.version === version ? (
                    <span aria-current="page" className="font-semibold">
                      Version {v.version}
                    </span>
                  ) : (
                    <a href={legalVersionPath(doc, v.version)} className="font-semibold text-brand underline underline-offset-2">
                      Version {v.version}
                    </a>
                  )}
                  , effective <EffectiveDate iso={v.effective} />
                  {v.version === current && " (current)"}: {v.changes}
                </li>
              ))}
            </ol>
          </section>
        </article>
      </div>
    </>
  );
}
