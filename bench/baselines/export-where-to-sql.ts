/**
 * The CSV export's SQLite reader as it was before Kysely (lib/console/export.ts up to commit
 * d821399), kept only as the benchmark's same-run baseline (bench/console.ts): the inbox's
 * Prisma `where` objects turned into SQL by the hand-written translator `whereToSql`, run on
 * a read-only better-sqlite3 connection with rows read as arrays. The cell formatting is the
 * project's current one, so the comparison is the query building and reading alone.
 */
import Database from "better-sqlite3";
import type { Prisma } from "../../lib/generated/prisma/client";
import { csvCell, EXPORT_BATCH_SIZE, EXPORT_COLUMNS, EXPORT_HEADER, fastCsvCell, rawRowsCsv } from "../../lib/console/export";
import { inboxWhere, type InboxFilters } from "../../lib/console/inbox";
import { sqliteFile } from "../../lib/db/dialect";

type Cursor = { createdAt: Date; id: string };

/** afterCursor as it was (a Prisma where; the inbox's is now compiled from a LeadFilter). */
function afterCursor(cursor: Cursor | null): Prisma.LeadWhereInput {
  if (!cursor) return {};
  return { createdAt: { lte: cursor.createdAt }, OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }] };
}

/** The view; for later batches, only what comes after the cursor. */
function batchWhere(where: Prisma.LeadWhereInput, cursor: Cursor | null): Prisma.LeadWhereInput {
  return cursor ? { AND: [where, afterCursor(cursor)] } : where;
}

/** The filtered view as CSV, read the old way (the header, then one chunk per batch). */
export async function* exportLeadsCsvBaseline(
  filters: InboxFilters,
  opts: { sqliteUrl: string; me?: string; batchSize?: number },
): AsyncGenerator<string, void, undefined> {
  if (filters.owner === "me" && !opts.me) throw new Error("owner=me needs the staff member's id (opts.me)");
  const where = inboxWhere({ ...filters, after: undefined }, opts.me);
  const read = sqliteBatches(opts.sqliteUrl, where, opts.batchSize ?? EXPORT_BATCH_SIZE);
  try {
    yield EXPORT_HEADER;
    yield* read;
  } finally {
    await read.return(undefined);
  }
}

/** A stored DateTime cell: ISO 8601 UTC like Prisma's (see storedDateIso), then csvCell. */
function dateCsvCell(value: unknown): string {
  return csvCell(storedDateIso(value));
}

/** One formatter per exported column, in EXPORT_COLUMNS order. */
const CELL_FORMATTERS: ((value: unknown) => string)[] = EXPORT_COLUMNS.map((c) => ("date" in c && c.date ? dateCsvCell : fastCsvCell));

const SELECT_LIST = EXPORT_COLUMNS.map((c) => (c.column === "ownerName" ? `u."name"` : `L."${c.column}"`)).join(", ");
const ID_INDEX = EXPORT_COLUMNS.findIndex((c) => c.column === "id");
const CREATED_INDEX = EXPORT_COLUMNS.findIndex((c) => c.column === "createdAt");

/** A stored DateTime as Prisma returns it (ISO 8601 UTC); Prisma's adapter writes "…+00:00" text. */
function storedDateIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && value.length === 29 && value.endsWith("+00:00")) return `${value.slice(0, 23)}Z`;
  const date = typeof value === "number" || typeof value === "bigint" ? new Date(Number(value)) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** One batch's query for the SQLite reader: the export's columns, owner name joined, in inbox order. */
export function exportBatchSql(where: Prisma.LeadWhereInput, cursor: Cursor | null, batchSize: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql =
    `SELECT ${SELECT_LIST} FROM "Lead" AS L LEFT JOIN "user" AS u ON u."id" = L."ownerId" ` +
    `WHERE ${whereToSql(batchWhere(where, cursor), params)} ORDER BY L."createdAt" DESC, L."id" DESC LIMIT ?`;
  params.push(batchSize);
  return { sql, params };
}

