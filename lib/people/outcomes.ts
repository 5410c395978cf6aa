import { z } from "zod";
import type { Db } from "../db";
import { dollarsToCents } from "../console/programs";
import { CONFLICT, invalid, NOT_FOUND, TX_OPTIONS, type SaveOutcome } from "./edit";
import { calendarDate, checkbox, ID_PATTERN, optionalText, posted, text, wholeNumber } from "./fields";

/**
 * Outcomes reports, CIRR-style: per program and cohort (or group of cohorts), for a stated
 * reporting period, the graduates, how many were job-seeking, how many were employed in the
 * field within 90 and 180 days of graduating, and the median starting salary. Staff type the
 * counts and the reported salaries; the rates and the median are always computed here, never
 * typed, so they cannot disagree with the counts.
 */

export const OUTCOME_LIMITS = { label: 120, methodology: 4000, excluded: 2000, count: 100_000, salaries: 5000, salaryDollars: 1_000_000 } as const;

/** A share as a percentage with one decimal (82.5), or null when there is nobody to count. */
export function percentOf(part: number, whole: number): number | null {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole <= 0 || part < 0) return null;
  // Integer arithmetic first: 33/40 is exactly 82.5, not 82.49999.
  return Math.round((part * 1000) / whole) / 10;
}

