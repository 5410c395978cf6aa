/**
 * The one reader of URL query parameters, for pages (Next's `searchParams` object) and for
 * lib code that parses a URL (URLSearchParams). Every page, filter and range parser reads
 * through it, so a hostile query string is tamed the same way everywhere.
 */

/** Next's `searchParams`: a key given twice arrives as a list. */
export type SearchParams = Record<string, string | string[] | undefined>;

export type QueryParams = SearchParams | URLSearchParams;

/** Longest value kept. Pages compare most values with short keys and echo a few back into the page. */
export const QUERY_PARAM_MAX = 300;

// eslint-disable-next-line no-control-regex -- matches control characters on purpose, to remove them
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * The first value of a query parameter, control characters removed, trimmed and cut to
 * `max` characters; undefined when absent or empty.
 */
export function queryParam(params: QueryParams, key: string, max = QUERY_PARAM_MAX): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.replace(CONTROL_CHARS, "").trim().slice(0, max);
  return value || undefined;
}