async function* sqliteBatches(url: string, where: Prisma.LeadWhereInput, batchSize: number): AsyncGenerator<string, void, undefined> {
  const conn = new Database(sqliteFile(url), { fileMustExist: true });
  try {
    conn.pragma("query_only = ON"); // this connection never writes
    conn.pragma("busy_timeout = 5000");
    const statements = new Map<string, Database.Statement>(); // the first batch's, and the rest's
    let cursor: Cursor | null = null;
    for (;;) {
      const { sql, params } = exportBatchSql(where, cursor, batchSize);
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = conn.prepare(sql).raw(true)));
      const rows = statement.all(...params) as unknown[][];
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      const next: Cursor = { createdAt: new Date(last[CREATED_INDEX] as string), id: last[ID_INDEX] as string }; // before the cells are written over
      yield rawRowsCsv(rows, CELL_FORMATTERS);
      if (rows.length < batchSize) return;
      cursor = next;
    }
  } finally {
    conn.close();
  }
}

// ---- Prisma where → SQLite SQL (only what inboxWhere and afterCursor produce) ----

/** Lead's scalar columns that a filter may name. */
const LEAD_COLUMNS = new Set([
  "id",
  "contactId",
  "formType",
  "status",
  "name",
  "email",
  "phone",
  "programSlug",
  "cohortId",
  "fields",
  "consentVersion",
  "consentText",
  "consentAt",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmTerm",
  "utmContent",
  "referrerUrl",
  "landingPage",
  "article",
  "cta",
  "referralCode",
  "referredById",
  "searchName",
  "searchLastName",
  "ownerId",
  "lostReason",
  "statusChangedAt",
  "firstContactedAt",
  "decision",
  "decidedAt",
  "decidedById",
  "submissionToken",
  "revision",
  "createdAt",
  "updatedAt",
]);
const DATE_COLUMNS = new Set(["consentAt", "statusChangedAt", "firstContactedAt", "decidedAt", "createdAt", "updatedAt"]);
const OPERATORS: Record<string, string> = { equals: "=", lt: "<", lte: "<=", gt: ">", gte: ">=" };

/** A value as Prisma's SQLite adapter binds it (DateTime: ISO 8601 with "+00:00"). */
function sqlValue(column: string, value: unknown): unknown {
  if (value instanceof Date || (DATE_COLUMNS.has(column) && typeof value === "string")) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new Error(`whereToSql: invalid date for ${column}`);
    return date.toISOString().replace("Z", "+00:00");
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  throw new Error(`whereToSql: unsupported value for ${column}`);
}

/**
 * The SQL for a Lead where input, with its values pushed onto `params` (columns qualified
 * with the alias L). It accepts AND, OR and, per column, a value, null, or { equals, lt, lte,
 * gt, gte }, with Prisma's meaning (AND [] is true, OR [] is false, a comparison with NULL
 * matches nothing). Anything else throws, so a new kind of filter in inboxWhere fails loudly
 * here instead of exporting the wrong rows.
 */
export function whereToSql(where: Prisma.LeadWhereInput, params: unknown[]): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === "AND") {
      const list = (Array.isArray(value) ? value : [value]) as Prisma.LeadWhereInput[];
      parts.push(list.length ? `(${list.map((w) => `(${whereToSql(w, params)})`).join(" AND ")})` : "1");
    } else if (key === "OR") {
      if (!Array.isArray(value)) throw new Error("whereToSql: OR must be a list");
      parts.push(value.length ? `(${(value as Prisma.LeadWhereInput[]).map((w) => `(${whereToSql(w, params)})`).join(" OR ")})` : "0");
    } else if (LEAD_COLUMNS.has(key)) {
      const col = `L."${key}"`;
      if (value === null) {
        parts.push(`${col} IS NULL`);
      } else if (typeof value === "object" && !(value instanceof Date)) {
        const ops = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
        if (!ops.length) throw new Error(`whereToSql: empty filter on ${key}`);
        for (const [op, v] of ops) {
          const sqlOp = OPERATORS[op];
          if (!sqlOp) throw new Error(`whereToSql: unsupported operator ${op} on ${key}`);
          if (v === null) {
            if (op !== "equals") throw new Error(`whereToSql: ${op} null on ${key}`);
            parts.push(`${col} IS NULL`);
          } else {
            params.push(sqlValue(key, v));
            parts.push(`${col} ${sqlOp} ?`);
          }
        }
      } else {
        params.push(sqlValue(key, value));
        parts.push(`${col} = ?`);
      }
    } else {
      throw new Error(`whereToSql: unsupported filter ${key}`);
    }
  }
  return parts.length ? parts.join(" AND ") : "1";
}
