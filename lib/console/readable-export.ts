import type { Writable } from "node:stream";
import type { CompiledQuery } from "kysely";
import { dbUrl, type Db } from "../db";
import { formatCohortDate } from "../content/programs";
import { dialectForUrl, type Dialect } from "../db/dialect";
import type { LeadColumn, RowReader } from "../db/kysely";
import { formDefinition, LEAD_TYPES, type LeadType } from "../forms/registry";
import { csvLine, fastCsvCell } from "./csv";
import { formAnswers } from "./lead-answers";
import { afterCursorFilter, inboxFilter, type InboxFilters, type LeadStatus } from "./inbox";
import { and, toKyselyWhere, type LeadFilter, type LeadValue } from "./lead-filter";
import { STATUS_LABELS } from "./pipeline";

/**
 * The lead export staff download (docs/console.md, "Export"): the inbox's filtered view with
 * readable values, as CSV or as an Excel workbook.
 *
 * - Program and cohort by name; each answer in its own column, labelled and worded as the
 *   form's own summary words it (lib/forms/<form>/definition.tsx), so options read as their
 *   labels and courses as program names, exactly as in the confirmation email.
 * - The staff notes (date, author, text) and the reason given with the latest status change.
 * - Read in keyset batches in the inbox's order (EXPORT_BATCH_SIZE rows per query, plus one
 *   query for the batch's notes and status changes), so memory holds about one batch.
 * - Cells are typed (`Cell`): the CSV writes them through `csvCell` (formula-safe), the
 *   workbook as real dates, numbers and text, so a phone is text with no apostrophe.
 */

export type Cell = string | number | Date | null;

/**
 * Rows per query and per chunk. 500 rather than a few thousand: bigger batches cost the same
 * CPU but more memory (docs/performance.md).
 */
export const EXPORT_BATCH_SIZE = 500;

export type ExportColumn = { key: string; label: string; kind: "text" | "date" | "number" | "phone" };

/** Answers the lead's own columns already carry (Program: the apply form's program, by name). */
const BASE_ANSWER_LABELS = new Set(["Name", "Email", "Phone", "Program"]);

const BASE_COLUMNS: readonly ExportColumn[] = [
  { key: "id", label: "ID", kind: "text" },
  { key: "createdAt", label: "Received (UTC)", kind: "date" },
  { key: "form", label: "Form", kind: "text" },
  { key: "status", label: "Status", kind: "text" },
  { key: "statusReason", label: "Status reason", kind: "text" },
  { key: "owner", label: "Owner", kind: "text" },
  { key: "name", label: "Name", kind: "text" },
  { key: "email", label: "Email", kind: "text" },
  { key: "phone", label: "Phone", kind: "phone" },
  { key: "program", label: "Program", kind: "text" },
  { key: "cohort", label: "Cohort", kind: "text" },
  { key: "revision", label: "Times sent", kind: "number" },
];

const TAIL_COLUMNS: readonly ExportColumn[] = [
  { key: "otherAnswers", label: "Other answers", kind: "text" },
  { key: "notes", label: "Notes", kind: "text" },
  { key: "utmSource", label: "UTM source", kind: "text" },
  { key: "utmMedium", label: "UTM medium", kind: "text" },
  { key: "utmCampaign", label: "UTM campaign", kind: "text" },
  { key: "utmTerm", label: "UTM term", kind: "text" },
  { key: "utmContent", label: "UTM content", kind: "text" },
  { key: "referrerUrl", label: "Referrer URL", kind: "text" },
  { key: "landingPage", label: "Landing page", kind: "text" },
  { key: "article", label: "Article", kind: "text" },
  { key: "cta", label: "CTA", kind: "text" },
  { key: "referralCode", label: "Referral code", kind: "text" },
  { key: "consentVersion", label: "Consent version", kind: "text" },
  { key: "consentAt", label: "Consent at (UTC)", kind: "date" },
];

/** The answer column of a summary label. */
const answerKey = (label: string) => `answer:${label}`;

/**
 * Answers a form's example leaves out that its leads often carry: a column of their own rather
 * than a line in "Other answers". The label is the summary's (tests/integration/readable-export.test.ts
 * checks that such an answer lands in its column).
 */
