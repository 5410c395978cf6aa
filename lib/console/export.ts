import { sql, type CompiledQuery } from "kysely";
import type { Prisma } from "../generated/prisma/client";
import { dbUrl, type Db } from "../db";
import { dialectForUrl, type Dialect } from "../db/dialect";
import type { RowReader } from "../db/kysely";
import { afterCursorFilter, inboxFilter, LEAD_SUMMARY_SELECT, type InboxFilters } from "./inbox";
import { and, toKyselyWhere, toPrismaWhere, type LeadFilter, type LeadValue } from "./lead-filter";

/**
 * CSV export of the inbox's current filtered view (docs/console.md, "CSV export").
 *
 * - Streamed in batches in the inbox's keyset order, so memory holds about one batch.
 * - RFC 4180, and safe against spreadsheet formula injection (`csvCell`).
 * - Exactly the inbox's view: `inboxFilter` and `afterCursorFilter` from ./inbox, compiled by
 *   ./lead-filter.ts. Two readers give byte-identical files (console-export.test.ts): Kysely,
 *   the default, on a connection of the export's own with rows read as arrays (Prisma's row
 *   mapping costs far more than the query); and Prisma, the reference the tests compare with.
 * - `createdAt <= cursor` stands outside afterCursor's OR so that later batches are an index
 *   range; with the OR alone the export was quadratic (the test checks the plan).
 * - Each batch is its own query, with no lock held between them: one transaction would hold
 *   SQLite's write lock (BEGIN IMMEDIATE), or stop WAL checkpoints, for the whole download.
 */

/**
 * Rows per query and per chunk. 500 rather than a few thousand: bigger batches cost the same
 * CPU but more memory (docs/performance.md).
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
    code === 0x3d ||
    code === 0x2b ||
    code === 0x2d ||
    code === 0x40 ||
    code === 0x09 ||
    code === 0x0d ||
    code === 0xff1d ||
    code === 0xff0b ||
    code === 0xff0d ||
    code === 0xff20
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
 * - Formula injection (OWASP "CSV Injection"): a string starting with = + - @ TAB CR, or with
 *   one of them after leading white space (a spreadsheet's "trim spaces" would revive it), or
 *   with the full-width ＝ ＋ － ＠, gets a leading ' and is shown as text. Strip one ' to get
 *   the stored value back.
 * - E.164 phones ("+14155550132") get the apostrophe too, on purpose: without it Excel reads
 *   them as formulas and shows 1.42E+10, losing the + and the digits.
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
  const quote = QUOTE_NEEDED.test(text) || (maybeSpace(text.charCodeAt(0)) && isSpace(text[0])) || (maybeSpace(last) && isSpace(text[text.length - 1]));
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
  ...LEAD_SUMMARY_SELECT,
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

// ---- the download's file name ----

/** What the download's file name is dated by; a test sets `now` rather than depend on the day it runs. */
export const exportClock = { now: (): Date => new Date() };

/** The download's file name, `leads-YYYY-MM-DD.csv`: the day of `now` in UTC. */
export function exportFileName(now: Date = exportClock.now()): string {
  return `leads-${now.toISOString().slice(0, 10)}.csv`;
}

// ---- reading the rows ----

export type ExportOptions = {
  /** The signed-in staff member's id, for owner=me. */
  me?: string;
  /** Rows per query (and per yielded chunk). */
  batchSize?: number;
  /** "kysely" (the default when the database's URL is known) or "prisma". */
  reader?: "kysely" | "prisma";
  /** The database's SQLite URL ("file:/path/to/db"), if the client should not be asked for it. */
  sqliteUrl?: string;
};

/** A chunk of the file: text, or text already encoded as UTF-8 (the SQLite line path writes bytes). */
type Chunk = string | Uint8Array;

const UTF8 = new TextEncoder();

/**
 * The filtered view as CSV text: the header line first, then one chunk per batch of rows,
 * newest first (the inbox's order). The filters' `after` cursor is ignored: an export is
 * always the whole view. Pull it lazily (for await, or a pull-based ReadableStream) so a slow
 * reader holds the next query back; stop it early with `return()` (a for-await `break` does
 * that), which also closes the reader's connection.
 */
export async function* exportLeadsCsv(db: Db, filters: InboxFilters, opts: ExportOptions = {}): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  for await (const chunk of exportChunks(db, filters, opts)) yield typeof chunk === "string" ? chunk : decoder.decode(chunk);
}

