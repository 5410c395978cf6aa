import { queryParam, type SearchParams } from "@/components/forms/page-data";

export type { SearchParams };

/**
 * A console page's query parameter: queryParam() (first value, trimmed, control characters
 * removed, undefined when empty) clipped to `max` characters. Console pages compare most of
 * these with short keys, and echo a few (an action's error message) into the page.
 */
export function param(params: SearchParams, key: string, max = 300): string | undefined {
  return queryParam(params, key)?.slice(0, max);
}

/** A list page's own URL: its filters (empty ones left out), then the page number (left out on the first). */
export function listHref(path: string, filters: Record<string, string | undefined>, page = 1): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return `${path}${search ? `?${search}` : ""}`;
}
