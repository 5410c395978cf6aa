import { FORBIDDEN_MESSAGE } from "../actions/client";
import { queryParam, type QueryParams } from "../query-param";
import { BULK_LIMIT, UNDO_MESSAGES } from "./bulk";
import { filtersToQuery, LEAD_STATUSES, parseInboxFilters } from "./inbox";

/**
 * What a bulk action did, carried back to the inbox in its URL (post/redirect/get) as codes
 * and counts, never as text, and worded here. The inbox's view (its filters and page) comes
 * back too; the notice's keys are not filters, so the page's links never carry them.
 */

export type BulkDone = "status" | "assign" | "read" | "unread" | "undo";
export type BulkError = "none" | "many" | "lost" | "status" | "owner" | "forbidden" | keyof typeof UNDO_MESSAGES;

export type BulkNotice = {
  done?: BulkDone;
  error?: BulkError;
  changed?: number;
  same?: number;
  skipped?: number;
  warnings?: number;
  /** The BulkChange the notice's Undo button undoes. */
  undo?: string;
  /** After an error: the rows that were checked and the status or owner chosen, so the bar keeps them. */
  selected?: readonly string[];
  tried?: string;
};

export const BULK_ERRORS: Record<BulkError, string> = {
  none: "Choose at least one lead.",
  many: `Choose at most ${BULK_LIMIT} leads at a time.`,
  lost: "Say why the leads were lost.",
  status: "Choose a status.",
  owner: "Choose an active staff member.",
  forbidden: FORBIDDEN_MESSAGE,
  ...UNDO_MESSAGES,
};

/** Which field of the bulk bar an error belongs next to. */
export const BULK_ERROR_FIELD: Partial<Record<BulkError, "lostReason" | "status" | "ownerId">> = { lost: "lostReason", status: "status", owner: "ownerId" };

const DONE = ["status", "assign", "read", "unread", "undo"] as const;

const count = (n: number) => `${n} ${n === 1 ? "lead" : "leads"}`;

/** The inbox URL of a view (a query string from the hidden `view` field, checked again here) with a notice. */
export function inboxBackHref(view: unknown, notice: BulkNotice = {}): string {
  const filters = parseInboxFilters(new URLSearchParams(typeof view === "string" ? view.slice(0, 2000) : ""));
  const q = new URLSearchParams(filtersToQuery(filters, { after: filters.after }));
  if (notice.done) q.set("bulk", notice.done);
  if (notice.error) q.set("bulkError", notice.error);
  for (const key of ["changed", "same", "skipped", "warnings"] as const) if (notice[key]) q.set(key, String(notice[key]));
  if (notice.undo) q.set("undo", notice.undo);
  for (const id of notice.selected ?? []) q.append("sel", id);
  if (notice.tried) q.set("tried", notice.tried);
  const s = q.toString();
  return `/console/leads${s ? `?${s}` : ""}`;
}

/** The notice in a page's URL (unknown codes are dropped). */
export function readBulkNotice(params: QueryParams): BulkNotice {
  const done = queryParam(params, "bulk");
  const error = queryParam(params, "bulkError");
  const n = (key: string) => {
    const v = Number(queryParam(params, key));
    return Number.isSafeInteger(v) && v > 0 ? v : 0;
  };
  const sel = params instanceof URLSearchParams ? params.getAll("sel") : [params.sel ?? []].flat();
  const tried = queryParam(params, "tried");
  return {
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as BulkDone) : undefined,
    error: error && Object.hasOwn(BULK_ERRORS, error) ? (error as BulkError) : undefined,
    changed: n("changed"),
    same: n("same"),
    skipped: n("skipped"),
    warnings: n("warnings"),
    undo: queryParam(params, "undo")?.slice(0, 64),
    selected: sel.filter((s): s is string => typeof s === "string").slice(0, BULK_LIMIT),
    tried: tried && tried.length <= 64 ? tried : undefined,
  };
}

/** The words of a notice: what happened, or why nothing did. */
export function bulkNoticeText(n: BulkNotice): string | null {
  if (n.error) return BULK_ERRORS[n.error];
  const changed = n.changed ?? 0;
  const parts: string[] = [];
  switch (n.done) {
    case undefined:
      return null;
    case "status":
    case "assign":
      parts.push(`Changed ${count(changed)}.`);
      if (n.same) parts.push(`${count(n.same)} already had it.`);
      break;
    case "read":
    case "unread":
      parts.push(`Marked ${count(changed)} as ${n.done}.`);
      break;
    case "undo":
      parts.push(`Undid the change on ${count(changed)}.`);
      if (n.skipped) parts.push(`Skipped ${count(n.skipped)} changed since (or gone).`);
      return parts.join(" ");
  }
  if (n.skipped) parts.push(`Skipped ${count(n.skipped)} not found or erased.`);
  if (n.warnings) parts.push(`${count(n.warnings)}: the discount code was not applied (see their timelines).`);
  return parts.join(" ");
}

/** Whether `tried` is a status the bar's select can show again. */
export const triedStatus = (tried: string | undefined) => ((LEAD_STATUSES as readonly string[]).includes(tried ?? "") ? tried : undefined);
