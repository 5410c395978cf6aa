/**
 * Attribution that travels from a call-to-action into the form it opens. Form pages (and
 * the lead they create) read these query parameters; keep the names in one place.
 */
export const ATTRIBUTION_PARAMS = {
  article: "article",
  cta: "cta",
} as const;

export const FORM_PATHS = ["/apply", "/quote", "/refer", "/newsletter", "/call-back", "/book"] as const;
export type FormPath = (typeof FORM_PATHS)[number];

export function isFormPath(path: string): path is FormPath {
  return (FORM_PATHS as readonly string[]).includes(path);
}

/**
 * Adds the article (the page path that shows the CTA) and the CTA id to a link, keeping
 * any query it already has (e.g. `?program=...`).
 */
export function withAttribution(href: string, source: { article?: string; cta: string }): string {
  const url = new URL(href, "https://attribution.invalid");
  if (source.article) url.searchParams.set(ATTRIBUTION_PARAMS.article, source.article);
  url.searchParams.set(ATTRIBUTION_PARAMS.cta, source.cta);
  return url.pathname + url.search + url.hash;
}
