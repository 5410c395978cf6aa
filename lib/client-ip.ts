/**
 * The client's address for rate limiting: the first X-Forwarded-For hop when behind a
 * proxy, else X-Real-IP. Used by the public forms and by staff sign-in.
 */
export function clientIp(h: Headers): string {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || "unknown";
}
