import { filtersToQuery, FILTER_KEYS, NO_NEXT_TASK, NO_SOURCE, WAITING_24H, type InboxFilters } from "./inbox";

/**
 * The inbox's chosen filters as removable chips: what each one is ("Status: Lost"), and the
 * link to the same view without it. The page keeps the filters in the URL, so a chip is a
 * plain link and works without JavaScript; removing one goes back to the first page.
 */

export type FilterChip = { key: (typeof FILTER_KEYS)[number]; label: string; value: string; removeHref: string };

export const FILTER_LABELS: Record<(typeof FILTER_KEYS)[number], string> = {
  q: "Search",
  form: "Form",
  status: "Status",
  program: "Program",
  cohort: "Cohort",
  owner: "Owner",
  source: "UTM source",
  medium: "UTM medium",
  campaign: "UTM campaign",
  article: "Article",
  cta: "Call to action",
  from: "From",
  to: "To",
  waiting: "Waiting",
  nextTask: "Next task",
};

/** The filters shown in the bar itself; the rest sit under "More filters". */
export const MAIN_FILTERS = ["q", "status", "program", "owner"] as const;

/** Names for ids and codes: form types, statuses, programs, cohorts, staff. Unknown values show as they are. */
export type ChipNames = {
  form?: Record<string, string>;
  status?: Record<string, string>;
  program?: Map<string, string>;
  cohort?: Map<string, string>;
  owner?: Map<string, string>;
};

function valueText(key: (typeof FILTER_KEYS)[number], value: string, names: ChipNames): string {
  switch (key) {
    case "form":
      return names.form?.[value] ?? value;
    case "status":
      return names.status?.[value] ?? value;
    case "program":
      return names.program?.get(value) ?? value;
    case "cohort":
      return names.cohort?.get(value) ?? value;
    case "owner":
      return value === "me" ? "Me" : value === "none" ? "Unassigned" : (names.owner?.get(value) ?? value);
    case "source":
      return value === NO_SOURCE ? "none (direct)" : value;
    case "waiting":
      return value === WAITING_24H ? "new, more than 24 h" : value;
    case "nextTask":
      return value === NO_NEXT_TASK ? "none after first contact" : value;
    default:
      return value;
  }
}

export function filterChips(filters: InboxFilters, path: string, names: ChipNames = {}): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (!value) continue;
    const query = filtersToQuery({ ...filters, [key]: undefined, after: undefined });
    chips.push({ key, label: FILTER_LABELS[key], value: valueText(key, value, names), removeHref: query ? `${path}?${query}` : path });
  }
  return chips;
}

/** Whether any filter outside the main bar is chosen (then "More filters" starts open). */
export const usesMoreFilters = (filters: InboxFilters): boolean =>
  FILTER_KEYS.some((k) => !(MAIN_FILTERS as readonly string[]).includes(k) && Boolean(filters[k]));