/** "82.5%" or "82%" (a whole number shows no ".0"); "—" for no rate. */
export function formatPercent(p: number | null): string {
  return p === null ? "—" : `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

/** The median of whole-cent amounts, rounded to the cent (the mean of the middle two for an even count); null for none. */
export function medianCents(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** The stored salary list ("6500000\n7200000") as cents. */
export function parseStoredSalaries(stored: string): number[] {
  return stored
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** The figures a report shows, worked out from its counts and salaries. */
export function outcomeFigures(r: { graduates: number; jobSeeking: number; hiredWithin90: number; hiredWithin180: number; salariesCents: string }) {
  const salaries = parseStoredSalaries(r.salariesCents);
  return {
    jobSeekingRate: percentOf(r.jobSeeking, r.graduates),
    hired90Rate: percentOf(r.hiredWithin90, r.jobSeeking),
    hired180Rate: percentOf(r.hiredWithin180, r.jobSeeking),
    salariesReported: salaries.length,
    medianSalaryCents: medianCents(salaries),
  };
}

/** Salaries as typed, one per line in dollars ("72,000"), to cents; a bad line names itself. */
const salaryList = z.preprocess(
  posted,
  z.string().transform((s, ctx) => {
    const lines = s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length > OUTCOME_LIMITS.salaries) {
      ctx.addIssue({ code: "custom", message: `List at most ${OUTCOME_LIMITS.salaries} salaries.` });
      return z.NEVER;
    }
    const cents: number[] = [];
    for (const [i, line] of lines.entries()) {
      const c = dollarsToCents(line);
      if (c === null || c < 100 || c > OUTCOME_LIMITS.salaryDollars * 100) {
        ctx.addIssue({ code: "custom", message: `Line ${i + 1} is not a yearly salary in dollars, like 72000 or 72,000.` });
        return z.NEVER;
      }
      cents.push(c);
    }
    return cents;
  }),
);

export const outcomeReportSchema = z
  .object({
    programId: z.preprocess(posted, z.string().regex(ID_PATTERN, "Choose a program.")),
    cohortLabel: text("the cohorts covered", OUTCOME_LIMITS.label),
    periodStart: calendarDate("the first graduation date"),
    periodEnd: calendarDate("the last graduation date"),
    graduates: wholeNumber("the number of graduates", 0, OUTCOME_LIMITS.count),
    jobSeeking: wholeNumber("the number of job-seeking graduates", 0, OUTCOME_LIMITS.count),
    hiredWithin90: wholeNumber("the number hired within 90 days", 0, OUTCOME_LIMITS.count),
    hiredWithin180: wholeNumber("the number hired within 180 days", 0, OUTCOME_LIMITS.count),
    salaries: salaryList,
    excludedNote: optionalText("the note on excluded graduates", OUTCOME_LIMITS.excluded, { multiline: true }),
    methodology: text("the methodology", OUTCOME_LIMITS.methodology, { multiline: true }),
    sample: checkbox,
    published: checkbox,
  })
  .superRefine((r, ctx) => {
    // zod runs object checks even when a field failed: compare only what parsed.
    const n = (v: unknown) => typeof v === "number";
    if (r.periodStart instanceof Date && r.periodEnd instanceof Date && r.periodEnd < r.periodStart)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The last graduation date cannot be before the first." });
    if (n(r.jobSeeking) && n(r.graduates) && r.jobSeeking > r.graduates)
      ctx.addIssue({ code: "custom", path: ["jobSeeking"], message: `Job-seeking graduates cannot be more than the ${r.graduates} graduates.` });
    if (n(r.hiredWithin180) && n(r.jobSeeking) && r.hiredWithin180 > r.jobSeeking)
      ctx.addIssue({
        code: "custom",
        path: ["hiredWithin180"],
        message: `Hired within 180 days cannot be more than the ${r.jobSeeking} job-seeking graduates.`,
      });
    if (n(r.hiredWithin90) && n(r.hiredWithin180) && r.hiredWithin90 > r.hiredWithin180)
      ctx.addIssue({
        code: "custom",
        path: ["hiredWithin90"],
        message: `Hired within 90 days cannot be more than the ${r.hiredWithin180} hired within 180 days.`,
      });
    if (Array.isArray(r.salaries) && n(r.hiredWithin180) && r.salaries.length > r.hiredWithin180)
      ctx.addIssue({
        code: "custom",
        path: ["salaries"],
        message: `There are ${r.salaries.length} salaries but only ${r.hiredWithin180} graduates hired within 180 days.`,
      });
  })
  .transform(({ salaries, ...r }) => ({ ...r, salariesCents: salaries.join("\n") }));
export type OutcomeReportInput = z.output<typeof outcomeReportSchema>;

export const OUTCOME_FIELDS = [
  "programId",
  "cohortLabel",
  "periodStart",
  "periodEnd",
  "graduates",
  "jobSeeking",
  "hiredWithin90",
  "hiredWithin180",
  "salaries",
  "excludedNote",
  "methodology",
  "sample",
  "published",
] as const;

/** Cents as the salary list shows them, one per line in whole dollars where exact. */
export function salariesForForm(stored: string): string {
  return parseStoredSalaries(stored)
    .map((c) => (c % 100 === 0 ? String(c / 100) : (c / 100).toFixed(2)))
    .join("\n");
}

// ---------------------------------------------------------------------------------------
// Writing

const slugOf = async (db: Pick<Db, "program">, programId: string) =>
  (await db.program.findUnique({ where: { id: programId }, select: { slug: true } }))?.slug ?? null;

export async function createOutcomeReport(db: Db, raw: Record<string, unknown>): Promise<SaveOutcome> {
  const parsed = outcomeReportSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const slug = await slugOf(db, parsed.data.programId);
  if (!slug) return { ok: false, reason: "invalid", fieldErrors: { programId: "Choose a program." } };
  const report = await db.outcomeReport.create({ data: parsed.data });
  return { ok: true, id: report.id, slugs: [slug] };
}

export async function updateOutcomeReport(db: Db, ref: { id: string; version?: Date }, raw: Record<string, unknown>): Promise<SaveOutcome> {
  const parsed = outcomeReportSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  return db.$transaction(async (tx) => {
    const before = await tx.outcomeReport.findUnique({ where: { id: ref.id }, select: { program: { select: { slug: true } } } });
    if (!before) return NOT_FOUND;
    const slug = await slugOf(tx, parsed.data.programId);
    if (!slug) return { ok: false, reason: "invalid", fieldErrors: { programId: "Choose a program." } } as const;
    const { count } = await tx.outcomeReport.updateMany({ where: { id: ref.id, ...(ref.version ? { updatedAt: ref.version } : {}) }, data: parsed.data });
    if (count === 0) return CONFLICT;
    return { ok: true, id: ref.id, slugs: [...new Set([before.program.slug, slug])] } as const;
  }, TX_OPTIONS);
}

// ---------------------------------------------------------------------------------------
// Reading

export function listOutcomeReportsForConsole(db: Db) {
  return db.outcomeReport.findMany({
    orderBy: [{ program: { sortOrder: "asc" } }, { periodEnd: "desc" }],
    include: { program: { select: { name: true, slug: true } } },
  });
}

export function getOutcomeReportForEditing(db: Db, id: string) {
  if (!ID_PATTERN.test(id)) return Promise.resolve(null);
  return db.outcomeReport.findUnique({ where: { id } });
}

/** A report as the public pages show it: serialisable (dates as ISO strings), figures computed. */
export type OutcomeReportView = {
  id: string;
  programName: string;
  programSlug: string;
  cohortLabel: string;
  periodStart: string;
  periodEnd: string;
  graduates: number;
  jobSeeking: number;
  hiredWithin90: number;
  hiredWithin180: number;
  excludedNote: string;
  methodology: string;
  sample: boolean;
  updatedAt: string;
} & ReturnType<typeof outcomeFigures>;

type ReportRow = Awaited<ReturnType<typeof listOutcomeReportsForConsole>>[number];

function toView(r: ReportRow): OutcomeReportView {
  return {
    id: r.id,
    programName: r.program.name,
    programSlug: r.program.slug,
    cohortLabel: r.cohortLabel,
    periodStart: r.periodStart.toISOString(),
    periodEnd: r.periodEnd.toISOString(),
    graduates: r.graduates,
    jobSeeking: r.jobSeeking,
    hiredWithin90: r.hiredWithin90,
    hiredWithin180: r.hiredWithin180,
    excludedNote: r.excludedNote,
    methodology: r.methodology,
    sample: r.sample,
    updatedAt: r.updatedAt.toISOString(),
    ...outcomeFigures(r),
  };
}

/** Published reports of published programs: in program order, latest period first. */
export async function listPublishedOutcomeReports(db: Db): Promise<OutcomeReportView[]> {
  const rows = await db.outcomeReport.findMany({
    where: { published: true, program: { published: true } },
    orderBy: [{ program: { sortOrder: "asc" } }, { periodEnd: "desc" }, { createdAt: "asc" }],
    include: { program: { select: { name: true, slug: true } } },
  });
  return rows.map(toView);
}

/** A program's (by slug) latest published report, for the outcome line on its page. */
export async function latestOutcomeReport(db: Db, slug: string): Promise<OutcomeReportView | null> {
  const row = await db.outcomeReport.findFirst({
    where: { program: { slug }, published: true },
    orderBy: [{ periodEnd: "desc" }, { createdAt: "desc" }],
    include: { program: { select: { name: true, slug: true } } },
  });
  return row ? toView(row) : null;
}

/** The anchor of a report on /outcomes. */
export const outcomeAnchor = (r: Pick<OutcomeReportView, "id">) => `report-${r.id}`;
