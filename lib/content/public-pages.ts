import { guidePath, guides } from "../../content/guides";
import type { Db } from "../db";
import { LEGAL_DOCS, LEGAL_DOCUMENTS, currentVersion, legalDocumentPath } from "../legal/registry";
import { FORM_PAGES } from "./form-pages";
import { listPrograms } from "./programs";
import { listPeoplePages } from "../people/pages";
import { listUpcomingEvents } from "../events/public";

export type PublicPage = {
  path: string;
  /** Short label for the Open Graph card. */
  eyebrow: string;
  title: string;
  subtitle?: string;
  lastModified: Date;
  priority: number;
};

const LAUNCH = new Date("2026-10-01T00:00:00Z");

/**
 * Every public, indexable page. The sitemap, the Open Graph images and the browser tests
 * all start from this list, so a new page shows up in all three.
 */
export async function listPublicPages(db: Db): Promise<PublicPage[]> {
  const programs = await listPrograms(db);
  const events = await listUpcomingEvents(db);
  const latestGuideUpdate = guides.flatMap((g) => g.sections.map((s) => new Date(s.updated))).reduce((a, b) => (a > b ? a : b), LAUNCH);
  const latestProgramUpdate = programs.map((p) => new Date(p.updatedAt)).reduce((a, b) => (a > b ? a : b), LAUNCH);
  return [
    {
      path: "/",
      eyebrow: "Loomstack Academy",
      title: "Learn the skills. Land the role. Keep your life.",
      subtitle: "Live, mentor-led bootcamps in ML, software and data",
      lastModified: latestProgramUpdate,
      priority: 1,
    },
    {
      path: "/programs",
      eyebrow: "Programs & pricing",
      title: "Compare bootcamps, dates and tuition",
      lastModified: latestProgramUpdate,
      priority: 0.9,
    },
    ...programs.map((p) => ({
      path: `/programs/${p.slug}`,
      eyebrow: `Bootcamp · ${p.durationWeeks} weeks`,
      title: p.name,
      subtitle: p.tagline,
      lastModified: new Date(p.updatedAt),
      priority: 0.9,
    })),
    {
      path: "/careers",
      eyebrow: "Career guides",
      title: "Know the job before you train for it",
      lastModified: latestGuideUpdate,
      priority: 0.7,
    },
    ...FORM_PAGES.map((f) => ({ path: f.path, eyebrow: f.eyebrow, title: f.title, lastModified: LAUNCH, priority: 0.6 })),
    ...guides.flatMap((g) =>
      g.sections.map((s) => ({
        path: guidePath(g, s),
        eyebrow: `Career guide · ${g.shortTitle}`,
        title: s.title,
        lastModified: new Date(s.updated),
        priority: s.slug ? 0.7 : 0.8,
      })),
    ),
    // The current version of each legal text (earlier versions stay readable but are not listed).
    ...LEGAL_DOCS.map((doc) => ({
      path: legalDocumentPath(doc),
      eyebrow: "Legal",
      title: LEGAL_DOCUMENTS[doc].title,
      lastModified: currentVersion(doc).effectiveAt,
      priority: 0.3,
    })),
    ...(await listPeoplePages(db, LAUNCH)),
    { path: "/events", eyebrow: "Events", title: "Info sessions and open houses", lastModified: LAUNCH, priority: 0.6 },
    ...events.map((e) => ({
      path: `/events/${e.slug}`,
      eyebrow: `Event · ${e.shortWhen}`,
      title: e.title,
      lastModified: new Date(e.updatedAt),
      priority: 0.6,
    })),
  ];
}
