import type { Metadata } from "next";
import { fullPageTitle, ogImagePath, type PageMeta } from "@/lib/seo/metadata";
import { siteConfig } from "@/lib/site-config";

/**
 * Per-page title, description, canonical URL and Open Graph / Twitter tags, for App Router
 * pages. Pages Router pages render the same tags with components/site/page-head.tsx.
 */
export function pageMetadata(meta: PageMeta): Metadata {
  const image = meta.ogImage ?? ogImagePath(meta.path);
  const fullTitle = fullPageTitle(meta);
  return {
    title: { absolute: fullTitle },
    description: meta.description,
    alternates: { canonical: meta.path },
    openGraph: {
      type: meta.type ?? "website",
      url: meta.path,
      siteName: siteConfig.name,
      locale: siteConfig.locale,
      title: fullTitle,
      description: meta.description,
      images: [{ url: image, width: 1200, height: 630, alt: meta.title }],
      ...(meta.type === "article" ? { publishedTime: meta.publishedTime, modifiedTime: meta.modifiedTime, authors: [siteConfig.name] } : {}),
    },
    twitter: {
      card: "summary_large_image",
      title: fullTitle,
      description: meta.description,
      images: [image],
    },
  };
}
