import type { Db } from "../db";
import { encodeCursor, filtersToQuery, inboxFilter, inboxWhere, listInbox, parseInboxFilters, type InboxFilters } from "./inbox";
import { isDefaultSort, readSorted, SORT_SELECT, sortCursorOf } from "./inbox-sort";
import { and, cmp, or, toPrismaWhere } from "./lead-filter";
import { leadName } from "./lead-display";

/**
 * Next and previous on the lead page, within the inbox view it was opened from: the view's
 * filters travel with the link (`?view=<the inbox's query>`), and the neighbours are the
 * leads just before and just after in the inbox's order: newest first, then id, or the view's
 * sort (`sort`, `dir`; lib/console/inbox-sort.ts). "newer" is the one before, "older" after.
 */

/** The longest view query a link carries; anything longer is dropped (the page works without it). */
const MAX_VIEW = 1_000;

/** The inbox filters a lead page's `view` parameter names (never the page cursor), or null when there is none. */
export function viewFilters(view: string | undefined, timeZone = "UTC"): InboxFilters | null {
  if (!view || view.length > MAX_VIEW) return null;
  const filters = parseInboxFilters(new URLSearchParams(view), timeZone);
  return { ...filters, after: undefined };
}

/** The view as it goes back into links: only the filters, in their usual order. */
export const viewQuery = (filters: InboxFilters): string => filtersToQuery(filters);

/** The lead page's link within a view. */
export function leadHref(id: string, filters: InboxFilters | null): string {
  const view = filters ? viewQuery(filters) : "";
  return `/console/leads/${encodeURIComponent(id)}${view ? `?view=${encodeURIComponent(view)}` : ""}`;
}

export type Neighbours = { newer: { id: string; name: string } | null; older: { id: string; name: string } | null };

/**
 * The leads around `lead` in the view. Older reads like the inbox's next page (its cursor
 * and indexes); newer walks the other way from the lead, one row. A lead outside the view
 * (filters changed since) still gets the neighbours its position gives.
 */
export async function leadNeighbours(db: Db, filters: InboxFilters, lead: { id: string; createdAt: Date }, me?: string): Promise<Neighbours> {
  if (filters.sort && !isDefaultSort(filters.sort)) return sortedNeighbours(db, filters, lead.id, me);
  const [olderPage, newer] = await Promise.all([
    listInbox(db, { ...filters, after: encodeCursor(lead) }, { me, pageSize: 1 }),
    db.lead.findFirst({
      where: toPrismaWhere(
        and(inboxFilter(filters, me), cmp("createdAt", ">=", lead.createdAt), or(cmp("createdAt", ">", lead.createdAt), cmp("id", ">", lead.id))),
      ),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, email: true, phone: true },
    }),
  ]);
  const older = olderPage.rows[0];
  return { newer: newer ? { id: newer.id, name: leadName(newer) } : null, older: older ? { id: older.id, name: leadName(older) } : null };
}

const NEIGHBOUR_SELECT = { id: true, name: true, email: true, phone: true } as const;

/** In a sorted view: the rows just after and just before the lead's place in that order. */
async function sortedNeighbours(db: Db, filters: InboxFilters, id: string, me?: string): Promise<Neighbours> {
  const sort = filters.sort!;
  const row = await db.lead.findUnique({ where: { id }, select: SORT_SELECT });
  if (!row) return { newer: null, older: null };
  const where = inboxWhere(filters, me);
  const cursor = sortCursorOf(sort, row);
  const [after, before] = await Promise.all([
    readSorted(db, where, sort, cursor, 1, NEIGHBOUR_SELECT),
    readSorted(db, where, sort, cursor, 1, NEIGHBOUR_SELECT, true),
  ]);
  const named = (r: (typeof after)[number] | undefined) => (r ? { id: r.id, name: leadName(r) } : null);
  return { newer: named(before[0]), older: named(after[0]) };
}
