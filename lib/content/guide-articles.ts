import { guide as mleGuide } from "../../content/guides/machine-learning-engineer/guide";

/**
 * Every career-guide article (one per guide section): its path, title and MDX file. Read
 * from the guides' metadata, not content/guides/index.ts (which pulls in the MDX), so lib/
 * and its tests can use it. A new guide is one more entry in GUIDE_METAS, next to its line
 * in content/guides/index.ts; its files follow that file's naming (overview.mdx for the
 * guide's first section, <section slug>.mdx for the others).
 */
const GUIDE_METAS = [mleGuide];

export type GuideArticle = {
  path: string;
  title: string;
  /** The MDX source, relative to content/guides/. */
  file: string;
};

const sectionPath = (guideSlug: string, sectionSlug: string) => (sectionSlug ? `/careers/${guideSlug}/${sectionSlug}` : `/careers/${guideSlug}`);

export const GUIDE_ARTICLES: readonly GuideArticle[] = GUIDE_METAS.flatMap((g) =>
  g.sections.map((s) => ({ path: sectionPath(g.slug, s.slug), title: s.title, file: `${g.slug}/${s.slug || "overview"}.mdx` })),
);
