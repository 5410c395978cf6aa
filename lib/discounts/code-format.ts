/**
 * What a discount or referral code looks like, for the /apply field's schema (browser-safe)
 * and the check (lib/discounts/check.ts). Codes are stored upper-case (lib/leads/codes.ts):
 * "LOOM20-9XK4TQ2M", "K7QW3MZP". What is typed is trimmed and upper-cased, so the match is
 * case-insensitive.
 */
export const CODE_MAX_LENGTH = 40;
export const CODE_PATTERN = /^[A-Z0-9-]+$/;

/** " loom20-9xk4tq2m " → "LOOM20-9XK4TQ2M". */
export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase();
}
