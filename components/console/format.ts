import { FORM_LABELS, type LeadType } from "@/lib/leads/form-types";

/**
 * How the staff console writes dates and numbers. Console dates are always UTC (staff work
 * across time zones, and the column headings say so), in one British-style format.
 */

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const count = new Intl.NumberFormat("en-US");

/** "21 Nov 2026, 14:05" (UTC); with seconds for the outbox, where retries are seconds apart. */
export function formatDateTime(date: Date, { seconds = false }: { seconds?: boolean } = {}): string {
  return (seconds ? dateTimeSeconds : dateTime).format(date);
}

/** "21 Nov 2026" (UTC). */
export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

export type WhenOptions = {
  /** Append " UTC" (for dates in running text, where no column heading says so). */
  utc?: boolean;
  seconds?: boolean;
  /** What a missing date reads as. */
  empty?: string;
};

/** A date that may be missing: formatted, or a dash. */
export function formatWhen(date: Date | null | undefined, { utc = false, seconds = false, empty = "—" }: WhenOptions = {}): string {
  if (!date) return empty;
  const text = formatDateTime(date, { seconds });
  return utc ? `${text} UTC` : text;
}

/** 12,345 */
export function formatCount(n: number): string {
  return count.format(n);
}

/** A stored form type as its name ("Enrollment application"); an unknown one as stored. */
export function formLabel(formType: string): string {
  return FORM_LABELS[formType as LeadType] ?? formType;
}
