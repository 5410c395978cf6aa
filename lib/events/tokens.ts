import { createHmac, timingSafeEqual } from "node:crypto";
import { fingerprintKey } from "../security/fingerprint";

/**
 * The link in every RSVP email that opens the person's RSVP (cancel, calendar file): the
 * RSVP's id with a keyed hash of it, so every email about one RSVP carries the same link,
 * nothing secret is stored, and a guessed id is useless without the key (FINGERPRINT_SECRET,
 * else BETTER_AUTH_SECRET). Cancelling needs a POST from the page it opens, so a mail
 * scanner that fetches links cannot cancel anyone.
 */
export const RSVP_TOKEN_PATTERN = /^[a-z0-9]{20,40}\.[A-Za-z0-9_-]{32}$/;

function mac(rsvpId: string, key: string): string {
  return createHmac("sha256", key).update(`event-rsvp:${rsvpId}`).digest("base64url").slice(0, 32);
}

export function rsvpToken(rsvpId: string, key = fingerprintKey()): string {
  return `${rsvpId}.${mac(rsvpId, key)}`;
}

/** The RSVP id a token names, or null when it was not made with our key. */
export function rsvpIdFromToken(token: string, key = fingerprintKey()): string | null {
  if (!RSVP_TOKEN_PATTERN.test(token)) return null;
  const [id, given] = token.split(".");
  const a = Buffer.from(given);
  const b = Buffer.from(mac(id, key));
  return a.length === b.length && timingSafeEqual(a, b) ? id : null;
}

export const rsvpManageUrl = (siteUrl: string, rsvpId: string) => `${siteUrl}/rsvp/manage/${rsvpToken(rsvpId)}`;
export const rsvpCalendarUrl = (siteUrl: string, rsvpId: string) => `${siteUrl}/rsvp/manage/${rsvpToken(rsvpId)}/calendar.ics`;
