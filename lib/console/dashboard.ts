import type { Db } from "../db";
import { at, sqlOutside, type Sql } from "../db/sql";
import { LEAD_TYPES, type LeadType } from "../leads/form-types";
import { queryParam, type QueryParams } from "../query-param";
import { NO_SOURCE } from "./inbox";
import { contactStep, contactStepMiddleMs, INTENT_LEAD_TYPES, isIntent, type Grain, type IntentLeadType } from "./rollup-sql";

/**
 * The console dashboard for a range of time given as two instants (from inclusive, to
 * exclusive), so that any staff time zone's days work: leads (the intent forms) per day by
 * form, against the previous period of the same length; sign-ups that are not leads, apart;
 * the funnel by source, article and CTA; time to first contact; and a table per advisor.
 *
 * Counts come from rollups kept by triggers on "Lead" (lib/console/rollup-sql.ts): whole UTC
 * months, days and hours of the range are read from them, and the partial hours at its edges
 * (zones at :30 and :45) from "Lead" itself, so the answer is exact for any instants. With
 * `mode: "raw"` everything is read from "Lead": the same answer, the slow way (tests compare
 * the two; the benchmark times both). Costs: docs/performance.md, "Dashboard".
 */

export const DEFAULT_RANGE_DAYS = 30;
/** A longer range is cut to its last 366 days. */
export const MAX_RANGE_DAYS = 366;
/** Up to this many days the chart has one bar per day; longer ranges get one bar per week. */
export const DAILY_BUCKETS_UP_TO = 62;
/** Top rows per funnel table. */
export const FUNNEL_TOP = 10;
/** Leads still "new" after this long are shown as waiting. */
export const WAITING_AFTER_MS = 24 * 60 * 60 * 1000;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A range of time: fromMs inclusive, toMs exclusive (ms since 1970, any alignment). */
export type Instants = { fromMs: number; toMs: number };

/** Where counts are read from: the rollups (with "Lead" for partial hours) or only "Lead". */
export type ReadMode = "rollup" | "raw";

export type DashboardRange = Instants & {
  /** Inclusive, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  /** `from` at 00:00 UTC. */
  start: Date;
  /** The day after `to` at 00:00 UTC (exclusive). */
  end: Date;
  days: number;
  /** True when the asked-for range was longer than MAX_RANGE_DAYS and was shortened. */
  clamped: boolean;
};

/** Midnight UTC of a YYYY-MM-DD date, or null when it is not a real date. */
export function parseDay(v: string | undefined): number | null {
  if (!v || !DATE.test(v)) return null;
  const ms = Date.parse(`${v}T00:00:00.000Z`);
  // Date.parse accepts 2026-02-31 (as March 3rd): only keep dates that round-trip.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== v ? null : ms;
}

export const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const midnight = (d: Date) => Math.floor(d.getTime() / DAY_MS) * DAY_MS;

/**
 * The range from `?from=&to=` (inclusive UTC days). Missing or invalid values fall back to
 * the last 30 days up to today; reversed dates are swapped; too long a range keeps its end.
 */
export function parseDashboardRange(params: QueryParams, now: Date = new Date()): DashboardRange {
  let to = parseDay(queryParam(params, "to")) ?? midnight(now);
  let from = parseDay(queryParam(params, "from")) ?? to - (DEFAULT_RANGE_DAYS - 1) * DAY_MS;
  if (from > to) [from, to] = [to, from];
  let clamped = false;
  if ((to - from) / DAY_MS + 1 > MAX_RANGE_DAYS) {
    from = to - (MAX_RANGE_DAYS - 1) * DAY_MS;
    clamped = true;
  }
  const end = to + DAY_MS;
  return {
    from: dayString(from),
    to: dayString(to),
    start: new Date(from),
    end: new Date(end),
    fromMs: from,
    toMs: end,
    days: (to - from) / DAY_MS + 1,
    clamped,
  };
}

// ---- Reading the rollups ----

const HOUR_MS = 3_600_000;

