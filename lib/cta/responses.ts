import type { Db } from "../db";
import { siteConfig } from "../site-config";
import { recordCtaHit, type CtaEvent } from "./counts";
import { isCountableHit } from "./filter";
import { findCta, parseCtaSegments, type RegisteredCta } from "./registry";

/**
 * The two tracking responses, as plain Request → Response functions (the route handlers in
 * app/go and app/seen only pass them the database and the clock):
 * - the beacon: a 1×1 transparent GIF under each CTA, loaded lazily; fetching it counts an impression;
 * - the click: /go/<article>/<cta> counts a click and redirects (303) to the CTA's own link.
 * Counting never decides the answer: a failed or slow write is logged and the visitor still
 * gets the image or the redirect.
 */

export type CtaDeps = { db: Db; now: Date; root?: string; log?: (message: string, error: unknown) => void };

/** The smallest transparent GIF (1×1, 43 bytes). */
export const BEACON_GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** How long a response waits for its count before answering anyway. */
export const COUNT_WAIT_MS = 1500;

const NOT_FOUND_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Page not found | ${siteConfig.name}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#14211f">
<main><h1>Page not found</h1><p>This link is not in use any more.</p>
<p><a href="/careers">Browse the career guides</a> or <a href="/">go to the home page</a>.</p></main></body></html>
`;

const TRACKING_HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };

function notFound(request: Request): Response {
  const body = request.method === "HEAD" ? null : NOT_FOUND_HTML;
  return new Response(body, { status: 404, headers: { ...TRACKING_HEADERS, "Content-Type": "text/html; charset=utf-8" } });
}

async function count(request: Request, cta: RegisteredCta, event: CtaEvent, deps: CtaDeps): Promise<void> {
  if (!isCountableHit(request)) return;
  const log = deps.log ?? ((m, e) => console.error(m, e));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = recordCtaHit(deps.db, { article: cta.article, cta: cta.id, event, now: deps.now }).catch((error: unknown) =>
    log(`cta: could not count a ${event} of ${cta.article} ${cta.id}`, error),
  );
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, COUNT_WAIT_MS)));
  await Promise.race([write, late]);
  clearTimeout(timer);
}

function lookUp(segments: readonly string[]): RegisteredCta | null {
  const ref = parseCtaSegments(segments);
  return ref && findCta(ref.article, ref.id);
}

/** GET/HEAD /seen/<article>/<cta>: the beacon image (404 for a CTA the registry does not hold). */
export async function ctaImpressionResponse(request: Request, segments: readonly string[], deps: CtaDeps): Promise<Response> {
  const cta = lookUp(segments);
  if (!cta) return notFound(request);
  await count(request, cta, "impression", deps);
  return new Response(request.method === "HEAD" ? null : new Uint8Array(BEACON_GIF), {
    status: 200,
    headers: { ...TRACKING_HEADERS, "Content-Type": "image/gif", "Content-Length": String(BEACON_GIF.length) },
  });
}

/**
 * GET/HEAD /go/<article>/<cta>: a 303 to the CTA's link from the registry, with the
 * article and CTA attribution. The Location is relative (as /r/<code>'s), so it stays on
 * whatever host the visitor used.
 */
export async function ctaClickResponse(request: Request, segments: readonly string[], deps: CtaDeps): Promise<Response> {
  const cta = lookUp(segments);
  if (!cta) return notFound(request);
  await count(request, cta, "click", deps);
  return new Response(null, { status: 303, headers: { ...TRACKING_HEADERS, Location: cta.destination } });
}
