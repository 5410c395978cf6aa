import Database from "better-sqlite3";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { afterCursor, inboxWhere, type InboxFilters } from "./inbox";

/**
 * CSV export of the inbox's current filtered view.
 *
 * - Streamed: `exportLeadsCsv` walks the view in batches in the inbox's keyset order
 *   (createdAt desc, id desc), so memory holds about one batch however many leads match.
 * - RFC 4180: comma-separated, CRLF line ends; a field is quoted when it holds a comma, a
 *   double quote, CR or LF, or starts or ends with white space; quotes inside are doubled.
 * - Safe against spreadsheet formula injection (see `csvCell`).
 *
 * Which rows: always `inboxWhere(filters)` and `afterCursor(cursor)` from ./inbox, so the
 * export is exactly the inbox's view. Two ways to read them:
 * - through Prisma (the default, and what a PostgreSQL database would use);
 * - on SQLite, with `sqliteUrl`, straight from the file with better-sqlite3: the same where
 *   objects are turned into SQL by `whereToSql` (which accepts only the operators inboxWhere
 *   and afterCursor use, and throws on anything else). Prisma's row mapping (several passes
 *   and objects per row) costs far more than SQLite's own work for a 24-column row: with
 *   scripts/bench-console.ts on a 2-vCPU VM shared with other work, the whole table of
 *   1,000,000 leads took 40 s through Prisma (24,786 rows/s) and 9.2 s from the file
 *   (108,421 rows/s; 104,273 rows per CPU-second; 221 MB peak RSS). Of the reader's CPU time
 *   about half is better-sqlite3 turning each row's 24 columns into JavaScript values, a
 *   sixth writing the cells, a fifth joining them into lines and chunks, and the rest the
 *   route's UTF-8 encoding (each step's CPU time measured separately; node --cpu-prof agrees). Both ways give byte-identical
 *   files (tests/integration/console-export.test.ts checks that for many filter combinations).
 *
 * Later batches are an index range, not a scan from the newest lead down to the cursor,
 * because afterCursor bounds `createdAt <= cursor` outside its OR (with the OR alone a full
 * export was quadratic: 2,636 rows/s at 100,000 leads). tests/integration/console-export.test.ts
 * checks the query plan.
 *
 * Consistency: each batch is its own query, not one snapshot, and no lock is held between
 * batches. A lead that arrives during the export is newer than the first row, so it is not in
 * the file; a lead changed or erased while the export runs shows its state when its batch was
 * read. (One Prisma transaction would give a snapshot, but this app's transactions are BEGIN
 * IMMEDIATE: they would hold the write lock, and block every form submission, for the whole
 * download. A plain read transaction on the SQLite reader would not block writers in WAL
 * mode, but would stop checkpoints for as long as a slow client takes to download.)
 */

/**
 * Rows per query and per chunk. 500 rather than a few thousand: bigger batches cost the same
 * CPU but more memory (the whole table of 1,000,000 leads from the SQLite file: peak RSS
 * 220-263 MB with 500, 269-273 MB with 1,000, 263-300 MB with 2,000, in pairs of runs).
 */
export const EXPORT_BATCH_SIZE = 500;

// ---- cells ----

