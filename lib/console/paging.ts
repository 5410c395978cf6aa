/**
 * Offset pagination for the console's lists (referrers, redemptions, subscribers, the
 * mailbox): the page asked for, a page's rows newest first, and how many pages there are.
 */

/** A page number from a query: a whole number from 1 to 1,000,000, else 1. */
export function clampPage(page: unknown): number {
  const n = Math.floor(Number(page));
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1_000_000) : 1;
}

/** Newest first, the id breaking ties. */
export const NEWEST_FIRST: [{ createdAt: "desc" }, { id: "desc" }] = [{ createdAt: "desc" }, { id: "desc" }];

/** findMany's order and window for the `page`-th page of `size` rows, newest first. */
export function newestPage(page: number, size: number) {
  return { orderBy: NEWEST_FIRST, skip: (page - 1) * size, take: size };
}

/** How many pages `total` rows fill; an empty list still has one. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