const OPTIONAL_ANSWERS: Partial<Record<LeadType, readonly string[]>> = { enroll: ["Discount or referral code"] };

/**
 * The answer labels a form's summary gives, in its order: read from the form's own example
 * (a realistic, filled-in submission), so the columns follow the definitions; then its
 * OPTIONAL_ANSWERS. Any other answer an example leaves out still reaches the file, under
 * "Other answers".
 */
function answerLabels(type: LeadType): string[] {
  const def = formDefinition(type);
  let labels: string[] = [];
  try {
    labels = def.summary(def.example.input, def.example.names ?? {}).map((r) => r.label);
  } catch {
    // no example answers: the optional ones only
  }
  return [...labels, ...(OPTIONAL_ANSWERS[type] ?? [])];
}

/**
 * The file's columns: a stable set for the form types exported (one type when the view is
 * filtered to a form, else every type): the lead's own columns, then the union of the forms'
 * answers in the registry's order, then the rest.
 */
export function exportColumns(form?: LeadType): ExportColumn[] {
  const labels: string[] = [];
  for (const type of form ? [form] : LEAD_TYPES) {
    for (const label of answerLabels(type)) if (!BASE_ANSWER_LABELS.has(label) && !labels.includes(label)) labels.push(label);
  }
  // An answer named like one of the lead's columns (the comment form's "Article") is told apart.
  const taken = new Set([...BASE_COLUMNS, ...TAIL_COLUMNS].map((c) => c.label));
  const answers = labels.map((label): ExportColumn => ({ key: answerKey(label), label: taken.has(label) ? `${label} (answer)` : label, kind: "text" }));
  return [...BASE_COLUMNS, ...answers, ...TAIL_COLUMNS];
}

// ---- one lead as cells ----

/**
 * The lead's columns the file reads, in the order a raw row holds them (arrays, no object per
 * row: Prisma's row mapping cost more than the whole file, docs/performance.md); then the
 * owner's name, joined.
 */
const LEAD_COLUMNS = [
  "id",
  "createdAt",
  "formType",
  "status",
  "name",
  "email",
  "phone",
  "programSlug",
  "cohortId",
  "revision",
  "lostReason",
  "fields",
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
  "consentVersion",
  "consentAt",
] as const satisfies readonly LeadColumn[];

type LeadColumnName = (typeof LEAD_COLUMNS)[number];
const at = (column: LeadColumnName) => LEAD_COLUMNS.indexOf(column);
const ID = at("id");
const CREATED_AT = at("createdAt");
const FORM_TYPE = at("formType");
const STATUS = at("status");
const PROGRAM = at("programSlug");
const COHORT = at("cohortId");
const LOST_REASON = at("lostReason");
const FIELDS = at("fields");
const OWNER_NAME = LEAD_COLUMNS.length;
const DATE_COLUMNS = new Set<string>(["createdAt", "consentAt"] satisfies LeadColumnName[]);

/** A lead's staff notes and status changes, oldest first (`createdAt` as ISO 8601 UTC). */
export type LeadActivityRow = { type: string; detail: string | null; createdAt: string; actorName: string | null };

/**
 * What the cells are worded from, worked out once per export: programs by slug, and each
 * cohort's name and its "Autumn 2026, starting 7 September 2026" as the forms' summaries say it.
 */
export type ExportNames = { programs: Map<string, string>; cohorts: Map<string, { name: string; startsAs: string }> };

/** "2026-06-15 14:03 UTC", from ISO 8601. */
const minuteUtc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** The notes, oldest first, one a line: "2026-06-15 14:03 UTC, Ada Admin: Called, no answer". */
function notesText(activities: readonly LeadActivityRow[]): string | null {
  let text: string | null = null;
  for (const a of activities) {
    if (a.type !== "note" || !a.detail) continue;
    const line = `${minuteUtc(a.createdAt)}, ${a.actorName ?? "Staff"}: ${a.detail}`;
    text = text === null ? line : `${text}\n${line}`;
  }
  return text;
}

