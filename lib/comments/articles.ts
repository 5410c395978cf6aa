import { GUIDE_ARTICLES } from "../content/guide-articles";

/** The articles that take comments: every guide section (lib/content/guide-articles.ts). */
export const COMMENTABLE_ARTICLES: ReadonlyMap<string, { title: string }> = new Map(GUIDE_ARTICLES.map((a) => [a.path, { title: a.title }] as const));

export function commentableArticle(path: string): { path: string; title: string } | null {
  const found = COMMENTABLE_ARTICLES.get(path);
  return found ? { path, title: found.title } : null;
}