const QUOTE_NEEDED = /[",\r\n]/;
/** A formula behind leading white space (only tested when the first character may be white space). */
const SPACED_FORMULA = /^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** = + - @ TAB CR, and the full-width ＝ ＋ － ＠. */
function formulaStart(code: number): boolean {
  return (
    code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d || code === 0xff1d || code === 0xff0b || code === 0xff0d || code === 0xff20
  );
}

/** Could be white space for JavaScript's \s (cheap pre-check; the exact test follows). */
function maybeSpace(code: number): boolean {
  return code <= 0x20 || code >= 0xa0;
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/**
 * One CSV field.
 *
 * - null/undefined → empty; a Date → ISO 8601 (UTC); a finite number or bigint as written.
 * - Formula injection (OWASP "CSV Injection"): a string whose first character is one of
 *   = + - @ TAB CR gets a single quote in front, then the usual quoting. Also neutralised,
 *   defensively: the same characters after leading white space (LibreOffice's "trim spaces"
 *   import option, or a user's TRIM(), would bring the formula back) and their full-width
 *   forms ＝ ＋ － ＠ (which some spreadsheet locales treat as the ASCII ones). Excel and
 *   LibreOffice then show the cell as text, apostrophe visible. Nothing else changes, so
 *   nothing is lost: strip one leading ' to get the stored value back.
 * - Phone numbers are stored in E.164 ("+14155550132") and so also come out as
 *   '+14155550132. That is deliberate. A digits-only E.164 value could not run anything, so
 *   exempting /^\+\d+$/ would be safe, but Excel would then read it as the formula
 *   "=+14155550132" and show the number 14155550132 (or 1.42E+10): the + and the exact
 *   digits are lost. The apostrophe keeps the number intact, and one rule for every cell is
 *   easier to trust than a list of exceptions.
 * - Numbers (not strings) are left alone: a JavaScript number prints as digits, a sign and
 *   maybe an exponent, never a function call. (No exported column is numeric today.)
 * - Unicode is kept exactly as stored (no normalisation); the route encodes UTF-8 with a BOM.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else if (value instanceof Date) {
    text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  } else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") {
    text = String(value);
    if (PLAIN_NUMBER.test(text)) return text;
  } else if (typeof value === "object") {
    text = JSON.stringify(value) ?? "";
  } else {
    text = String(value);
  }
  if (text === "") return "";
  const first = text.charCodeAt(0);
  if (formulaStart(first) || (maybeSpace(first) && SPACED_FORMULA.test(text))) text = `'${text}`;
  const last = text.charCodeAt(text.length - 1);
  const quote =
    QUOTE_NEEDED.test(text) ||
    (maybeSpace(text.charCodeAt(0)) && isSpace(text[0])) ||
    (maybeSpace(last) && isSpace(text[text.length - 1]));
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (RFC 4180: CRLF at the end). */
export function csvLine(values: readonly unknown[]): string {
  let line = values.length ? csvCell(values[0]) : "";
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}

// ---- columns ----

/**
 * The file's columns, in order: a Lead column (or the owner's name), and its header label.
 * Dates are written as ISO 8601 in UTC.
 */
export const EXPORT_COLUMNS = [
  { column: "id", label: "ID" },
  { column: "createdAt", label: "Received (UTC)", date: true },
  { column: "formType", label: "Form type" },
  { column: "status", label: "Status" },
  { column: "name", label: "Name" },
  { column: "email", label: "Email" },
  { column: "phone", label: "Phone" },
  { column: "programSlug", label: "Program" },
  { column: "cohortId", label: "Cohort ID" },
  { column: "ownerName", label: "Owner" },
  { column: "lostReason", label: "Lost reason" },
  { column: "utmSource", label: "UTM source" },
  { column: "utmMedium", label: "UTM medium" },
  { column: "utmCampaign", label: "UTM campaign" },
  { column: "utmTerm", label: "UTM term" },
  { column: "utmContent", label: "UTM content" },
  { column: "referrerUrl", label: "Referrer URL" },
  { column: "landingPage", label: "Landing page" },
  { column: "article", label: "Article" },
  { column: "cta", label: "CTA" },
  { column: "referralCode", label: "Referral code" },
  { column: "consentVersion", label: "Consent version" },
  { column: "consentAt", label: "Consent at (UTC)", date: true },
  { column: "fields", label: "Fields (JSON)" },
] as const satisfies readonly { column: string; label: string; date?: true }[];

/** What Prisma reads for the export: only the columns the file shows, the owner's name by relation. */
export const EXPORT_SELECT = {
  id: true,
  createdAt: true,
  formType: true,
  status: true,
  name: true,
  email: true,
  phone: true,
  programSlug: true,
  cohortId: true,
  owner: { select: { name: true } },
  lostReason: true,
  utmSource: true,
  utmMedium: true,
  utmCampaign: true,
  utmTerm: true,
  utmContent: true,
  referrerUrl: true,
  landingPage: true,
  article: true,
  cta: true,
  referralCode: true,
  consentVersion: true,
  consentAt: true,
  fields: true,
} as const satisfies Prisma.LeadSelect;

export type ExportRow = Prisma.LeadGetPayload<{ select: typeof EXPORT_SELECT }>;

export const EXPORT_HEADER = csvLine(EXPORT_COLUMNS.map((c) => c.label));

/** A lead read through Prisma, as a CSV line. */
export function exportRowLine(row: ExportRow): string {
  const r = row as unknown as Record<string, unknown>;
  return csvLine(EXPORT_COLUMNS.map((c) => (c.column === "ownerName" ? row.owner?.name : r[c.column])));
}

// ---- reading the rows ----

export type ExportOptions = {
  /** The signed-in staff member's id, for owner=me. */
  me?: string;
  /** Rows per query (and per yielded chunk). */
  batchSize?: number;
  /**
   * The same database's SQLite URL ("file:/path/to/db"): read the rows with better-sqlite3
   * straight from the file instead of through Prisma (several times faster; see above).
   */
  sqliteUrl?: string;
};

type Cursor = { createdAt: Date; id: string };

/** The view; for later batches, only what comes after the cursor. */
function batchWhere(where: Prisma.LeadWhereInput, cursor: Cursor | null): Prisma.LeadWhereInput {
  return cursor ? { AND: [where, afterCursor(cursor)] } : where;
}

/**
 * The filtered view as CSV text: the header line first, then one chunk per batch of rows,
 * newest first (the inbox's order). The filters' `after` cursor is ignored: an export is
 * always the whole view. Pull it lazily (for await, or a pull-based ReadableStream) so a slow
 * reader holds the next query back; stop it early with `return()` (a for-await `break` does
 * that), which also closes the SQLite connection.
 */
export async function* exportLeadsCsv(db: Db, filters: InboxFilters, opts: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
  const batchSize = opts.batchSize ?? EXPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  // inboxWhere silently drops owner=me without an id; for an export that would mean
  // "everyone's leads", so refuse instead.
  if (filters.owner === "me" && !opts.me) throw new Error("owner=me needs the staff member's id (opts.me)");
  const where = inboxWhere({ ...filters, after: undefined }, opts.me);
  const read = opts.sqliteUrl ? sqliteBatches(opts.sqliteUrl, where, batchSize) : prismaBatches(db, where, batchSize);
  try {
    yield EXPORT_HEADER;
    yield* read;
  } finally {
    await read.return(undefined);
  }
}

async function* prismaBatches(db: Db, where: Prisma.LeadWhereInput, batchSize: number): AsyncGenerator<string, void, undefined> {
  let cursor: Cursor | null = null;
  for (;;) {
    const rows: ExportRow[] = await db.lead.findMany({
      where: batchWhere(where, cursor),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batchSize,
      select: EXPORT_SELECT,
    });
    if (rows.length === 0) return;
    let chunk = "";
    for (const row of rows) chunk += exportRowLine(row);
    yield chunk;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

/**
 * `csvCell` for a value read from SQLite, with a shortcut for the common case: a string whose
 * first character is not = + - @ nor possibly white space (at or below U+0020, or U+00A0 and
 * above, which also covers the full-width signs), whose last is not possibly white space, is
 * only quoted if it holds a comma, a quote or a line break. Anything else goes through
 * `csvCell`, so the result is always exactly csvCell's (tests/unit/csv-export.test.ts checks).
 */
export function fastCsvCell(value: unknown): string {
  if (typeof value !== "string") return csvCell(value);
  const n = value.length;
  if (n === 0) return "";
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first <= 0x20 || first >= 0xa0 || last <= 0x20 || last >= 0xa0) {
    return csvCell(value);
  }
  return QUOTE_NEEDED.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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

export function sqliteFile(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`not a SQLite file URL: ${url}`);
  const file = url.slice("file:".length).split("?")[0];
  if (!file || file === ":memory:") throw new Error(`not a SQLite file URL: ${url}`);
  return file;
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
      // Each raw row array is turned into its cells in place and joined: Array.join builds flat
      // strings in one go, where `+=` per cell builds ropes that are flattened later (by the
      // route's TextEncoder) and make more garbage.
      const lines = new Array<string>(rows.length + 1);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        for (let i = 0; i < row.length; i++) row[i] = CELL_FORMATTERS[i](row[i]);
        lines[r] = row.join(",");
      }
      lines[rows.length] = "";
      yield lines.join("\r\n");
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
  "id", "contactId", "formType", "status", "name", "email", "phone", "programSlug", "cohortId", "fields", "consentVersion",
  "consentText", "consentAt", "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "referrerUrl", "landingPage",
  "article", "cta", "referralCode", "referredById", "searchName", "searchLastName", "ownerId", "lostReason", "statusChangedAt",
  "firstContactedAt", "decision", "decidedAt", "decidedById", "submissionToken", "revision", "createdAt", "updatedAt",
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
