import { randomBytes, randomUUID } from "node:crypto";

// No 0/O, 1/I/L: codes people read aloud or type from an email.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
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
