import type { Metadata } from "next";
import { siteConfig } from "../site-config";

export type PageMeta = {
  /** Page title without the brand suffix. */
  title: string;
  description: string;
  /** Canonical path, e.g. "/programs". */
  path: string;
  /** Path of the page's Open Graph image (see app/og). */
  ogImage?: string;
  type?: "website" | "article";
  publishedTime?: string;
  modifiedTime?: string;
};

/** Open Graph images are rendered locally by app/og/[...key]/route.tsx. */
export function ogImagePath(path: string): string {
  const key = path === "/" ? "home" : path.replace(/^\/+/, "");
  return `/og/${key}`;
}

export function fullPageTitle(meta: Pick<PageMeta, "title" | "path">): string {
  return meta.path === "/" ? `${siteConfig.name}: ${meta.title}` : `${meta.title} | ${siteConfig.name}`;
}

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
      ...(meta.type === "article"
        ? { publishedTime: meta.publishedTime, modifiedTime: meta.modifiedTime, authors: [siteConfig.name] }
        : {}),
    },
    twitter: {
      card: "summary_large_image",
      title: fullTitle,
      description: meta.description,
      images: [image],
    },
  };
}