/** A run of rollup buckets of one grain: bucket starts (whole hours since 1970) in [from, to). */
export type RollupPiece = { grain: Grain; from: number; to: number };

const monthStartHour = (hour: number, after: boolean): number => {
  const d = new Date(hour * HOUR_MS);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / HOUR_MS;
  return after && start < hour ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / HOUR_MS : start;
};

/**
 * Splits [fromMs, toMs) into whole UTC months, days and hours (read from the rollups) and
 * the partial hours at either end (read from "Lead"). Pieces never overlap and cover the
 * range exactly.
 */
export function rangePieces({ fromMs, toMs }: Instants): { pieces: RollupPiece[]; raw: [number, number][] } {
  if (!(toMs > fromMs)) return { pieces: [], raw: [] };
  const h0 = Math.ceil(fromMs / HOUR_MS);
  const h1 = Math.floor(toMs / HOUR_MS);
  if (h0 >= h1) return { pieces: [], raw: [[fromMs, toMs]] };
  const raw: [number, number][] = [];
  if (fromMs < h0 * HOUR_MS) raw.push([fromMs, h0 * HOUR_MS]);
  if (h1 * HOUR_MS < toMs) raw.push([h1 * HOUR_MS, toMs]);
  const pieces: RollupPiece[] = [];
  const add = (grain: Grain, from: number, to: number) => from < to && pieces.push({ grain, from, to });
  const d0 = Math.ceil(h0 / 24) * 24;
  const d1 = Math.floor(h1 / 24) * 24;
  if (d0 >= d1) {
    add("h", h0, h1);
    return { pieces, raw };
  }
  add("h", h0, d0);
  add("h", d1, h1);
  const m0 = monthStartHour(d0, true);
  const m1 = monthStartHour(d1, false);
  if (m0 >= m1) add("d", d0, d1);
  else {
    add("d", d0, m0);
    add("m", m0, m1);
    add("d", m1, d1);
  }
  return { pieces, raw };
}

/** Joins touching pieces of the same grain, so a query has few ranges to seek. */
function mergePieces(pieces: RollupPiece[]): RollupPiece[] {
  const sorted = [...pieces].sort((a, b) => a.grain.localeCompare(b.grain) || a.from - b.from);
  const out: RollupPiece[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (last && last.grain === p.grain && last.to === p.from) last.to = p.to;
    else out.push({ ...p });
  }
  return out;
}

type PieceTable = "LeadRollup" | "LeadFunnelRollup" | "LeadContactRollup";

/** A Kysely condition for rows of the rollup table in any of the pieces. */
function inPieces(sql: Sql, table: PieceTable, pieces: RollupPiece[]) {
  return sql.q
    .selectFrom(table)
    .where((eb) => eb.or(mergePieces(pieces).map((p) => eb.and([eb("grain", "=", p.grain), eb("bucket", ">=", p.from), eb("bucket", "<", p.to)]))));
}

/** Intent-form leads created in [a, b): a raw edge of a range. The IN list lets the (formType, createdAt) index serve each form's range. */
function intentLeadsBetween(sql: Sql, a: number, b: number) {
  return sql.q
    .selectFrom("Lead")
    .where("formType", "in", [...INTENT_LEAD_TYPES])
    .where("createdAt", ">=", at(new Date(a)))
    .where("createdAt", "<", at(new Date(b)));
}

const num = (v: unknown) => Number(v ?? 0);
const orNull = (v: string | null | undefined) => (v ? v : null);

/** Which leads were created when: the plan of rollup pieces and raw edges, or all raw. */
const plan = (r: Instants, mode: ReadMode) =>
  mode === "raw" ? { pieces: [], raw: r.toMs > r.fromMs ? [[r.fromMs, r.toMs] as [number, number]] : [] } : rangePieces(r);

export type LeadCountRow = { formType: string; status: string; ownerId: string | null; n: number };

