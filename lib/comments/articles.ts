import { guide as mleGuide } from "../../content/guides/machine-learning-engineer/guide";

/**
 * The articles that take comments: every guide section. Read from the guides' metadata
 * (not content/guides/index.ts, which pulls in the MDX), so lib/ and its tests can use it.
 * A new guide is one more entry here, next to its line in content/guides/index.ts.
 */
const GUIDE_METAS = [mleGuide];

const sectionPath = (guideSlug: string, sectionSlug: string) => (sectionSlug ? `/careers/${guideSlug}/${sectionSlug}` : `/careers/${guideSlug}`);

export const COMMENTABLE_ARTICLES: ReadonlyMap<string, { title: string }> = new Map(
  GUIDE_METAS.flatMap((g) => g.sections.map((s) => [sectionPath(g.slug, s.slug), { title: s.title }] as const)),
);

export function commentableArticle(path: string): { path: string; title: string } | null {
  const found = COMMENTABLE_ARTICLES.get(path);
  return found ? { path, title: found.title } : null;
}
