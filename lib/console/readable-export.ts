import type { Writable } from "node:stream";
import type { Db } from "../db";
import { formatCohortDate } from "../content/programs";
import { FORMS, formDefinition, LEAD_TYPES, type LeadType } from "../forms/registry";
import { EXPORT_BATCH_SIZE, csvLine } from "./export";
import { afterCursorFilter, inboxFilter, type InboxFilters, type LeadStatus } from "./inbox";
import { and, toPrismaWhere } from "./lead-filter";
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
 * The answer labels a form's summary gives, in its order: read from the form's own example
 * (a realistic, filled-in submission), so the columns follow the definitions. An answer an
 * example leaves out still reaches the file, under "Other answers".
 */
function answerLabels(type: LeadType): string[] {
  const def = formDefinition(type);
  try {
    return def.summary(def.example.input, def.example.names ?? {}).map((r) => r.label);
  } catch {
    return [];
  }
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

const LEAD_SELECT = {
  id: true,
  createdAt: true,
  formType: true,
  status: true,
  name: true,
  email: true,
  phone: true,
  programSlug: true,
  cohortId: true,
  revision: true,
  lostReason: true,
  fields: true,
  owner: { select: { name: true } },
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
} as const;

type LeadRow = {
  id: string;
  createdAt: Date;
  formType: string;
  status: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  programSlug: string | null;
  cohortId: string | null;
  revision: number;
  lostReason: string | null;
  fields: string;
  owner: { name: string | null } | null;
  consentAt: Date | null;
} & Record<string, unknown>;

/** A lead's staff notes and status changes, oldest first. */
export type LeadActivityRow = { type: string; detail: string | null; toStatus: string | null; createdAt: Date; actorName: string | null };

/** Names the database knows: programs by slug, cohorts by id. */
export type ExportNames = { programs: Map<string, string>; cohorts: Map<string, { name: string; startDate: Date }> };

/** "2026-06-15 14:03 UTC". */
const minuteUtc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The notes, oldest first, one a line: "2026-06-15 14:03 UTC, Ada Admin: Called, no answer". */
export function notesText(activities: readonly LeadActivityRow[]): string | null {
  const notes = activities.filter((a) => a.type === "note" && a.detail);
  if (notes.length === 0) return null;
  return notes.map((n) => `${minuteUtc(n.createdAt)}, ${n.actorName ?? "Staff"}: ${n.detail}`).join("\n");
}

/** The reason given with the latest status change (a lost reason), else the lead's stored lost reason. */
export function statusReason(lead: Pick<LeadRow, "status" | "lostReason">, activities: readonly LeadActivityRow[]): string | null {
  const changes = activities.filter((a) => a.type === "status");
  const latest = changes[changes.length - 1];
  if (latest) return latest.detail || null;
  return lead.status === "lost" ? lead.lostReason : null;
}

/** A whole number as written by a form (seats), as a number; anything else stays text. */
const WHOLE = /^(0|[1-9]\d{0,8})$/;

function parseFields(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const rawValue = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** A lead's answers as [label, value], as its form's summary words them. */
export function leadAnswers(lead: Pick<LeadRow, "formType" | "fields" | "cohortId">, names: ExportNames): [string, string][] {
  const fields = parseFields(lead.fields);
  if ((LEAD_TYPES as readonly string[]).includes(lead.formType)) {
    const cohort = lead.cohortId ? names.cohorts.get(lead.cohortId) : undefined;
    try {
      const rows = FORMS[lead.formType as LeadType].summary(fields as never, {
        programs: names.programs,
        cohort: cohort ? `${cohort.name}, starting ${formatCohortDate(cohort.startDate)}` : undefined,
      });
      return rows.map((r) => [r.label, r.value]);
    } catch {
      // A lead stored before its form changed shape: its raw answers below.
    }
  }
  return Object.entries(fields)
    .filter(([k, v]) => k !== "consent" && v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [k, rawValue(v)]);
}

/** One lead as the file's cells, in `columns` order. */
export function leadCells(lead: LeadRow, activities: readonly LeadActivityRow[], names: ExportNames, columns: readonly ExportColumn[]): Cell[] {
  const values = new Map<string, Cell>();
  const known = new Set(columns.map((c) => c.key));
  const other: string[] = [];
  for (const [label, value] of leadAnswers(lead, names)) {
    if (BASE_ANSWER_LABELS.has(label)) continue;
    const key = answerKey(label);
    if (known.has(key)) values.set(key, WHOLE.test(value) ? Number(value) : value);
    else other.push(`${label}: ${value}`);
  }
  const def = (LEAD_TYPES as readonly string[]).includes(lead.formType) ? formDefinition(lead.formType as LeadType) : undefined;
  const cohort = lead.cohortId ? names.cohorts.get(lead.cohortId) : undefined;
  const own: Record<string, Cell> = {
    form: def?.label ?? lead.formType,
    status: STATUS_LABELS[lead.status as LeadStatus] ?? lead.status,
    statusReason: statusReason(lead, activities),
    owner: lead.owner?.name ?? null,
    program: lead.programSlug ? (names.programs.get(lead.programSlug) ?? lead.programSlug) : null,
    cohort: cohort ? cohort.name : lead.cohortId,
    otherAnswers: other.length ? other.join("\n") : null,
    notes: notesText(activities),
  };
  return columns.map((c) => {
    if (values.has(c.key)) return values.get(c.key)!;
    if (c.key in own) return own[c.key];
    const v = lead[c.key];
    return v === undefined ? null : (v as Cell);
  });
}

// ---- reading ----

export type ReadableExportOptions = {
  /** The signed-in staff member's id, for owner=me. */
  me?: string;
  /** Rows per query. */
  batchSize?: number;
};

export type ExportBatch = Cell[][];

/** The names the cells use, read once per export (programs and cohorts are a small catalogue). */
export async function exportNames(db: Db): Promise<ExportNames> {
  const [programs, cohorts] = await Promise.all([
    db.program.findMany({ select: { slug: true, name: true } }),
    db.cohort.findMany({ select: { id: true, name: true, startDate: true } }),
  ]);
  return {
    programs: new Map(programs.map((p) => [p.slug, p.name])),
    cohorts: new Map(cohorts.map((c) => [c.id, { name: c.name, startDate: c.startDate }])),
  };
}

/**
 * The view's rows as cells, one batch at a time, newest first (the inbox's order). The
 * filters' `after` cursor is ignored: an export is always the whole view. Pull it lazily.
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
  const filter = inboxFilter({ ...filters, after: undefined }, opts.me);
  const names = await exportNames(db);
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const leads = (await db.lead.findMany({
      where: toPrismaWhere(cursor ? and(filter, afterCursorFilter(cursor)) : filter),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batchSize,
      select: LEAD_SELECT,
    })) as LeadRow[];
    if (leads.length === 0) return;
    const activities = await db.leadActivity.findMany({
      where: { leadId: { in: leads.map((l) => l.id) }, type: { in: ["note", "status"] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { leadId: true, type: true, detail: true, toStatus: true, createdAt: true, actor: { select: { name: true } } },
    });
    const byLead = new Map<string, LeadActivityRow[]>();
    for (const a of activities) {
      const list = byLead.get(a.leadId) ?? [];
      list.push({ type: a.type, detail: a.detail, toStatus: a.toStatus, createdAt: a.createdAt, actorName: a.actor?.name ?? null });
      byLead.set(a.leadId, list);
    }
    yield leads.map((lead) => leadCells(lead, byLead.get(lead.id) ?? [], names, columns));
    if (leads.length < batchSize) return;
    const last = leads[leads.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
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
      let chunk = "";
      for (const row of batch) chunk += csvLine(row);
      yield chunk;
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

/** The download's file name, `leads-YYYY-MM-DD.<ext>`: the day of `now` in UTC. */
export function readableExportFileName(format: "csv" | "xlsx", now: Date): string {
  return `leads-${now.toISOString().slice(0, 10)}.${format}`;
}