/** Leads created in the range, by form, status and owner (every form, not only intent ones). */
export async function leadCounts(db: Db, r: Instants, { mode = "rollup", status }: { mode?: ReadMode; status?: string } = {}): Promise<LeadCountRow[]> {
  const sql = sqlOutside(db);
  const { pieces, raw } = plan(r, mode);
  const parts = await Promise.all([
    pieces.length
      ? sql.all(
          inPieces(sql, "LeadRollup", pieces)
            .$if(status !== undefined, (qb) => qb.where("status", "=", status!))
            .select(["formType", "status", "ownerId", (eb) => eb.fn.sum<number>("n").as("n")])
            .groupBy(["formType", "status", "ownerId"])
            .compile(),
        )
      : [],
    ...raw.map(([a, b]) =>
      sql.all(
        sql.q
          .selectFrom("Lead")
          .where("createdAt", ">=", at(new Date(a)))
          .where("createdAt", "<", at(new Date(b)))
          .$if(status !== undefined, (qb) => qb.where("status", "=", status!))
          .select(["formType", "status", "ownerId", (eb) => eb.fn.countAll<number>().as("n")])
          .groupBy(["formType", "status", "ownerId"])
          .compile(),
      ),
    ),
  ]);
  const byKey = new Map<string, LeadCountRow>();
  for (const row of parts.flat()) {
    const ownerId = orNull(row.ownerId);
    const key = `${row.formType}\u0000${row.status}\u0000${ownerId ?? ""}`;
    const seen = byKey.get(key);
    if (seen) seen.n += num(row.n);
    else byKey.set(key, { formType: row.formType, status: row.status, ownerId, n: num(row.n) });
  }
  return [...byKey.values()].filter((x) => x.n !== 0);
}

// ---- Leads per day by form type ----

export type FormCounts = Record<IntentLeadType, number>;

export type DayBucket = {
  /** First and last day of the bucket (the same for daily buckets), YYYY-MM-DD. */
  from: string;
  to: string;
  counts: FormCounts;
  total: number;
};

export type LeadsOverTime = { bucketDays: 1 | 7; buckets: DayBucket[]; totals: FormCounts; total: number };

const zeroCounts = (): FormCounts => Object.fromEntries(INTENT_LEAD_TYPES.map((f) => [f, 0])) as FormCounts;

/** Intent-form leads per day (a week for ranges over DAILY_BUCKETS_UP_TO days) by form. */
export async function leadsOverTime(db: Db, range: Instants, mode: ReadMode = "rollup"): Promise<LeadsOverTime> {
  const days = Math.ceil((range.toMs - range.fromMs) / DAY_MS);
  const bucketDays = days <= DAILY_BUCKETS_UP_TO ? 1 : 7;
  const width = bucketDays * DAY_MS;
  const starts: number[] = [];
  for (let t = range.fromMs; t < range.toMs; t += width) starts.push(t);
  const chartIndex = (ms: number) => Math.floor((ms - range.fromMs) / width);
  const buckets = starts.map((t) => ({ fromMs: t, toMs: Math.min(t + width, range.toMs), counts: zeroCounts() }));
  const sql = sqlOutside(db);
  const plans = buckets.map((b) => plan(b, mode));
  const pieces = plans.flatMap((p) => p.pieces);
  const raw = plans.flatMap((p) => p.raw);
  const add = (ms: number, formType: string, n: number) => {
    if (isIntent(formType)) buckets[chartIndex(ms)].counts[formType] += n;
  };
  await Promise.all([
    pieces.length &&
      sql
        .all(
          inPieces(sql, "LeadRollup", pieces)
            .where("formType", "in", [...INTENT_LEAD_TYPES])
            .select(["bucket", "formType", (eb) => eb.fn.sum<number>("n").as("n")])
            .groupBy(["grain", "bucket", "formType"])
            .compile(),
        )
        .then((rows) => rows.forEach((row) => add(num(row.bucket) * HOUR_MS, row.formType, num(row.n)))),
    ...raw.map(([a, b]) =>
      sql
        .all(
          intentLeadsBetween(sql, a, b)
            .select(["formType", (eb) => eb.fn.countAll<number>().as("n")])
            .groupBy("formType")
            .compile(),
        )
        .then((rows) => rows.forEach((row) => add(a, row.formType, num(row.n)))),
    ),
  ]);
  const totals = zeroCounts();
  const out = buckets.map((b) => {
    for (const f of INTENT_LEAD_TYPES) totals[f] += b.counts[f];
    return { from: dayString(b.fromMs), to: dayString(b.toMs - 1), counts: b.counts, total: INTENT_LEAD_TYPES.reduce((s, f) => s + b.counts[f], 0) };
  });
  return { bucketDays, buckets: out, totals, total: out.reduce((s, b) => s + b.total, 0) };
}

