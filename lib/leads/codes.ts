import { randomBytes, randomUUID } from "node:crypto";

// No 0/O, 1/I/L: codes people read aloud or type from an email.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** Bytes at or above this would make `byte % 31` favour the first letters: they are skipped. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/** `length` characters from ALPHABET, each equally likely (rejection sampling, no modulo bias). */
export function randomCode(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Personal referral code, e.g. "K7QW3MZP"; the link is /r/<code>. */
export const newReferralCode = () => randomCode(8);

/** Newsletter discount code, e.g. "LOOM20-9XK4TQ2M". */
export const newDiscountCode = (percent = 20) => `LOOM${percent}-${randomCode(8)}`;

/** Secret in a referral invitation's "confirm interest" link. */
export const newInviteToken = () => randomCode(24);
export const INVITE_TOKEN_PATTERN = /^[A-Z2-9]{24}$/;

/** Idempotency token for one rendering of a form. */
export const newSubmissionToken = () => randomUUID();

export const SUBMISSION_TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
