/**
 * The links a tracked CTA renders (browser-safe: no file or database access, so the article
 * page's component can import it). The registry (./registry.ts) is the server's side.
 */

/** The first-party link a tracked CTA's button points at: counts the click, then redirects. */
export const ctaClickPath = (article: string, id: string) => `/go${article}/${id}`;
/** The image under a tracked CTA: counts the impression. */
export const ctaBeaconPath = (article: string, id: string) => `/seen${article}/${id}`;

export type CtaTracking = { href: string; beacon: string };

/**
 * The tracking links for a CTA an article renders, checked against the registry's entries
 * for that article (passed in from getStaticProps): a CTA the registry lacks, or whose link
 * differs from the registry's, fails the page's build instead of rendering a dead /go/ link.
 */
export function ctaTracking(article: string, cta: { id: string; buttonLink: string }, registered: readonly { id: string; buttonLink: string }[]): CtaTracking {
  const entry = registered.find((r) => r.id === cta.id);
  if (!entry) throw new Error(`CTA "${cta.id}" on ${article} is not in the CTA registry (lib/cta/registry.ts reads it from the article's MDX)`);
  if (entry.buttonLink !== cta.buttonLink) throw new Error(`CTA "${cta.id}" on ${article} links to ${cta.buttonLink}, the registry to ${entry.buttonLink}`);
  return { href: ctaClickPath(article, cta.id), beacon: ctaBeaconPath(article, cta.id) };
}