// ---- Funnels ----

export type FunnelDimension = "source" | "article" | "cta";
const DIMENSIONS: FunnelDimension[] = ["source", "article", "cta"];

/** The inbox's query parameter for each dimension (lib/console/inbox.ts). */
export const FUNNEL_PARAM: Record<FunnelDimension, string> = { source: "source", article: "article", cta: "cta" };
export const FUNNEL_NONE_LABEL: Record<FunnelDimension, string> = { source: "(direct)", article: "(no article)", cta: "(no CTA)" };

export type FunnelCounts = {
  leads: number;
  /** Now contacted, qualified or enrolled. */
  contacted: number;
  /** Now qualified or enrolled. */
  qualified: number;
  enrolled: number;
  lost: number;
  /** Still new. */
  new: number;
};

export type FunnelRow = FunnelCounts & {
  /** The utmSource / article / cta value; null when the lead had none. */
  value: string | null;
  /** enrolled / leads, 0–1; null without leads. */
  conversion: number | null;
};

export type FunnelTable = {
  rows: FunnelRow[];
  /** Values beyond the top rows, and their leads. */
  otherValues: number;
  otherLeads: number;
};

export type Funnels = { overall: FunnelRow; source: FunnelTable; article: FunnelTable; cta: FunnelTable };

const emptyCounts = (): FunnelCounts => ({ leads: 0, contacted: 0, qualified: 0, enrolled: 0, lost: 0, new: 0 });

/** Adds `n` leads with `status` to a funnel row. Stages count where a lead is now. */
function addStatus(c: FunnelCounts, status: string, n: number) {
  c.leads += n;
  if (status === "contacted" || status === "qualified" || status === "enrolled") c.contacted += n;
  if (status === "qualified" || status === "enrolled") c.qualified += n;
  if (status === "enrolled") c.enrolled += n;
  if (status === "lost") c.lost += n;
  if (status === "new") c.new += n;
}

const withConversion = (value: string | null, c: FunnelCounts): FunnelRow => ({ value, ...c, conversion: c.leads ? c.enrolled / c.leads : null });

/** Leads with one value of one dimension and one status. Every lead is in each dimension once. */
export type FunnelGroup = { dimension: FunnelDimension; value: string | null; status: string; n: number };

/** Folds (dimension, value, status) counts into the overall row and the three top-N tables. */
export function foldFunnels(groups: FunnelGroup[], top = FUNNEL_TOP): Funnels {
  const overall = emptyCounts();
  const maps: Record<FunnelDimension, Map<string | null, FunnelCounts>> = { source: new Map(), article: new Map(), cta: new Map() };
  for (const g of groups) {
    if (g.dimension === "source") addStatus(overall, g.status, g.n);
    let c = maps[g.dimension].get(g.value);
    if (!c) maps[g.dimension].set(g.value, (c = emptyCounts()));
    addStatus(c, g.status, g.n);
  }
  const table = (dim: FunnelDimension): FunnelTable => {
    const all = [...maps[dim]].map(([value, c]) => withConversion(value, c)).filter((r) => r.leads !== 0);
    all.sort((a, b) => b.leads - a.leads || b.enrolled - a.enrolled || (a.value ?? "").localeCompare(b.value ?? ""));
    const rest = all.slice(top);
    return { rows: all.slice(0, top), otherValues: rest.length, otherLeads: rest.reduce((s, r) => s + r.leads, 0) };
  };
  return { overall: withConversion(null, overall), source: table("source"), article: table("article"), cta: table("cta") };
}

