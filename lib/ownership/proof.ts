import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * After someone uses an ownership link, a short-lived signed cookie lets them look at what
 * belongs to that address (their referral link, balance and friends) without another email
 * for every page view. It names the contact and expires; nothing else is in it, and only the
 * server can make one.
 */
export const PROOF_COOKIE = "ls_owner";
export const PROOF_MINUTES = 30;

export type Proof = { contactId: string; email: string; expiresAt: number };

const sign = (body: string, key: string) => createHmac("sha256", `ownership-proof:${key}`).update(body).digest("base64url");

export function signProof(p: { contactId: string; email: string }, key: string, now: Date, minutes = PROOF_MINUTES): string {
  const body = Buffer.from(JSON.stringify({ c: p.contactId, e: p.email, x: now.getTime() + minutes * 60_000 })).toString("base64url");
  return `${body}.${sign(body, key)}`;
}

/** The proof in a cookie value, or null when it is missing, forged, malformed or expired. */
export function readProof(value: string | undefined, key: string, now: Date): Proof | null {
  if (!value || value.length > 1000) return null;
  const [body, mac, extra] = value.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, key));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { c?: unknown; e?: unknown; x?: unknown };
    if (typeof parsed.c !== "string" || typeof parsed.e !== "string" || typeof parsed.x !== "number") return null;
    if (parsed.x <= now.getTime()) return null;
    return { contactId: parsed.c, email: parsed.e, expiresAt: parsed.x };
  } catch {
    return null;
  }
}
