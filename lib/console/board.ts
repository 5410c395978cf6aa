import { STAFF_FAULT_MESSAGE } from "../actions/client";
import type { Db } from "../db";
import type { QueryParams } from "../query-param";
import { queryParam } from "../query-param";
import { COUNT_CAP, filtersToQuery, INBOX_SELECT, inboxWhere, LEAD_STATUSES, parseInboxFilters, type InboxRow, type LeadStatus } from "./inbox";
import { changeStatus, statusChangeSchema } from "./pipeline";

/**
 * The pipeline board (issue 19, item 5): one column per status with its count and its newest
 * cards, filtered by owner and program like the inbox (the same filter code), and a move that
 * is a status change (`changeStatus`: the same timeline row, first-contact stamp, referral
 * points and discount-code rules as the lead page).
 */

/** Cards shown per column; the rest are a link to the inbox filtered by that status. */
export const BOARD_COLUMN_CAP = 50;

/** The board's filters: the inbox's owner (me, none, a staff id; absent is anyone) and program. */
export type BoardFilters = { owner?: string; program?: string };

export function parseBoardFilters(params: QueryParams): BoardFilters {
  const { owner, program } = parseInboxFilters(params);
  return { owner, program };
}

/** The filters as a query string, for the board's own links and the move forms' way back. */
export function boardQuery(f: BoardFilters, extra: Record<string, string | undefined> = {}): string {
  return filtersToQuery({ owner: f.owner, program: f.program }, extra);
}

/** The inbox with the board's filters and one status: where a column's "more" link goes. */
export function inboxHref(f: BoardFilters, status: LeadStatus): string {
  return `/console/leads?${filtersToQuery({ owner: f.owner, program: f.program, status })}`;
}

export type BoardColumn = {
  status: LeadStatus;
  /** Leads in the column, up to COUNT_CAP (`capped` past it). */
  count: number;
  capped: boolean;
  /** The newest BOARD_COLUMN_CAP, newest first. */
  cards: InboxRow[];
};

/** Every column of the board, in pipeline order. `me` resolves `owner=me`. */
export async function loadBoard(db: Db, f: BoardFilters, opts: { me: string; perColumn?: number }): Promise<BoardColumn[]> {
  const take = opts.perColumn ?? BOARD_COLUMN_CAP;
  return Promise.all(
    LEAD_STATUSES.map(async (status) => {
      const where = inboxWhere({ owner: f.owner, program: f.program, status }, opts.me);
      const [cards, n] = await Promise.all([
        db.lead.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: INBOX_SELECT }),
        // Capped like the inbox's count, in the same index order, so a column never counts a million rows.
        db.lead.count({ where, orderBy: { createdAt: "desc" }, take: COUNT_CAP + 1 }),
      ]);
      return { status, cards, count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
    }),
  );
}

/** Why a move was refused, as a short code the board's URL carries (the words stay on the server). */
export type MoveError = "reason" | "reason-invalid" | "stage" | "missing" | "forbidden" | "failed";

export const MOVE_ERRORS: Record<MoveError, string> = {
  reason: "Say why the lead was lost: moving to Lost needs a reason.",
  "reason-invalid": "Keep the reason to one line of at most 300 characters, without invisible characters.",
  stage: "Choose a stage to move the lead to.",
  missing: "That lead does not exist any more (it may have been erased).",
  forbidden: "Your role does not allow moving leads.",
  failed: STAFF_FAULT_MESSAGE,
};

/** Said when a move to Enrolled could not apply the lead's single-use code (lib/discounts/use.ts). */
export const CODE_NOT_APPLIED =
  "The lead's discount code was not applied: it is already used on another enrolled lead (see the timeline). Settle the price with the person.";

export type MoveResult = { ok: true; status: LeadStatus; warning?: string } | { ok: false; error: MoveError };

/**
 * Moves a lead to a stage from the board's form fields (leadId, status, lostReason): checked
 * by the lead page's own schema, then made by `changeStatus`.
 */
export async function moveOnBoard(db: Db, fields: Record<string, unknown>, actorId: string, now?: Date): Promise<MoveResult> {
  const parsed = statusChangeSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.path[0] === "lostReason")
      return { ok: false, error: typeof fields.lostReason === "string" && fields.lostReason.trim() ? "reason-invalid" : "reason" };
    return { ok: false, error: issue.path[0] === "leadId" ? "missing" : "stage" };
  }
  const { leadId, status, lostReason } = parsed.data;
  const result = await changeStatus(db, { leadId, actorId, status, lostReason, now });
  if (!result.ok) return { ok: false, error: result.field === "lostReason" ? "reason" : "missing" };
  return result.warning ? { ok: true, status, warning: result.warning } : { ok: true, status };
}

/** What the board says after a move, read back from its URL (post/redirect/get). */
export type BoardFeedback =
  | { kind: "moved"; leadId: string; status: LeadStatus; warning: boolean }
  | { kind: "error"; leadId?: string; error: MoveError; tried?: LeadStatus; reason?: string };

const isStatus = (v: string | undefined): v is LeadStatus => (LEAD_STATUSES as readonly string[]).includes(v ?? "");

export function parseBoardFeedback(params: QueryParams): BoardFeedback | null {
  const leadId = queryParam(params, "lead", 64);
  const error = queryParam(params, "error");
  if (error && error in MOVE_ERRORS) {
    const tried = queryParam(params, "tried");
    return { kind: "error", leadId, error: error as MoveError, tried: isStatus(tried) ? tried : undefined, reason: queryParam(params, "reason") };
  }
  const moved = queryParam(params, "moved");
  if (leadId && isStatus(moved)) return { kind: "moved", leadId, status: moved, warning: queryParam(params, "warning") === "code" };
  return null;
}

/** The board's URL after a move: its filters, and what happened. */
export function boardAfterMove(f: BoardFilters, leadId: string, result: MoveResult, tried: { status?: string; reason?: string }): string {
  const extra: Record<string, string | undefined> = result.ok
    ? { lead: leadId, moved: result.status, warning: result.warning ? "code" : undefined }
    : {
        lead: leadId,
        error: result.error,
        tried: isStatus(tried.status) ? tried.status : undefined,
        reason: tried.reason && tried.reason.length <= 300 ? tried.reason : undefined,
      };
  const query = boardQuery(f, extra);
  return `/console/board${query ? `?${query}` : ""}#${result.ok ? "board-status" : `card-${leadId}`}`;
}
