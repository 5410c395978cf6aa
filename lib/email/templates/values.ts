import type { SummaryRow } from "../template-data";

/**
 * Readers for stored template data. The data is JSON written when the lead was saved, so an
 * older row may lack a field or hold another shape: each reader returns a safe value instead
 * of throwing.
 */

/** A trimmed, non-empty string, or null. */
export function str(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** A finite number, or the fallback. */
export function num(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** Rows with a label; values that are numbers or booleans are shown as text, others dropped. */
export function rows(value: unknown): SummaryRow[] {
  if (!Array.isArray(value)) return [];
  const out: SummaryRow[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const { label, value: v } = item as { label?: unknown; value?: unknown };
    const l = str(label);
    if (!l) continue;
    const shown = typeof v === "string" ? v.trim() : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
    out.push({ label: l, value: shown === "" ? "—" : shown });
  }
  return out;
}

/** An http(s) or mailto URL, or null: anything else is never put in an href. */
export function url(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  try {
    const parsed = new URL(s);
    return parsed.protocol === "http:" || parsed.protocol === "https:" || parsed.protocol === "mailto:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** The site origin without a trailing slash. */
export function origin(siteUrl: unknown): string {
  return (str(siteUrl) ?? "").replace(/\/+$/, "");
}

const numberFormat = new Intl.NumberFormat("en-US");

/** Formats a count for people: 1,200. */
export function count(n: number): string {
  return numberFormat.format(n);
}

/** "Hi Ada," or "Hello," when the name is unknown. */
export function greeting(name: unknown): string {
  const n = str(name);
  return n ? `Hi ${n},` : "Hello,";
}

/** The newsletter discount, 20% unless the data says otherwise. */
export function discountPercent(data: { discountPercent?: unknown }): number {
  const p = num(data.discountPercent, 20);
  return p > 0 && p <= 100 ? p : 20;
}

export type ReferralPoints = {
  earnedNow: number;
  pending: number;
  confirmed: number;
  referralCode: string | null;
  referralLink: string | null;
  rewards: { name: string; points: number }[];
};

/** The referral points block, or null when the data has none. */
export function referralPoints(value: unknown): ReferralPoints | null {
  if (typeof value !== "object" || value === null) return null;
  const p = value as Record<string, unknown>;
  return {
    earnedNow: num(p.earnedNow, 0),
    pending: num(p.pending, 0),
    confirmed: num(p.confirmed, 0),
    referralCode: str(p.referralCode),
    referralLink: str(p.referralLink),
    rewards: Array.isArray(p.rewards)
      ? p.rewards.flatMap((r: unknown) => {
          const o = typeof r === "object" && r !== null ? (r as Record<string, unknown>) : {};
          const name = str(o.name);
          return name ? [{ name, points: num(o.points, 0) }] : [];
        })
      : [],
  };
}

/** One line: control characters and line breaks become spaces, runs of spaces collapse. */
export function oneLine(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- strips control characters from a value on purpose
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Shortens to at most `max` characters (code points), ending with an ellipsis when cut. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max
    ? value
    : chars
        .slice(0, max - 1)
        .join("")
        .trimEnd() + "…";
}

/** A user-supplied value for a subject: one line, at most `max` characters, or null. */
export function subjectPart(value: unknown, max = 60): string | null {
  const s = str(value);
  if (!s) return null;
  const line = oneLine(s);
  return line ? clip(line, max) : null;
}
