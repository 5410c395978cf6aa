import type { SummaryRow } from "../email/template-data";

/** A non-empty string, or undefined. */
export const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** Labelled values, leaving out the ones that are empty. */
export function summaryRows(pairs: [string, string | undefined | null][]): SummaryRow[] {
  return pairs.filter((r): r is [string, string] => typeof r[1] === "string" && r[1] !== "").map(([label, value]) => ({ label, value }));
}

/** A program's name from the catalogue, else its slug. */
export const programName = (names: { programs?: Map<string, string> }, slug: unknown) =>
  typeof slug === "string" ? (names.programs?.get(slug) ?? slug) : undefined;