/** The funnel of intent-form leads created in the range, overall and by source, article and CTA. */
export async function funnels(db: Db, range: Instants, mode: ReadMode = "rollup"): Promise<Funnels> {
  const sql = sqlOutside(db);
  const { pieces, raw } = plan(range, mode);
  const groups: FunnelGroup[] = [];
  await Promise.all([
    pieces.length &&
      sql
        .all(
          inPieces(sql, "LeadFunnelRollup", pieces)
            .select(["dimension", "value", "status", (eb) => eb.fn.sum<number>("n").as("n")])
            .groupBy(["dimension", "value", "status"])
            .compile(),
        )
        .then((rows) => rows.forEach((r) => groups.push({ dimension: r.dimension as FunnelDimension, value: orNull(r.value), status: r.status, n: num(r.n) }))),
    ...raw.map(([a, b]) =>
      sql
        .all(
          intentLeadsBetween(sql, a, b)
            .select(["utmSource", "article", "cta", "status", (eb) => eb.fn.countAll<number>().as("n")])
            .groupBy(["utmSource", "article", "cta", "status"])
            .compile(),
        )
        .then((rows) =>
          rows.forEach((r) => {
            const values: Record<FunnelDimension, string | null> = { source: orNull(r.utmSource), article: orNull(r.article), cta: orNull(r.cta) };
            for (const dimension of DIMENSIONS) groups.push({ dimension, value: values[dimension], status: r.status, n: num(r.n) });
          }),
        ),
    ),
  ]);
  return foldFunnels(groups);
}

// ---- Time to first contact ----

/** Leads first contacted in the range, by current owner ("" for nobody) and step of the wait. */
export type ContactHistogram = Map<string, Map<number, number>>;

export async function contactHistogram(db: Db, range: Instants, mode: ReadMode = "rollup"): Promise<ContactHistogram> {
  const sql = sqlOutside(db);
  const { pieces, raw } = plan(range, mode);
  const out: ContactHistogram = new Map();
  const add = (owner: string | null, step: number, n: number) => {
    let m = out.get(owner ?? "");
    if (!m) out.set(owner ?? "", (m = new Map()));
    m.set(step, (m.get(step) ?? 0) + n);
  };
  await Promise.all([
    pieces.length &&
      sql
        .all(
          inPieces(sql, "LeadContactRollup", pieces)
            .select(["ownerId", "step", (eb) => eb.fn.sum<number>("n").as("n")])
            .groupBy(["ownerId", "step"])
            .compile(),
        )
        .then((rows) => rows.forEach((r) => add(orNull(r.ownerId), num(r.step), num(r.n)))),
    ...raw.map(([a, b]) =>
      sql
        .all(
          sql.q
            .selectFrom("Lead")
            .where("firstContactedAt", ">=", at(new Date(a)))
            .where("firstContactedAt", "<", at(new Date(b)))
            .where("formType", "in", [...INTENT_LEAD_TYPES])
            .select(["createdAt", "firstContactedAt", "ownerId"])
            .compile(),
        )
        .then((rows) =>
          rows.forEach((r) => add(orNull(r.ownerId), contactStep(sql.date(r.firstContactedAt)!.getTime() - sql.date(r.createdAt)!.getTime()), 1)),
        ),
    ),
  ]);
  for (const [owner, m] of out) {
    for (const [step, n] of m) if (n === 0) m.delete(step);
    if (m.size === 0) out.delete(owner);
  }
  return out;
}

/** How many leads, and the median wait to its step's middle (null without leads). */
export function histogramMedian(steps: Iterable<[number, number]>): { count: number; medianMs: number | null } {
  const sorted = [...steps].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((s, [, n]) => s + n, 0);
  if (!count) return { count, medianMs: null };
  const nth = (k: number) => {
    let seen = 0;
    for (const [step, n] of sorted) if ((seen += n) > k) return contactStepMiddleMs(step);
    return contactStepMiddleMs(sorted[sorted.length - 1][0]);
  };
  return { count, medianMs: count % 2 ? nth((count - 1) / 2) : (nth(count / 2 - 1) + nth(count / 2)) / 2 };
}

