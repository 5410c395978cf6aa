import type { IncomingHttpHeaders } from "node:http";
import type { Refusal } from "./body-limit";

/**
 * Whether to refuse a Server Action post whose Origin is not this site, before Next sees it.
 *
 * Next refuses them too (its CSRF check in app-render/action-handler.js), but with a 500 and
 * an error logged with a stack, or a TypeError for an Origin that is not a URL: client input
 * must get a clean answer. This mirrors Next's test on the headers Next will see (after
 * prepareForwardedHeaders): a possible action (a POST with a Next-Action header, or a
 * multipart body) to a page, whose Origin's host is neither the first X-Forwarded-Host nor
 * the Host. Without an Origin, Next lets the post through (no browser sends credentials
 * that way), and so does this. Route handlers under /api/ never run actions.
 */
export function crossOriginActionRefusal(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): Refusal | null {
  if (method !== "POST") return null;
  const path = (url ?? "/").split("?")[0];
  if (path.startsWith("/api/") || path.startsWith("/_next/")) return null;
  const contentType = headers["content-type"] ?? "";
  if (headers["next-action"] === undefined && !contentType.startsWith("multipart/form-data")) return null;
  const origin = headers.origin;
  if (origin === undefined) return null;
  const refusal: Refusal = { status: 403, message: "This form can only be sent from the site's own pages.\n" };
  let originHost: string;
  if (origin === "null") return refusal;
  try {
    originHost = new URL(origin).host;
  } catch {
    return refusal;
  }
  const forwarded = headers["x-forwarded-host"];
  const forwardedHost = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0])?.trim();
  if (originHost && (originHost === forwardedHost || originHost === headers.host)) return null;
  return refusal;
}
