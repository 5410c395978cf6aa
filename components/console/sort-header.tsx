import { filtersToQuery, type InboxFilters } from "@/lib/console/inbox";
import { DEFAULT_SORT, firstDir, SORT_LABELS, type SortKey } from "@/lib/console/inbox-sort";

/**
 * A sortable column's heading: a plain link (works without JavaScript) to the same view sorted
 * by the column, first in its natural direction, then the other way on a second click. The
 * heading cell carries aria-sort (`sortState`), so a screen reader says how the table is sorted.
 */

const current = (filters: InboxFilters) => filters.sort ?? DEFAULT_SORT;

export function sortState(filters: InboxFilters, key: SortKey): "ascending" | "descending" | "none" {
  const s = current(filters);
  return s.sort !== key ? "none" : s.dir === "asc" ? "ascending" : "descending";
}

export function sortHref(path: string, filters: InboxFilters, key: SortKey): string {
  const s = current(filters);
  const dir = s.sort === key ? (s.dir === "asc" ? "desc" : "asc") : firstDir(key);
  const query = filtersToQuery({ ...filters, after: undefined, sort: { sort: key, dir } });
  return query ? `${path}?${query}` : path;
}

export function SortHeader({ path, filters, column }: { path: string; filters: InboxFilters; column: SortKey }) {
  const state = sortState(filters, column);
  const next = sortHref(path, filters, column);
  const nextDir = new URLSearchParams(next.split("?")[1] ?? "").get("dir") ?? firstDir(column);
  return (
    <a href={next} className="inline-flex min-h-6 items-center gap-1 text-brand underline decoration-dotted underline-offset-2">
      {SORT_LABELS[column]}
      <span aria-hidden="true">{state === "ascending" ? "▲" : state === "descending" ? "▼" : ""}</span>
      <span className="sr-only">{`, sort ${nextDir === "asc" ? "ascending" : "descending"}`}</span>
    </a>
  );
}