function mergeOwners(h: ContactHistogram): Map<number, number> {
  const all = new Map<number, number>();
  for (const m of h.values()) for (const [step, n] of m) all.set(step, (all.get(step) ?? 0) + n);
  return all;
}

export type FirstContactStats = {
  /** Intent-form leads whose first contact falls in the range. */
  contacted: number;
  /** Median of (firstContactedAt − createdAt) over those leads, to its step (rollup-sql.ts), in ms; null if none. */
  medianMs: number | null;
  /** Intent-form leads created in the range, still "new", created more than 24 hours before `now`. */
  waitingInRange: number;
  /** The same, whenever created. */
  waitingAll: number;
};

const sumIntent = (rows: LeadCountRow[]) => rows.reduce((s, r) => s + (isIntent(r.formType) ? r.n : 0), 0);

async function waiting(db: Db, range: Instants, now: Date, mode: ReadMode) {
  const cutoff = now.getTime() - WAITING_AFTER_MS;
  const [inRange, all] = await Promise.all([
    leadCounts(db, { fromMs: range.fromMs, toMs: Math.min(range.toMs, cutoff) }, { mode, status: "new" }),
    leadCounts(db, { fromMs: 0, toMs: cutoff }, { mode, status: "new" }),
  ]);
  return { waitingInRange: sumIntent(inRange), waitingAll: sumIntent(all) };
}

export async function firstContactStats(db: Db, range: Instants, now: Date = new Date(), mode: ReadMode = "rollup"): Promise<FirstContactStats> {
  const [h, w] = await Promise.all([contactHistogram(db, range, mode), waiting(db, range, now, mode)]);
  const { count, medianMs } = histogramMedian(mergeOwners(h));
  return { contacted: count, medianMs, ...w };
}

/** "3 h 12 min", "45 min", "2 d 4 h", "under a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

// ---- Everything ----

/** Counts of one period: intent leads by form, their total and enrolled, and other sign-ups. */
export type PeriodCounts = {
  leads: number;
  enrolled: number;
  byForm: FormCounts;
  /** Sign-ups on forms that are not leads (newsletter, redemption, referral, invite, comment). */
  other: Partial<Record<LeadType, number>>;
};

export function periodCounts(rows: LeadCountRow[]): PeriodCounts {
  const byForm = zeroCounts();
  const other: Partial<Record<LeadType, number>> = {};
  let enrolled = 0;
  for (const r of rows) {
    if (isIntent(r.formType)) {
      byForm[r.formType] += r.n;
      if (r.status === "enrolled") enrolled += r.n;
    } else if ((LEAD_TYPES as readonly string[]).includes(r.formType)) {
      const f = r.formType as LeadType;
      other[f] = (other[f] ?? 0) + r.n;
    }
  }
  // In LEAD_TYPES order whatever order the rows came in, so the page (and an equality check) never depends on it.
  const ordered: Partial<Record<LeadType, number>> = {};
  for (const f of LEAD_TYPES) if (other[f] !== undefined) ordered[f] = other[f];
  return { leads: INTENT_LEAD_TYPES.reduce((s, f) => s + byForm[f], 0), enrolled, byForm, other: ordered };
}

/** The period of the same length just before `range`. */
export const previousPeriod = (range: Instants): Instants => ({ fromMs: 2 * range.fromMs - range.toMs, toMs: range.fromMs });

export type AdvisorRow = {
  /** null: leads nobody owns. */
  ownerId: string | null;
  name: string;
  /** Intent leads created in the range that they own now. */
  leads: number;
  /** Of those, enrolled. */
  won: number;
  /** Intent leads they own whose first contact falls in the range, and its median wait. */
  contacted: number;
  medianFirstContactMs: number | null;
};

