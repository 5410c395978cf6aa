import { isbot } from "isbot";

/**
 * Whether a request to a CTA's beacon or link is a person's view or click worth counting:
 * a GET (not HEAD), from a browser that names itself and is not a known bot (isbot's list),
 * and not a prefetch or preview the browser made on its own.
 */
export function isCountableHit(request: { method: string; headers: Headers }): boolean {
  if (request.method !== "GET") return false;
  const ua = request.headers.get("user-agent")?.trim();
  if (!ua || isbot(ua)) return false;
  // Chrome and Firefox speculative loads: Sec-Purpose/Purpose "prefetch" (or "prefetch;prerender");
  // older Firefox: X-Moz: prefetch; Safari's Top Sites previews: X-Purpose: preview.
  const purpose = [request.headers.get("sec-purpose"), request.headers.get("purpose"), request.headers.get("x-moz"), request.headers.get("x-purpose")]
    .filter(Boolean)
    .join(";")
    .toLowerCase();
  return !/prefetch|prerender|preview/.test(purpose);
}
