import type { Page, Response } from "@playwright/test";
import { guide } from "../../content/guides/machine-learning-engineer/guide";
import { programCatalog } from "../../lib/content/program-catalog";
import { LEGAL_DOCS, legalDocumentPath } from "../../lib/legal/registry";
import { SAMPLE_EVENTS } from "../../lib/events/seed-events";

/** The public pages the seeded test database should produce (checked against sitemap.xml). */
export const guidePaths = guide.sections.map((s) => (s.slug ? `/careers/${guide.slug}/${s.slug}` : `/careers/${guide.slug}`));
export const programPaths = programCatalog.map((p) => `/programs/${p.slug}`);
export const legalPaths = LEGAL_DOCS.map(legalDocumentPath);
export const peoplePaths = ["/about", "/outcomes", "/stories"];
/** The seeded sample events (all upcoming when the database is seeded). */
export const eventPaths = ["/events", ...SAMPLE_EVENTS.map((e) => `/events/${e.slug}`)];
/** Content pages: static HTML with no JavaScript. */
export const contentPaths = ["/", "/programs", ...programPaths, "/careers", ...guidePaths, ...legalPaths, ...peoplePaths, ...eventPaths];
/** Form pages: the only public pages that load JavaScript (React, react-hook-form, zod). */
export const formPaths = ["/apply", "/quote", "/refer", "/newsletter", "/call-back", "/syllabus", "/book"];
export const publicPaths = [...contentPaths, ...formPaths];

/** JSON-LD @types each kind of page must carry. */
export function expectedJsonLdTypes(path: string): string[] {
  if (path === "/careers/machine-learning-engineer/faq") return ["Article", "BreadcrumbList", "FAQPage"];
  if (path.startsWith("/careers/machine-learning-engineer")) return ["Article", "BreadcrumbList"];
  if (path.startsWith("/programs/")) return ["Course", "BreadcrumbList"];
  if (path.startsWith("/events/")) return ["Event", "BreadcrumbList"];
  if (path === "/") return ["EducationalOrganization", "WebSite"];
  if (formPaths.includes(path)) return [];
  if (legalPaths.includes(path)) return ["WebPage", "BreadcrumbList"];
  if (path === "/about") return ["AboutPage", "EducationalOrganization", "BreadcrumbList"];
  if (peoplePaths.includes(path)) return ["WebPage", "BreadcrumbList"];
  return ["BreadcrumbList"];
}

/** Pages that load once more when JavaScript reports the browser's time zone (`tz` in the URL). */
export const zoneReloadPaths = ["/book"];

/**
 * Opens a public page, with JavaScript on, and waits until it has settled: /book loads again
 * with the browser's zone, and a check made before that would read a page being replaced.
 * The response is the first load's.
 */
export async function openPublicPage(page: Page, path: string, options?: Parameters<Page["goto"]>[1]): Promise<Response | null> {
  const res = await page.goto(path, options);
  if (zoneReloadPaths.includes(path)) await page.waitForURL(/[?&]tz=/, { waitUntil: options?.waitUntil ?? "load" });
  return res;
}