/**
 * The same file as UTF-8 bytes, chunk for chunk: each chunk is exactly TextEncoder's encoding
 * of exportLeadsCsv's (tests/integration/console-export.test.ts). What the route sends. On
 * SQLite the common lines are written straight into one buffer per batch: joining them into
 * one string and encoding that cost more than reading them (docs/performance.md).
 */
export async function* exportLeadsCsvUtf8(db: Db, filters: InboxFilters, opts: ExportOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of exportChunks(db, filters, opts)) yield typeof chunk === "string" ? UTF8.encode(chunk) : chunk;
}

async function* exportChunks(db: Db, filters: InboxFilters, opts: ExportOptions): AsyncGenerator<Chunk, void, undefined> {
  const batchSize = opts.batchSize ?? EXPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  // inboxFilter silently drops owner=me without an id; for an export that would mean
  // "everyone's leads", so refuse instead.
  if (filters.owner === "me" && !opts.me) throw new Error("owner=me needs the staff member's id (opts.me)");
  const filter = inboxFilter({ ...filters, after: undefined }, opts.me);
  const url = opts.sqliteUrl ?? dbUrl(db);
  const reader = opts.reader ?? (url ? "kysely" : "prisma");
  if (reader === "kysely" && !url) throw new Error("the Kysely reader needs the database's URL (a client made by createDb, or opts.sqliteUrl)");
  const read = reader === "kysely" ? kyselyBatches(dialectForUrl(url!), url!, filter, batchSize) : prismaBatches(db, filter, batchSize);
  try {
    yield EXPORT_HEADER;
    yield* read;
  } finally {
    await read.return(undefined);
  }
}

