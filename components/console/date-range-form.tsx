import type { ReactNode } from "react";
import { FilterForm, FilterInput, FilterSubmit } from "@/components/console/filters";
import { Notice } from "@/components/console/page-parts";
import { MAX_RANGE_DAYS, type DashboardRange } from "@/lib/console/dashboard";

const longDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "Mon, 9 Nov 2026" for a YYYY-MM-DD day (UTC, as the range's days are). */
export const formatRangeDay = (date: string | Date) => longDay.format(typeof date === "string" ? new Date(`${date}T00:00:00.000Z`) : date);

/** "Mon, 9 Nov 2026 to Tue, 8 Dec 2026 (UTC)". */
export const rangeText = (range: DashboardRange) => `${formatRangeDay(range.start)} to ${formatRangeDay(range.to)} (UTC)`;

/** The dashboard's and the CTA page's From/To form, with a notice when the range was cut to the longest allowed. */
export function DateRangeForm({ action, range, children }: { action: string; range: DashboardRange; children?: ReactNode }) {
  return (
    <>
      <FilterForm action={action} label="Date range">
        <FilterInput id="from" label="From" type="date" defaultValue={range.from} required />
        <FilterInput id="to" label="To (inclusive)" type="date" defaultValue={range.to} required />
        <FilterSubmit>Show</FilterSubmit>
        {children}
      </FilterForm>
      {range.clamped && (
        <Notice className="mt-4">
          Ranges are limited to {MAX_RANGE_DAYS} days: showing the last {MAX_RANGE_DAYS} days up to {formatRangeDay(range.to)}.
        </Notice>
      )}
    </>
  );
}
