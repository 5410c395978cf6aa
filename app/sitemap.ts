import type { MetadataRoute } from "next";
import { db } from "@/lib/db";
import { listPublicPages } from "@/lib/content/public-pages";
import { absoluteUrl } from "@/lib/site-config";

export const revalidate = 3600;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const pages = await listPublicPages(db());
  return pages.map((p) => ({
    url: absoluteUrl(p.path),
    lastModified: p.lastModified,
    changeFrequency: "weekly",
    priority: p.priority,
  }));
}
