/**
 * What one referral point is worth: the one place that says it. Pages, forms and emails
 * import this (lib/referrals/catalogue.ts re-exports it); it has no imports, so the browser can.
 */
export const POINT_VALUE_DOLLARS = 1;
export const POINT_WORTH = `1 point = $${POINT_VALUE_DOLLARS} off tuition`;
