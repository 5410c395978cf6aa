import { siteConfig } from "../site-config";

// Next's Metadata object for App Router pages is built next to them (app/(forms)/page-metadata.ts),
// so lib/ stays free of Next imports.

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