/** The reason given with the latest status change (a lost reason), else the lead's stored lost reason. */
function statusReason(status: unknown, lostReason: unknown, activities: readonly LeadActivityRow[]): string | null {
  for (let i = activities.length - 1; i >= 0; i--) if (activities[i].type === "status") return activities[i].detail || null;
  return status === "lost" ? (lostReason as string | null) : null;
}

/** A whole number as written by a form (seats), as a number; anything else stays text. */
const WHOLE = /^(0|[1-9]\d{0,8})$/;

function parseFields(json: unknown): Record<string, unknown> {
  try {
    const v: unknown = typeof json === "string" ? JSON.parse(json) : null;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A lead's answers, labelled and worded as its form's summary words them (lib/console/lead-answers.ts). */
function leadAnswers(formType: unknown, fieldsJson: unknown, cohortId: unknown, names: ExportNames): { label: string; value: string }[] {
  const cohort = typeof cohortId === "string" ? names.cohorts.get(cohortId) : undefined;
  return formAnswers(formType, parseFields(fieldsJson), { programs: names.programs, cohort: cohort?.startsAs });
}

/** What a column's cell is made of. */
type CellSource =
  | { from: "lead"; index: number; date: boolean }
  | { from: "own"; key: "form" | "status" | "statusReason" | "owner" | "program" | "cohort" | "otherAnswers" | "notes" }
  | { from: "answer" };

const OWN_KEYS = new Set(["form", "status", "statusReason", "owner", "program", "cohort", "otherAnswers", "notes"]);

/**
 * Turns raw lead rows into the file's cells, for one set of columns: where each cell comes
 * from is worked out once, so a row costs its own values only.
 */
function cellWriter(columns: readonly ExportColumn[], names: ExportNames, dateIso: (value: unknown) => string | null) {
  const sources: CellSource[] = columns.map((c) => {
    if (c.key.startsWith("answer:")) return { from: "answer" };
    if (OWN_KEYS.has(c.key)) return { from: "own", key: c.key as Extract<CellSource, { from: "own" }>["key"] };
    const index = LEAD_COLUMNS.indexOf(c.key as LeadColumnName);
    if (index < 0) throw new Error(`no source for the export column ${c.key}`);
    return { from: "lead", index, date: DATE_COLUMNS.has(c.key) };
  });
  const answerIndex = new Map(columns.flatMap((c, i) => (c.key.startsWith("answer:") ? [[c.key.slice("answer:".length), i] as const] : [])));
  const formLabels = new Map<unknown, string>(LEAD_TYPES.map((type) => [type, formDefinition(type).label]));
  const toDate = (value: unknown): Date | null => {
    const iso = dateIso(value);
    return iso === null ? null : new Date(iso);
  };

  return (row: unknown[], activities: readonly LeadActivityRow[]): Cell[] => {
    const cells = new Array<Cell>(columns.length).fill(null);
    let other: string | null = null;
    for (const { label, value } of leadAnswers(row[FORM_TYPE], row[FIELDS], row[COHORT], names)) {
      if (BASE_ANSWER_LABELS.has(label)) continue;
      const i = answerIndex.get(label);
      if (i !== undefined) cells[i] = WHOLE.test(value) ? Number(value) : value;
      else other = other === null ? `${label}: ${value}` : `${other}\n${label}: ${value}`;
    }
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      if (source.from === "answer") continue;
      if (source.from === "lead") {
        const v = row[source.index];
        cells[i] = v === null || v === undefined ? null : source.date ? toDate(v) : (v as Cell);
        continue;
      }
      switch (source.key) {
        case "form":
          cells[i] = formLabels.get(row[FORM_TYPE]) ?? (row[FORM_TYPE] as string);
          break;
        case "status":
          cells[i] = STATUS_LABELS[row[STATUS] as LeadStatus] ?? (row[STATUS] as string);
          break;
        case "statusReason":
          cells[i] = statusReason(row[STATUS], row[LOST_REASON], activities);
          break;
        case "owner":
          cells[i] = (row[OWNER_NAME] as string | null) ?? null;
          break;
        case "program": {
          const slug = row[PROGRAM] as string | null;
          cells[i] = slug ? (names.programs.get(slug) ?? slug) : null;
          break;
        }
        case "cohort": {
          const id = row[COHORT] as string | null;
          cells[i] = id ? (names.cohorts.get(id)?.name ?? id) : null;
          break;
        }
        case "otherAnswers":
          cells[i] = other;
          break;
        case "notes":
          cells[i] = notesText(activities);
          break;
      }
    }
    return cells;
  };
}

// ---- reading ----

export type ReadableExportOptions = {
  /** The signed-in staff member's id, for owner=me. */
  me?: string;
  /** Rows per query. */
  batchSize?: number;
};

export type ExportBatch = Cell[][];

/** The names the cells use, read once per export (programs and cohorts are a small catalogue), on the export's connection. */
async function exportNames(dialect: Dialect, reader: RowReader): Promise<ExportNames> {
  const programs = await reader.rows(dialect.builder.selectFrom("Program").select(["slug", "name"]).compile());
  const cohorts = await reader.rows(dialect.builder.selectFrom("Cohort").select(["id", "name", "startDate"]).compile());
  return {
    programs: new Map(programs.map(([slug, name]) => [slug as string, name as string])),
    cohorts: new Map(
      cohorts.map(([id, name, startDate]) => [
        id as string,
        { name: name as string, startsAs: `${name as string}, starting ${formatCohortDate(new Date(dialect.dateIso(startDate)!))}` },
      ]),
    ),
  };
}

/** A batch's last row, as stored: the next batch starts after it, compared exactly. */
type StoredCursor = { createdAt: LeadValue; id: string };

/** One batch of the view: LEAD_COLUMNS and the owner's name, in the inbox's order (newest first). */
export function leadBatchQuery(dialect: Dialect, filter: LeadFilter, cursor: StoredCursor | null, batchSize: number): CompiledQuery {
  const where = cursor ? and(filter, afterCursorFilter(cursor)) : filter;
  return dialect.builder
    .selectFrom("Lead as L")
    .leftJoin("user as u", "u.id", "L.ownerId")
    .select([...LEAD_COLUMNS.map((c) => `L.${c}` as const), "u.name as ownerName"])
    .where((eb) => toKyselyWhere(where, eb, dialect))
    .orderBy("L.createdAt", "desc")
    .orderBy("L.id", "desc")
    .limit(batchSize)
    .compile();
}

/** A batch's notes and status changes with their authors, by lead, oldest first: one query for the batch. */
function activityQuery(dialect: Dialect, leadIds: string[]): CompiledQuery {
  return dialect.builder
    .selectFrom("LeadActivity as a")
    .leftJoin("user as u", "u.id", "a.actorId")
    .select(["a.leadId", "a.type", "a.detail", "a.createdAt", "u.name"])
    .where("a.leadId", "in", leadIds)
    .where("a.type", "in", ["note", "status"])
    .orderBy("a.leadId")
    .orderBy("a.createdAt")
    .orderBy("a.id")
    .compile();
}

/**
 * The view's rows as cells, one batch at a time, newest first (the inbox's order). The
 * filters' `after` cursor is ignored: an export is always the whole view. Pull it lazily; stop
 * it with `return()` (a for-await `break` does that), which closes the reader's connection.
 *
 * Read with Kysely on a connection of the export's own, rows as arrays: one query per batch
 * for the leads and one for their notes and status changes. `createdAt <= cursor` stands
 * outside afterCursor's OR, so later batches are an index range. No lock is held between
 * batches (one transaction would hold SQLite's write lock, or stop WAL checkpoints, for the
 * whole download).
 */
export async function* readableExportBatches(
  db: Db,
  filters: InboxFilters,
  columns: readonly ExportColumn[],
  opts: ReadableExportOptions = {},
): AsyncGenerator<ExportBatch, void, undefined> {
  const batchSize = opts.batchSize ?? EXPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  // inboxFilter drops owner=me without an id; for an export that would mean everyone's leads.
  if (filters.owner === "me" && !opts.me) throw new Error("owner=me needs the staff member's id (opts.me)");
  const url = dbUrl(db);
  if (!url) throw new Error("the export reads on a connection of its own: it needs a client made by createDb");
  const filter = inboxFilter({ ...filters, after: undefined }, opts.me);
  const dialect = dialectForUrl(url);
  const reader = await dialect.openRowReader(url);
  try {
    const cells = cellWriter(columns, await exportNames(dialect, reader), dialect.dateIso);
    let cursor: StoredCursor | null = null;
    for (;;) {
      const leads = await reader.rows(leadBatchQuery(dialect, filter, cursor, batchSize));
      if (leads.length === 0) return;
      const byLead = new Map<string, LeadActivityRow[]>();
      for (const [leadId, type, detail, createdAt, actorName] of await reader.rows(
        activityQuery(
          dialect,
          leads.map((l) => l[ID] as string),
        ),
      )) {
        const row: LeadActivityRow = {
          type: type as string,
          detail: detail as string | null,
          createdAt: dialect.dateIso(createdAt) ?? "",
          actorName: actorName as string | null,
        };
        const list = byLead.get(leadId as string);
        if (list) list.push(row);
        else byLead.set(leadId as string, [row]);
      }
      yield leads.map((lead) => cells(lead, byLead.get(lead[ID] as string) ?? []));
      if (leads.length < batchSize) return;
      const last = leads[leads.length - 1];
      cursor = { createdAt: last[CREATED_AT] as LeadValue, id: last[ID] as string };
    }
  } finally {
    await reader.close();
  }
}

// ---- writers ----

/** The view as CSV text: the header line, then one chunk per batch (formula-safe cells, ./export.ts `csvCell`). */
export async function* readableExportCsv(db: Db, filters: InboxFilters, opts: ReadableExportOptions = {}): AsyncGenerator<string, void, undefined> {
  const columns = exportColumns(filters.form);
  const batches = readableExportBatches(db, filters, columns, opts);
  try {
    yield csvLine(columns.map((c) => c.label));
    for await (const batch of batches) {
      // Each row's cells joined, then the rows: Array.join builds flat strings in one go, where
      // `+=` builds ropes that are flattened later (by the route's TextEncoder).
      const lines = new Array<string>(batch.length + 1);
      for (let r = 0; r < batch.length; r++) {
        const row = batch[r] as unknown[];
        for (let i = 0; i < row.length; i++) {
          const cell = row[i];
          row[i] = cell === null ? "" : fastCsvCell(cell); // most answer columns are empty
        }
        lines[r] = row.join(",");
      }
      lines[batch.length] = "";
      yield lines.join("\r\n");
    }
  } finally {
    await batches.return(undefined);
  }
}

const XLSX_FORMATS: Partial<Record<ExportColumn["kind"], string>> = { date: "yyyy-mm-dd hh:mm", phone: "@" };
const XLSX_WIDTHS: Record<ExportColumn["kind"], number> = { date: 18, phone: 18, number: 10, text: 22 };

/**
 * The view as an .xlsx workbook written to `out` as it is read (exceljs' streaming writer): one
 * sheet, a bold frozen header row, dates as dates, numbers as numbers and everything else as
 * text, so "+44…" is a phone and "=1+1" is words. `shouldStop` lets the caller end the work
 * early (the client went away); `ready` waits while the output is full.
 */
export async function writeReadableExportXlsx(
  db: Db,
  filters: InboxFilters,
  out: Writable,
  opts: ReadableExportOptions & { shouldStop?: () => boolean; ready?: () => Promise<void> } = {},
): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const columns = exportColumns(filters.form);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Leads", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: XLSX_WIDTHS[c.kind],
    style: XLSX_FORMATS[c.kind] ? { numFmt: XLSX_FORMATS[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const batches = readableExportBatches(db, filters, columns, opts);
  try {
    for await (const batch of batches) {
      for (const cells of batch) sheet.addRow(cells).commit();
      if (opts.shouldStop?.()) return;
      await opts.ready?.();
    }
  } finally {
    await batches.return(undefined);
  }
  sheet.commit();
  await workbook.commit();
}

/** What the download's file name is dated by; a test sets `now` rather than depend on the day it runs. */
export const exportClock = { now: (): Date => new Date() };

/** The download's file name, `leads-YYYY-MM-DD.<ext>`: the day of `now` in UTC. */
export function readableExportFileName(format: "csv" | "xlsx", now: Date): string {
  return `leads-${now.toISOString().slice(0, 10)}.${format}`;
}
