import Head from "next/head";
import { serializeJsonLd } from "@/lib/seo/json-ld";
import { fullPageTitle, ogImagePath, type PageMeta } from "@/lib/seo/metadata";
import { absoluteUrl, siteConfig } from "@/lib/site-config";

/**
 * <head> tags for Pages Router pages: the same title, description, canonical, Open Graph,
 * Twitter and JSON-LD that app/(forms)/page-metadata.ts gives App Router pages.
 */
export function PageHead({ meta, jsonLd, noindex = false }: { meta: PageMeta; jsonLd?: object; noindex?: boolean }) {
  const title = fullPageTitle(meta);
  const url = absoluteUrl(meta.path);
  const image = absoluteUrl(meta.ogImage ?? ogImagePath(meta.path));
  const type = meta.type ?? "website";
  return (
    <Head>
      <title>{title}</title>
      <meta name="description" content={meta.description} />
      {noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={meta.path === "/" ? url.replace(/\/$/, "") : url} />}
      <meta property="og:type" content={type} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={siteConfig.name} />
      <meta property="og:locale" content={siteConfig.locale} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:image" content={image} />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta property="og:image:alt" content={meta.title} />
      {type === "article" && meta.publishedTime && <meta property="article:published_time" content={meta.publishedTime} />}
      {type === "article" && meta.modifiedTime && <meta property="article:modified_time" content={meta.modifiedTime} />}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={meta.description} />
      <meta name="twitter:image" content={image} />
      {jsonLd && <script key="json-ld" type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />}
    </Head>
  );
}
