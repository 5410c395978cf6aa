import type { Db } from "../db";
import { LEAD_TYPES, type LeadType } from "../leads/form-types";
import { queryParam, type QueryParams } from "../query-param";
import { NO_SOURCE } from "./inbox";

/**
 * The console dashboard: leads per day by form type, the funnel by source, article and
 * CTA, conversion to enrolled, and time to first contact, for a date range. Each query is
 * an index range that reads no table row, so the page stays usable at a million leads;
 * which index serves which part, and what each costs: docs/performance.md, "Dashboard".
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

export type DashboardRange = {
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
  return { from: dayString(from), to: dayString(to), start: new Date(from), end: new Date(to + DAY_MS), days: (to - from) / DAY_MS + 1, clamped };
}

// ---- Leads per day by form type ----

export type FormCounts = Record<LeadType, number>;

export type DayBucket = {
  /** First and last day of the bucket (the same for daily buckets), YYYY-MM-DD. */
  from: string;
  to: string;
  counts: FormCounts;
  total: number;
};

export type LeadsOverTime = { bucketDays: 1 | 7; buckets: DayBucket[]; totals: FormCounts; total: number };

const zeroCounts = (): FormCounts => Object.fromEntries(LEAD_TYPES.map((f) => [f, 0])) as FormCounts;

export async function leadsOverTime(db: Db, range: DashboardRange): Promise<LeadsOverTime> {
  const bucketDays = range.days <= DAILY_BUCKETS_UP_TO ? 1 : 7;
  const starts: number[] = [];
  for (let t = range.start.getTime(); t < range.end.getTime(); t += bucketDays * DAY_MS) starts.push(t);
  const groups = await Promise.all(
    starts.map((t) =>
      db.lead.groupBy({
        by: ["formType"],
        where: {
          // The IN list lets SQLite seek the (formType, createdAt) index once per form type
          // instead of visiting every row of the day through the createdAt index.
          formType: { in: [...LEAD_TYPES] },
          createdAt: { gte: new Date(t), lt: new Date(Math.min(t + bucketDays * DAY_MS, range.end.getTime())) },
        },
        _count: { _all: true },
      }),
    ),
  );
  const totals = zeroCounts();
  const buckets = starts.map((t, i) => {
    const counts = zeroCounts();
    for (const g of groups[i]) {
      const f = g.formType as LeadType;
      counts[f] += g._count._all;
      totals[f] += g._count._all;
    }
    const last = Math.min(t + bucketDays * DAY_MS, range.end.getTime()) - DAY_MS;
    return { from: dayString(t), to: dayString(last), counts, total: LEAD_TYPES.reduce((s, f) => s + counts[f], 0) };
  });
  return { bucketDays, buckets, totals, total: buckets.reduce((s, b) => s + b.total, 0) };
}

// ---- Funnels ----

export type FunnelDimension = "source" | "article" | "cta";

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

export type FunnelGroup = { utmSource: string | null; article: string | null; cta: string | null; status: string; n: number };

/** Folds (source, article, cta, status) counts into the overall row and the three top-N tables. */
export function foldFunnels(groups: FunnelGroup[], top = FUNNEL_TOP): Funnels {
  const overall = emptyCounts();
  const maps: Record<FunnelDimension, Map<string | null, FunnelCounts>> = { source: new Map(), article: new Map(), cta: new Map() };
  const bump = (dim: FunnelDimension, value: string | null, status: string, n: number) => {
    let c = maps[dim].get(value);
    if (!c) maps[dim].set(value, (c = emptyCounts()));
    addStatus(c, status, n);
  };
  for (const g of groups) {
    addStatus(overall, g.status, g.n);
    bump("source", g.utmSource, g.status, g.n);
    bump("article", g.article, g.status, g.n);
    bump("cta", g.cta, g.status, g.n);
  }
  const table = (dim: FunnelDimension): FunnelTable => {
    const all = [...maps[dim]].map(([value, c]) => withConversion(value, c));
    all.sort((a, b) => b.leads - a.leads || b.enrolled - a.enrolled || (a.value ?? "").localeCompare(b.value ?? ""));
    const rest = all.slice(top);
    return { rows: all.slice(0, top), otherValues: rest.length, otherLeads: rest.reduce((s, r) => s + r.leads, 0) };
  };
  return { overall: withConversion(null, overall), source: table("source"), article: table("article"), cta: table("cta") };
}