/** One row per advisor with leads or first contacts in the range, then "Unassigned" (always). */
export function advisorRows(rows: LeadCountRow[], contact: ContactHistogram, names: Map<string, string>): AdvisorRow[] {
  const by = new Map<string, AdvisorRow>();
  const row = (owner: string | null) => {
    const key = owner ?? "";
    let r = by.get(key);
    if (!r)
      by.set(
        key,
        (r = {
          ownerId: owner,
          name: owner ? (names.get(owner) ?? "(removed staff member)") : "Unassigned",
          leads: 0,
          won: 0,
          contacted: 0,
          medianFirstContactMs: null,
        }),
      );
    return r;
  };
  row(null);
  for (const r of rows) {
    if (!isIntent(r.formType)) continue;
    const a = row(r.ownerId);
    a.leads += r.n;
    if (r.status === "enrolled") a.won += r.n;
  }
  for (const [owner, steps] of contact) {
    const { count, medianMs } = histogramMedian(steps);
    Object.assign(row(orNull(owner)), { contacted: count, medianFirstContactMs: medianMs });
  }
  const people = [...by.values()].filter((r) => r.ownerId !== null).sort((a, b) => b.leads - a.leads || a.name.localeCompare(b.name));
  return [...people, by.get("")!];
}

export type Dashboard<R extends Instants = DashboardRange> = {
  range: R;
  current: PeriodCounts;
  previous: PeriodCounts;
  overTime: LeadsOverTime;
  funnels: Funnels;
  firstContact: FirstContactStats;
  advisors: AdvisorRow[];
};

export async function loadDashboard<R extends Instants>(db: Db, range: R, now: Date = new Date(), mode: ReadMode = "rollup"): Promise<Dashboard<R>> {
  const [rows, previousRows, overTime, f, contact, w] = await Promise.all([
    leadCounts(db, range, { mode }),
    leadCounts(db, previousPeriod(range), { mode }),
    leadsOverTime(db, range, mode),
    funnels(db, range, mode),
    contactHistogram(db, range, mode),
    waiting(db, range, now, mode),
  ]);
  const ownerIds = [...new Set([...rows.map((r) => r.ownerId), ...contact.keys()].filter((id): id is string => !!id))];
  const staff = ownerIds.length ? await db.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } }) : [];
  const { count, medianMs } = histogramMedian(mergeOwners(contact));
  return {
    range,
    current: periodCounts(rows),
    previous: periodCounts(previousRows),
    overTime,
    funnels: f,
    firstContact: { contacted: count, medianMs, ...w },
    advisors: advisorRows(rows, contact, new Map(staff.map((s) => [s.id, s.name]))),
  };
}

/**
 * A change against the previous period, for people and screen readers: `short` is
 * "+12 (+8%)", "−3 (−5%)", "±0" or "+4 (new)"; `spoken` says it in words.
 */
export function describeChange(now: number, before: number): { short: string; spoken: string } {
  const diff = now - before;
  const pct = before ? Math.round((Math.abs(diff) / before) * 100) : null;
  const count = (n: number) => n.toLocaleString("en-US");
  if (diff === 0) return { short: "±0", spoken: `no change from ${count(before)} in the previous period` };
  const sign = diff > 0 ? "+" : "\u2212";
  const short = `${sign}${count(Math.abs(diff))} (${pct === null ? "new" : `${sign}${pct}%`})`;
  const spoken = `${diff > 0 ? "up" : "down"} ${count(Math.abs(diff))}${pct === null ? "" : `, ${pct} percent,`} from ${count(before)} in the previous period`;
  return { short, spoken };
}

/**
 * The inbox filtered to one funnel row and the dashboard's range. "(direct)" (no UTM source)
 * links to the inbox's no-source filter (NO_SOURCE); "(no article)" and "(no CTA)" have no
 * inbox filter, so no link (null).
 */
export function inboxLink(dim: FunnelDimension, value: string | null, range: Pick<DashboardRange, "from" | "to">): string | null {
  if (value === null && dim !== "source") return null;
  const q = new URLSearchParams({ [FUNNEL_PARAM[dim]]: value ?? NO_SOURCE, from: range.from, to: range.to });
  return `/console/leads?${q.toString()}`;
}