async function* prismaBatches(db: Db, filter: LeadFilter, batchSize: number): AsyncGenerator<string, void, undefined> {
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: ExportRow[] = await db.lead.findMany({
      where: toPrismaWhere(cursor ? and(filter, afterCursorFilter(cursor)) : filter),
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
 * `csvCell` for a value read by a raw reader, with a shortcut for the common case: a string whose
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

/** One formatter per exported column, in EXPORT_COLUMNS order: DateTime columns as ISO 8601 UTC. */
function cellFormatters(dialect: Dialect): ((value: unknown) => string)[] {
  const date = (value: unknown) => csvCell(dialect.dateIso(value));
  return EXPORT_COLUMNS.map((c) => ("date" in c && c.date ? date : fastCsvCell));
}

const ID_INDEX = EXPORT_COLUMNS.findIndex((c) => c.column === "id");
const CREATED_INDEX = EXPORT_COLUMNS.findIndex((c) => c.column === "createdAt");
/** The select list: Lead's columns, and the owner's name from the joined user. */
const SELECTION = EXPORT_COLUMNS.map((c) => (c.column === "ownerName" ? ("u.name as ownerName" as const) : (`L.${c.column}` as const)));

/** A batch's last row, as stored: the next batch starts after it, compared exactly. */
type StoredCursor = { createdAt: LeadValue; id: string };

/** One batch's query: the export's columns, the owner's name joined, in the inbox's order. */
export function exportBatchQuery(dialect: Dialect, filter: LeadFilter, cursor: StoredCursor | null, batchSize: number): CompiledQuery {
  const where = cursor ? and(filter, afterCursorFilter(cursor)) : filter;
  return dialect.builder
    .selectFrom("Lead as L")
    .leftJoin("user as u", "u.id", "L.ownerId")
    .select(SELECTION)
    .where((eb) => toKyselyWhere(where, eb, dialect))
    .orderBy("L.createdAt", "desc")
    .orderBy("L.id", "desc")
    .limit(batchSize)
    .compile();
}

/**
 * A batch of raw rows (arrays, in EXPORT_COLUMNS order) as CSV lines, each ending in CRLF.
 * The rows are written over: each cell becomes its formatted text. Also the benchmark
 * baseline's (bench/baselines/export-where-to-sql.ts), so both measure the same formatting.
 */
export function rawRowsCsv(rows: unknown[][], formatters: readonly ((value: unknown) => string)[]): string {
  // Each raw row array is turned into its cells in place and joined: Array.join builds flat
  // strings in one go, where `+=` per cell builds ropes that are flattened later (by the
  // route's TextEncoder) and make more garbage.
  const lines = new Array<string>(rows.length + 1);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let i = 0; i < row.length; i++) row[i] = formatters[i](row[i]);
    lines[r] = row.join(",");
  }
  lines[rows.length] = "";
  return lines.join("\r\n");
}

async function* kyselyBatches(dialect: Dialect, url: string, filter: LeadFilter, batchSize: number): AsyncGenerator<Chunk, void, undefined> {
  const reader = await dialect.openRowReader(url); // on the first batch, not before the header
  try {
    const formatters = cellFormatters(dialect);
    const { snapshot } = reader;
    if (dialect.csvLinesInSql && snapshot) {
      yield* sqlLineBatches(dialect, snapshot, filter, batchSize, formatters);
      return;
    }
    let cursor: StoredCursor | null = null;
    for (;;) {
      const rows = await reader.rows(exportBatchQuery(dialect, filter, cursor, batchSize));
      if (rows.length === 0) return;
      const last = rows[rows.length - 1];
      const next: StoredCursor = { createdAt: last[CREATED_INDEX] as string, id: last[ID_INDEX] as string }; // before the cells are written over
      yield rawRowsCsv(rows, formatters);
      if (rows.length < batchSize) return;
      cursor = next;
    }
  } finally {
    await reader.close();
  }
}

// ---- SQLite: the database writes the common lines ----
//
// Turning 24 columns into JavaScript strings cost more than SQLite's own work, and checking
// them cell by cell about as much again (docs/performance.md). So on SQLite each row comes
// back as its rowid and one string, the cells joined by commas in SQL, with what most rows
// need done there too: DateTime text to ISO 8601, the apostrophe before a phone's "+", and the
// quoted JSON of `fields`. One regular expression (SQL_LINE_OK) then accepts a line only if
// every cell is what csvCell would write; any other row (a formula, a comma, a quote, a line
// break, white space or non-ASCII at a cell's edge, an unusual date) is read again by its
// rowid, in the same read transaction, and written cell by cell. Either way the bytes are
// csvCell's (tests/integration/console-export.test.ts compares with the Prisma reader).

/** Marks a cell SQL did not write, so the line check sends the row cell by cell. */
const NOT_WRITTEN = "char(30)";

function csvCellSql(column: (typeof EXPORT_COLUMNS)[number]): string {
  const c = column.column === "ownerName" ? `"u"."name"` : `"L"."${column.column}"`;
  // Each SQL function call per row counts here (docs/performance.md): one GLOB or one length
  // check where it can be, rather than several substr/instr/typeof calls.
  //
  // Prisma's adapter stores a DateTime as "2026-06-15T12:00:00.000+00:00"; dateIso keeps its
  // first 23 characters and adds "Z". The same here, for text of that shape only: 29 bytes
  // whose characters from the 24th are "+00:00" is 29 ASCII characters (any wider character
  // would leave fewer than six from the 24th). A number or a blob is never such text; NULL is
  // an empty cell; anything else is NOT_WRITTEN.
  if ("date" in column && column.date)
    return `iif(octet_length(${c}) = 29 AND substr(${c}, 24) = '+00:00', substr(${c}, 1, 23) || 'Z', iif(${c} IS NULL, '', ${NOT_WRITTEN}))`;
  // A JSON object with quotes ("{", then a quote somewhere, then "}" last): csvCell quotes it
  // and doubles them ('{' and '}' are neither a formula nor white space; GLOB has no braces).
  if (column.column === "fields") return `iif(${c} GLOB '{*"*}', '"' || replace(${c}, '"', '""') || '"', ${NOT_WRITTEN})`;
  // csvCell puts an apostrophe before a leading "+" (an E.164 phone would be a formula).
  if (column.column === "phone") return `iif(${c} GLOB '+*', '''' || ${c}, ${c})`;
  return c; // concat() writes NULL as nothing
}

if (EXPORT_COLUMNS[EXPORT_COLUMNS.length - 1].column !== "fields") throw new Error("SQL_LINE_OK expects fields as the last column");

/** The row's CSV line (without CRLF), as SQLite writes it. */
const CSV_LINE_SQL = `concat(${EXPORT_COLUMNS.map(csvCellSql).join(", ',', ")})`;

/** Empty, or neither starting with = + - @ nor possibly white space, nor ending in it; no quote, comma or line break. */
const PLAIN_CELL = String.raw`(?:[^=+\-@\x00-\x20\u00a0-\uffff",\r\n](?:[^",\r\n]*[^\x00-\x20\u00a0-\uffff",\r\n])?)?`;
/**
 * A line from CSV_LINE_SQL whose cells are all csvCell's: each cell before `fields` a
 * PLAIN_CELL (which fastCsvCell leaves as it is), exactly as many of them as columns (so no
 * cell held a comma), then `fields`, quoted by SQL. A date SQL did not write is char(30),
 * which no PLAIN_CELL starts with.
 */
export const SQL_LINE_OK = new RegExp(`^${PLAIN_CELL}(?:,${PLAIN_CELL}){${EXPORT_COLUMNS.length - 2}},"`);

/** One batch as [rowid, CSV line written by SQLite], in the inbox's order. */
export function exportLineQuery(dialect: Dialect, filter: LeadFilter, cursor: StoredCursor | null, batchSize: number): CompiledQuery {
  const where = cursor ? and(filter, afterCursorFilter(cursor)) : filter;
  return dialect.builder
    .selectFrom("Lead as L")
    .leftJoin("user as u", "u.id", "L.ownerId")
    .select([sql<number>`"L"."rowid"`.as("rowid"), sql<string>`${sql.raw(CSV_LINE_SQL)}`.as("line")])
    .where((eb) => toKyselyWhere(where, eb, dialect))
    .orderBy("L.createdAt", "desc")
    .orderBy("L.id", "desc")
    .limit(batchSize)
    .compile();
}

/** The export's columns of some rows as stored, each row led by its rowid (one statement for any number). */
function rowsByRowidQuery(dialect: Dialect, rowids: number[]): CompiledQuery {
  return dialect.builder
    .selectFrom("Lead as L")
    .leftJoin("user as u", "u.id", "L.ownerId")
    .select([sql<number>`"L"."rowid"`.as("rowid"), ...SELECTION])
    .where(sql<boolean>`"L"."rowid" IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))`)
    .compile();
}

/**
 * Lines as UTF-8, each followed by CRLF, written into one buffer: the bytes TextEncoder gives
 * for the lines joined (a lone surrogate becomes U+FFFD either way). The buffer grows by
 * doubling when a line might not fit (at most 3 bytes per UTF-16 unit).
 */
export class Utf8Lines {
  private buffer: Uint8Array;
  private size = 0;
  constructor(capacity: number) {
    this.buffer = new Uint8Array(Math.max(capacity, 64));
  }
  add(line: string): void {
    const need = line.length * 3 + 2;
    if (this.buffer.length - this.size < need) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + need));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    this.size += UTF8.encodeInto(line, this.buffer.subarray(this.size)).written;
    this.buffer[this.size++] = 0x0d;
    this.buffer[this.size++] = 0x0a;
  }
  /** The bytes written (a view of the buffer, which is not written again). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.size);
  }
}

async function* sqlLineBatches(
  dialect: Dialect,
  snapshot: NonNullable<RowReader["snapshot"]>,
  filter: LeadFilter,
  batchSize: number,
  formatters: readonly ((value: unknown) => string)[],
): AsyncGenerator<Uint8Array, void, undefined> {
  let cursor: StoredCursor | null = null;
  let capacity = 0; // the last batch's bytes, to size the next batch's buffer
  for (;;) {
    const batch = await snapshot((rows) => {
      const read = rows(exportLineQuery(dialect, filter, cursor, batchSize)) as [number, string][];
      if (read.length === 0) return null;
      const again: number[] = []; // rows to write cell by cell
      for (let i = 0; i < read.length; i++) if (!SQL_LINE_OK.test(read[i][1])) again.push(i);
      // Also the last row's stored createdAt and id: the next batch's cursor.
      const lastIndex = read.length - 1;
      const wanted = again[again.length - 1] === lastIndex ? again : [...again, lastIndex];
      const stored = new Map<number, unknown[]>();
      for (const row of rows(
        rowsByRowidQuery(
          dialect,
          wanted.map((i) => read[i][0]),
        ),
      ))
        stored.set(row[0] as number, row.slice(1));
      const last = stored.get(read[lastIndex][0]);
      if (!last) throw new Error("export: a row vanished inside its read transaction");
      const next: StoredCursor = { createdAt: last[CREATED_INDEX] as string, id: last[ID_INDEX] as string };
      const out = new Utf8Lines(capacity + (capacity >> 3) + 4096);
      let a = 0; // the next row in `again`
      for (let i = 0; i < read.length; i++) {
        if (again[a] !== i) {
          out.add(read[i][1]);
          continue;
        }
        a++;
        const row = stored.get(read[i][0])!;
        const cells = new Array<string>(row.length);
        for (let c = 0; c < row.length; c++) cells[c] = formatters[c](row[c]);
        out.add(cells.join(","));
      }
      return { bytes: out.bytes(), rows: read.length, next };
    });
    if (!batch) return;
    capacity = batch.bytes.byteLength;
    yield batch.bytes;
    if (batch.rows < batchSize) return;
    cursor = batch.next;
  }
}
