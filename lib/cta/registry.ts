import { readFileSync } from "node:fs";
import path from "node:path";
import { withAttribution } from "../attribution";
import { GUIDE_ARTICLES } from "../content/guide-articles";

/**
 * The server's own list of the calls to action in the career guides, read from the articles'
 * MDX sources (as their outline is). The click route (/go/…) looks a CTA up here by article
 * and id and redirects only to the link this list holds: no destination ever comes from the
 * request, so /go/ cannot be made to send anyone elsewhere.
 */

export type RegisteredCta = {
  /** The article's path, e.g. /careers/machine-learning-engineer/faq. */
  article: string;
  articleTitle: string;
  /** Unique within the article. */
  id: string;
  title: string;
  /** The CTA's link as written in the article (a path on this site). */
  buttonLink: string;
  /** Where a click lands: buttonLink with the article and CTA added (lib/attribution.ts). */
  destination: string;
};

/** The shape of a CTA id and of each segment of an article path. */
const SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_ARTICLE_SEGMENTS = 8;

const CTA_TAG = /<CallToAction\b/g;
/** A self-closing <CallToAction …/> whose attributes are all plain strings. */
const CTA_BLOCK = /<CallToAction((?:\s+\w+="[^"]*")*)\s*\/>/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

/**
 * The attributes of each <CallToAction …/> in an MDX source. Throws on a CTA it cannot read
 * (an expression attribute, children), rather than leave it out of the registry.
 */
export function extractCallToActions(source: string): Record<string, string>[] {
  const blocks = [...source.matchAll(CTA_BLOCK)].map((m) => Object.fromEntries([...m[1].matchAll(ATTRIBUTE)].map((a) => [a[1], a[2]])));
  const tags = source.match(CTA_TAG)?.length ?? 0;
  if (tags !== blocks.length) throw new Error(`${tags - blocks.length} <CallToAction> tag(s) are not self-closing with plain string attributes`);
  return blocks;
}

/** A path on this site: one leading slash, not "//" or "/\" (which browsers read as another host). */
export function isLocalPath(href: string): boolean {
  if (!/^\/(?![/\\])/.test(href) || href.includes("\\") || [...href].some((c) => c.charCodeAt(0) < 0x20)) return false;
  const base = "https://local.invalid";
  return new URL(href, base).origin === base;
}

const key = (article: string, id: string) => `${article}\u0000${id}`;

function loadRegistry(root: string): Map<string, RegisteredCta> {
  const map = new Map<string, RegisteredCta>();
  for (const a of GUIDE_ARTICLES) {
    const source = readFileSync(path.join(root, "content", "guides", a.file), "utf8");
    for (const attrs of extractCallToActions(source)) {
      const { id, title, buttonLink } = attrs;
      if (!id || !SEGMENT.test(id)) throw new Error(`${a.file}: CTA id "${id}" must be 1-100 letters, digits, - or _`);
      if (!buttonLink || !isLocalPath(buttonLink)) throw new Error(`${a.file}: CTA "${id}" must link to a path on this site, not "${buttonLink}"`);
      if (map.has(key(a.path, id))) throw new Error(`${a.file}: two CTAs with the id "${id}"`);
      const destination = withAttribution(buttonLink, { article: a.path, cta: id });
      map.set(key(a.path, id), { article: a.path, articleTitle: a.title, id, title: title ?? id, buttonLink, destination });
    }
  }
  return map;
}

const registries = new Map<string, Map<string, RegisteredCta>>();

/** Every CTA of every guide article, in article order. Read once per process. */
export function ctaRegistry(root: string = process.cwd()): ReadonlyMap<string, RegisteredCta> {
  let registry = registries.get(root);
  if (!registry) registries.set(root, (registry = loadRegistry(root)));
  return registry;
}

export function findCta(article: string, id: string, root?: string): RegisteredCta | null {
  return ctaRegistry(root).get(key(article, id)) ?? null;
}

export function ctasOfArticle(article: string, root?: string): RegisteredCta[] {
  return [...ctaRegistry(root).values()].filter((c) => c.article === article);
}

/**
 * The (article, CTA id) a /go/… or /seen/… path names, from its segments after the prefix:
 * the last is the CTA id, the others the article's path. Null when the shape is wrong
 * (empty, dots, slashes or backslashes inside a segment, too many segments).
 */
export function parseCtaSegments(segments: readonly string[]): { article: string; id: string } | null {
  if (segments.length < 2 || segments.length > MAX_ARTICLE_SEGMENTS + 1) return null;
  if (!segments.every((s) => SEGMENT.test(s))) return null;
  return { article: `/${segments.slice(0, -1).join("/")}`, id: segments[segments.length - 1]! };
}
