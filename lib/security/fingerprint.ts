import { createHmac } from "node:crypto";

/**
 * Signals for the referral fraud checks, stored with each submission: a keyed hash of the
 * client IP (the address itself is never stored) and the first-party browser id that
 * proxy.ts keeps in a cookie. The key is FINGERPRINT_SECRET, else BETTER_AUTH_SECRET, so a
 * leaked table cannot be reversed by hashing every IPv4 address.
 */
const DEV_KEY = "loomstack-dev-fingerprint-key";

export function fingerprintKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.FINGERPRINT_SECRET?.trim() || env.BETTER_AUTH_SECRET?.trim() || DEV_KEY;
}

/** A stable, keyed, non-reversible id for an IP address; undefined when the IP is unknown. */
export function hashIp(ip: string | undefined, key = fingerprintKey()): string | undefined {
  const clean = ip?.trim().toLowerCase();
  if (!clean || clean === "unknown") return undefined;
  return createHmac("sha256", key).update(`ip:${clean}`).digest("base64url").slice(0, 32);
}
