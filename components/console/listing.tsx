import type { ReactNode } from "react";
import { formatCount } from "./format";

/** The pieces around a paged console list: how many match, and the links between pages. */

/** A list page's own URL: its filters (empty ones left out), then the page number (left out on the first). */
export function listHref(path: string, filters: Record<string, string | undefined>, page = 1): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return `${path}${search ? `?${search}` : ""}`;
}

/**
 * "12 referrers, showing 51–62": the count of matches (announced when a filter changes it)
 * and, when the list is longer than one page, which of them this page shows.
 */
export function ResultCount({
  total,
  noun: [one, many],
  shown,
}: {
  total: number;
  /** Singular and plural: ["referrer", "referrers"], ["subscriber matches", "subscribers match"]. */
  noun: readonly [string, string];
  /** This page's rows: the position of its first row (from 1) and how many there are. */
  shown?: { first: number; count: number };
}) {
  return (
    <p className="mt-6 text-sm text-ink/70" aria-live="polite">
      {total === 1 ? `1 ${one}` : `${formatCount(total)} ${many}`}
      {shown && shown.count > 0 && total > shown.count ? `, showing ${formatCount(shown.first)}–${formatCount(shown.first + shown.count - 1)}` : ""}
    </p>
  );
}

type PagerLink = { href: string; label: string };

/** Links to the neighbouring pages, with optional text between them; nothing when there is nowhere to go. */
export function Pager({ previous, next, children }: { previous?: PagerLink; next?: PagerLink; children?: ReactNode }) {
  if (!previous && !next && !children) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
      {previous && (
        <a href={previous.href} className="underline">
          {previous.label}
        </a>
      )}
      {children && <span>{children}</span>}
      {next && (
        <a href={next.href} className="underline">
          {next.label}
        </a>
      )}
    </nav>
  );
}

/** "Newer · Page 2 of 5 · Older" for lists paged by number; nothing for a single page. */
export function NumberedPager({
  page,
  pages,
  href,
  labels: [previous, next] = ["Newer", "Older"],
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels?: readonly [string, string];
}) {
  if (pages <= 1) return null;
  return (
    <Pager previous={page > 1 ? { href: href(page - 1), label: previous } : undefined} next={page < pages ? { href: href(page + 1), label: next } : undefined}>
      Page {page} of {pages}
    </Pager>
  );
}
