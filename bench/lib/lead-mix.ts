/**
 * The mix of seeded leads every console benchmark shares (bench/console.ts on SQLite,
 * bench/dashboard-postgres.ts on PostgreSQL): what share of leads comes from each form, is in
 * each status and arrives from each UTM source. Weights, not percentages; order matters to
 * the seeded random draws, so append rather than reorder.
 */
import type { LeadStatus } from "../../lib/console/inbox";
import type { FormType } from "../../lib/leads/form-types";

/** A share per key, as a weighted pick's table (in the object's order). */
export const shares = <K extends string>(weights: Record<K, number>) => Object.entries(weights) as [K, number][];

export const FORM_WEIGHTS = shares({
  enroll: 30,
  quote: 15,
  referral: 10,
  newsletter: 30,
  callback: 10,
  redemption: 5,
  syllabus: 8,
  event: 8,
  comment: 0,
  booking: 0,
} satisfies Record<FormType, number>);

export const STATUS_WEIGHTS = shares({ new: 70, contacted: 12, qualified: 7, enrolled: 4, lost: 7 } satisfies Record<LeadStatus, number>);

/** null: no UTM source (direct). */
export const SOURCES = [
  [null, 52],
  ["google", 16],
  ["newsletter", 8],
  ["linkedin", 7],
  ["facebook", 6],
  ["reddit", 4],
  ["bing", 3],
  ["partner", 2],
  ["youtube", 2],
] as const;
