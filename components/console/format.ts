import { FORM_LABELS, type LeadType } from "@/lib/leads/form-types";

/**
 * How the staff console writes dates and numbers: in the staff member's own time zone
 * (lib/console/staff-time-zone.ts; pages get theirs from `consoleClock()` in
 * app/(console)/time-zone.ts), in one British-style format. The console's header names the
 * zone once, so columns and sentences do not repeat it.
 */

type Formatters = { dateTime: Intl.DateTimeFormat; dateTimeSeconds: Intl.DateTimeFormat; dateOnly: Intl.DateTimeFormat };

// A DateTimeFormat costs far more to build than to use: one set per zone for the process.
const byZone = new Map<string, Formatters>();

function formatters(timeZone: string): Formatters {
  let f = byZone.get(timeZone);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }),
      dateTimeSeconds: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone }),
      dateOnly: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }),
    };
    byZone.set(timeZone, f);
  }
  return f;
}

export type WhenOptions = {
  seconds?: boolean;
  /** What a missing date reads as. */
  empty?: string;
};

export type ConsoleFormat = {
  timeZone: string;
  /** "21 Nov 2026, 14:05"; with seconds for the outbox, where retries are seconds apart. */
  formatDateTime(date: Date, options?: { seconds?: boolean }): string;
  /** "21 Nov 2026". */
  formatDate(date: Date): string;
  /** A date that may be missing: formatted, or a dash. */
  formatWhen(date: Date | null | undefined, options?: WhenOptions): string;
};

/** The console's date formatting in one zone. */
export function consoleFormat(timeZone: string): ConsoleFormat {
  const f = formatters(timeZone);
  const formatDateTime = (date: Date, { seconds = false }: { seconds?: boolean } = {}) => (seconds ? f.dateTimeSeconds : f.dateTime).format(date);
  return {
    timeZone,
    formatDateTime,
    formatDate: (date) => f.dateOnly.format(date),
    formatWhen: (date, { seconds = false, empty = "—" } = {}) => (date ? formatDateTime(date, { seconds }) : empty),
  };
}

const count = new Intl.NumberFormat("en-US");

/** 12,345 */
export function formatCount(n: number): string {
  return count.format(n);
}

/** A stored form type as its name ("Enrollment application"); an unknown one as stored. */
export function formLabel(formType: string): string {
  return FORM_LABELS[formType as LeadType] ?? formType;
}

const calendarDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * "21 Nov 2026" for a calendar date stored as midnight UTC (a story's date, a report's
 * period, a code's last day): the same date in every zone, so it is read in UTC.
 */
export function formatCalendarDate(date: Date): string {
  return calendarDate.format(date);
}