export async function funnels(db: Db, range: DashboardRange): Promise<Funnels> {
  const rows = await db.lead.groupBy({
    by: ["utmSource", "article", "cta", "status"],
    where: { createdAt: { gte: range.start, lt: range.end } },
    _count: { _all: true },
  });
  return foldFunnels(rows.map((r) => ({ utmSource: r.utmSource, article: r.article, cta: r.cta, status: r.status, n: r._count._all })));
}

// ---- Time to first contact ----

export type FirstContactStats = {
  /** Leads whose first contact falls in the range. */
  contacted: number;
  /** Median of (firstContactedAt − createdAt) over those leads, in ms; null if none. */
  medianMs: number | null;
  /** Leads created in the range, still "new", created more than 24 hours before `now`. */
  waitingInRange: number;
  /** The same, whenever created. */
  waitingAll: number;
};

export function median(values: Float64Array | number[]): number | null {
  const n = values.length;
  if (!n) return null;
  const sorted = Float64Array.from(values).sort();
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

const toMs = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(v as string).getTime());

/**
 * The median needs every duration in the range (neither Prisma nor standard SQL can sort by
 * the difference of two columns portably), so this fetches the (createdAt, firstContactedAt)
 * pairs. It is a raw query on purpose: the SQL is standard (quoted identifiers, bound
 * parameters; the same text runs on SQLite and PostgreSQL), and it is about three times
 * cheaper per row than `findMany`, which builds full model objects.
 */
export async function firstContactStats(db: Db, range: DashboardRange, now: Date = new Date()): Promise<FirstContactStats> {
  const cutoff = new Date(now.getTime() - WAITING_AFTER_MS);
  const waitingEnd = new Date(Math.min(range.end.getTime(), cutoff.getTime()));
  const [pairs, waitingInRange, waitingAll] = await Promise.all([
    db.$queryRaw<{ createdAt: Date | string; firstContactedAt: Date | string }[]>`
      SELECT "createdAt", "firstContactedAt" FROM "Lead"
      WHERE "firstContactedAt" >= ${range.start} AND "firstContactedAt" < ${range.end}`,
    waitingEnd > range.start ? countNew(db, { gte: range.start, lt: waitingEnd }) : 0,
    countNew(db, { lt: cutoff }),
  ]);
  const durations = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) durations[i] = Math.max(0, toMs(pairs[i].firstContactedAt) - toMs(pairs[i].createdAt));
  return { contacted: pairs.length, medianMs: median(durations), waitingInRange, waitingAll };
}

/**
 * Leads still "new", created in `createdAt`: a COUNT(*) straight on the (status, createdAt)
 * index. (Prisma's `count` wraps the query in a subquery that selects `id`, which SQLite
 * answers by scanning the whole table once it has statistics.)
 */
async function countNew(db: Db, createdAt: { gte?: Date; lt: Date }): Promise<number> {
  const [group] = await db.lead.groupBy({ by: ["status"], where: { status: "new", createdAt }, _count: { _all: true } });
  return group?._count._all ?? 0;
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

export type Dashboard = {
  range: DashboardRange;
  overTime: LeadsOverTime;
  funnels: Funnels;
  firstContact: FirstContactStats;
};

export async function loadDashboard(db: Db, range: DashboardRange, now: Date = new Date()): Promise<Dashboard> {
  const [overTime, f, firstContact] = await Promise.all([leadsOverTime(db, range), funnels(db, range), firstContactStats(db, range, now)]);
  return { range, overTime, funnels: f, firstContact };
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
