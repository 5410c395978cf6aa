import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { LEAD_TYPES, type LeadType } from "../leads/form-types";
import { addDays, isTimeZone, startOfLocalDay } from "../booking/zones";
import { queryParam, type QueryParams } from "../query-param";
import { and, cmp, eq, filterColumn, isNull, namesProgram, noOpenTask, or, range, toPrismaWhere, type LeadFilter, type LeadValue } from "./lead-filter";
import { decodeSortCursor, encodeSortCursor, isDefaultSort, parseSort, readSorted, sortParams, type InboxSort } from "./inbox-sort";

/**
 * The lead inbox: filters that live in the URL, and keyset pagination (newest first), so
 * every page is an index range scan however many leads there are. A search (`q`) has its own
 * strategy, so that it stays fast at a million leads: see `searchLeads`.
 *
 * Which leads a view holds is defined once, as a LeadFilter (`inboxFilter`, `afterCursorFilter`;
 * see ./lead-filter.ts): compiled to Prisma here, and to Kysely by the export. Everything here
 * is Prisma queries (no raw SQL), so it runs unchanged on SQLite and PostgreSQL.
 */

export const LEAD_STATUSES = ["new", "contacted", "qualified", "enrolled", "lost"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const INBOX_PAGE_SIZE = 50;
/** Counting stops here ("more than 1,000"), so a count never scans a million rows. */
export const COUNT_CAP = 1_000;

export type InboxFilters = {
  form?: LeadType;
  status?: LeadStatus;
  program?: string;
  cohort?: string;
  /** A staff user id, "me" (resolved by the caller) or "none" (unassigned). */
  owner?: string;
  /** A UTM source, or NO_SOURCE for leads without one. */
  source?: string;
  medium?: string;
  campaign?: string;
  article?: string;
  cta?: string;
  /** Inclusive dates, YYYY-MM-DD, on the calendar of `timeZone`. */
  from?: string;
  to?: string;
  /** The zone `from` and `to` are days of: the staff member's (never read from the URL). Default UTC. */
  timeZone?: string;
  /** Name, surname, email or phone (matches the start). */
  q?: string;
  /** "24h": new leads received more than 24 hours before `now` ("Waiting > 24 h"). */
  waiting?: typeof WAITING_24H;
  /** "none": leads past first contact (contacted, qualified) without an open task. */
  nextTask?: typeof NO_NEXT_TASK;
  /** The clock `waiting` counts from (never read from the URL). Default: the time of the query. */
  now?: Date;
  /** The order (lib/console/inbox-sort.ts); absent: received, newest first. */
  sort?: InboxSort;
  /** Keyset cursor: the last row of the previous page. */
  after?: string;
  /** Only these leads (the inbox's bulk export of the selected rows; never read from the filters' URL). */
  ids?: string[];
};

export const WAITING_24H = "24h";
export const NO_NEXT_TASK = "none";
/** How long a new lead waits before "Waiting > 24 h" shows it. */
export const WAITING_MS = 24 * 60 * 60 * 1000;
/** Statuses after first contact, where a lead should always have a next task. */
export const NEEDS_NEXT_TASK = ["contacted", "qualified"] as const;

/** A lead past first contact with no open task: the inbox flags it "No next task". */
export function lacksNextTask(lead: { status: string; _count: { tasks: number } }): boolean {
  return (NEEDS_NEXT_TASK as readonly string[]).includes(lead.status) && lead._count.tasks === 0;
}

/** The `source` filter's value for leads without a UTM source (the dashboard's "(direct)"). */
export const NO_SOURCE = "(none)";

export const FILTER_KEYS = [
  "form",
  "status",
  "program",
  "cohort",
  "owner",
  "source",
  "medium",
  "campaign",
  "article",
  "cta",
  "from",
  "to",
  "waiting",
  "nextTask",
  "q",
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string | undefined) => (v && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined);

/**
 * Reads filters from a URL. Values that cannot be valid are dropped, never an error. Dates
 * are days in `timeZone` (the staff member's zone; an invalid zone counts as UTC).
 */
export function parseInboxFilters(params: QueryParams, timeZone = "UTC", now?: Date): InboxFilters {
  const form = queryParam(params, "form");
  const status = queryParam(params, "status");
  const sort = parseSort(params);
  return {
    form: (LEAD_TYPES as readonly string[]).includes(form ?? "") ? (form as LeadType) : undefined,
    status: (LEAD_STATUSES as readonly string[]).includes(status ?? "") ? (status as LeadStatus) : undefined,
    program: queryParam(params, "program"),
    cohort: queryParam(params, "cohort"),
    owner: queryParam(params, "owner"),
    source: queryParam(params, "source"),
    medium: queryParam(params, "medium"),
    campaign: queryParam(params, "campaign"),
    article: queryParam(params, "article"),
    cta: queryParam(params, "cta"),
    from: isDate(queryParam(params, "from")),
    to: isDate(queryParam(params, "to")),
    q: queryParam(params, "q")?.slice(0, 100),
    waiting: queryParam(params, "waiting") === WAITING_24H ? WAITING_24H : undefined,
    nextTask: queryParam(params, "nextTask") === NO_NEXT_TASK ? NO_NEXT_TASK : undefined,
    now,
    sort: isDefaultSort(sort) ? undefined : sort,
    after: queryParam(params, "after"),
    timeZone: isTimeZone(timeZone) ? timeZone : "UTC",
  };
}

/** The filters as a query string (without the cursor unless asked), for links and exports. */
export function filtersToQuery(f: InboxFilters, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = f[key];
    if (v) q.set(key, v);
  }
  for (const [k, v] of Object.entries(f.sort ? sortParams(f.sort) : {})) if (v) q.set(k, v);
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  return q.toString();
}

/**
 * The smallest string greater than every string that starts with `prefix`, in code point
 * order (SQLite's BINARY collation compares UTF-8 bytes, which is code point order; so does
 * PostgreSQL's "C" collation): the prefix with its last code point incremented. Undefined when
 * there is none (a prefix of U+10FFFF only). (It replaces `prefix + "\uffff"`, which missed
 * names with a character above U+FFFF, an emoji say, right after the prefix.) On a
 * PostgreSQL database with a linguistic collation the range can also take in strings that only
 * sort between the two, such as accented forms; use the "C" collation for exact prefixes.
 */
export function prefixEnd(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length) {
    const cp = points.pop()!.codePointAt(0)!;
    if (cp < 0x10ffff) return points.join("") + String.fromCodePoint(cp === 0xd7ff ? 0xe000 : cp + 1);
  }
  return undefined;
}

/** Everything that starts with `prefix`: a range on an ordinary index. */
function prefixRange(prefix: string): { gte: string; lt?: string } {
  const end = prefixEnd(prefix);
  return end === undefined ? { gte: prefix } : { gte: prefix, lt: end };
}

/** The columns a search looks at; each has its own index. */
export type SearchColumn = "searchName" | "searchLastName" | "email" | "phone";
export type SearchBranch = { column: SearchColumn; range: { gte: string; lt?: string } };

/**
 * A search's parts, each a prefix range on one indexed column (a lead matches when it
 * matches any of them): an email (or its start), a phone number's digits, or the start of a
 * name, a surname or an email.
 */
export function searchBranches(q: string): SearchBranch[] {
  const term = q.normalize("NFKC").trim().toLowerCase();
  const digits = term.replace(/[\s().-]/g, "");
  if (/^\+?\d{3,}$/.test(digits)) {
    // Phones are stored in E.164 (+14155550132); match with or without the +.
    return [{ column: "phone", range: prefixRange(digits.startsWith("+") ? digits : `+${digits}`) }];
  }
  if (term.includes("@")) return [{ column: "email", range: prefixRange(term) }];
  const name = prefixRange(term.replace(/\s+/g, " "));
  return (["searchName", "searchLastName", "email"] as const).map((column) => ({ column, range: name }));
}

const branchFilter = (b: SearchBranch): LeadFilter => range(b.column, b.range.gte, b.range.lt);
const branchWhere = (b: SearchBranch): Prisma.LeadWhereInput => toPrismaWhere(branchFilter(b));
/** In the column's index order, so a capped count or a read stops early instead of sorting. */
const branchOrder = (b: SearchBranch): Prisma.LeadOrderByWithRelationInput => ({ [b.column]: "asc" });

/** Search: an email (or its start), a phone number's digits, or the start of a name or surname. */
export function searchFilter(q: string): LeadFilter {
  const branches = searchBranches(q).map(branchFilter);
  return branches.length === 1 ? branches[0] : or(...branches);
}

export function searchWhere(q: string): Prisma.LeadWhereInput {
  return toPrismaWhere(searchFilter(q));
}

/** The filters other than the search, as a list of conditions (all must hold). */
function filterConditions(f: InboxFilters, me?: string): LeadFilter[] {
  const all: LeadFilter[] = [];
  if (f.form) all.push(eq("formType", f.form));
  if (f.status) all.push(eq("status", f.status));
  // Every program the lead names (LeadProgram), so a quote is found by each course it ticked.
  if (f.program) all.push(namesProgram(f.program));
  if (f.cohort) all.push(eq("cohortId", f.cohort));
  if (f.owner === "none") all.push(isNull("ownerId"));
  else if (f.owner === "me" && me) all.push(eq("ownerId", me));
  else if (f.owner && f.owner !== "me") all.push(eq("ownerId", f.owner));
  if (f.source === NO_SOURCE) all.push(isNull("utmSource"));
  else if (f.source) all.push(eq("utmSource", f.source));
  if (f.medium) all.push(eq("utmMedium", f.medium));
  if (f.campaign) all.push(eq("utmCampaign", f.campaign));
  if (f.article) all.push(eq("article", f.article));
  if (f.cta) all.push(eq("cta", f.cta));
  if (f.ids?.length) all.push(or(...f.ids.map((id) => eq("id", id))));
  if (f.waiting === WAITING_24H) all.push(eq("status", "new"), cmp("createdAt", "<", new Date((f.now ?? new Date()).getTime() - WAITING_MS)));
  if (f.nextTask === NO_NEXT_TASK) all.push(or(...NEEDS_NEXT_TASK.map((s) => eq("status", s))), noOpenTask());
  all.push(...dateConditions(f));
  return all;
}

/** From the start of `from` to the end of `to`, days on the staff member's calendar. */
function dateConditions(f: InboxFilters): LeadFilter[] {
  const all: LeadFilter[] = [];
  const zone = f.timeZone ?? "UTC";
  if (f.from) all.push(cmp("createdAt", ">=", startOfLocalDay(f.from, zone)));
  if (f.to) all.push(cmp("createdAt", "<", startOfLocalDay(addDays(f.to, 1), zone)));
  return all;
}

/**
 * The leads the inbox shows for these filters (and the export writes), search included,
 * page cursor not. `owner=me` without `me` is dropped (the export refuses it instead).
 */
export function inboxFilter(f: InboxFilters, me?: string): LeadFilter {
  const all = filterConditions(f, me);
  if (f.q) all.push(searchFilter(f.q));
  return and(...all);
}

export function inboxWhere(f: InboxFilters, me?: string): Prisma.LeadWhereInput {
  return toPrismaWhere(inboxFilter(f, me));
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/**
 * Rows strictly after the cursor in (createdAt desc, id desc) order. The outer
 * `createdAt <= x` gives the planner a range on the (…, createdAt) indexes; the OR alone
 * made SQLite scan from the newest row on every deep page.
 */
export function afterCursorFilter(cursor: { createdAt: LeadValue; id: string } | null): LeadFilter {
  if (!cursor) return and();
  return and(cmp("createdAt", "<=", cursor.createdAt), or(cmp("createdAt", "<", cursor.createdAt), cmp("id", "<", cursor.id)));
}

export function afterCursor(cursor: { createdAt: Date; id: string } | null): Prisma.LeadWhereInput {
  return toPrismaWhere(afterCursorFilter(cursor));
}

/** A lead's own columns that both the inbox and the export show first. */
export const LEAD_SUMMARY_SELECT = {
  id: true,
  createdAt: true,
  formType: true,
  status: true,
  name: true,
  email: true,
  phone: true,
  programSlug: true,
  cohortId: true,
} as const satisfies Prisma.LeadSelect;

export const INBOX_SELECT = {
  ...LEAD_SUMMARY_SELECT,
  searchName: true,
  // Every program the lead names (a quote's courses), for the Program column.
  programs: { select: { programSlug: true }, orderBy: { programSlug: "asc" } },
  // Open tasks, for the "No next task" label.
  _count: { select: { tasks: { where: { doneAt: null } } } },
  utmSource: true,
  article: true,
  cta: true,
  ownerId: true,
  owner: { select: { id: true, name: true } },
} as const;

export type InboxRow = Prisma.LeadGetPayload<{ select: typeof INBOX_SELECT }>;

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.LeadOrderByWithRelationInput[];

export async function listInbox(db: Db, f: InboxFilters, opts: { me?: string; pageSize?: number } = {}) {
  const pageSize = opts.pageSize ?? INBOX_PAGE_SIZE;
  const take = pageSize + 1;
  const cursor = decodeCursor(f.after);
  if (f.sort && !isDefaultSort(f.sort)) {
    // Any other order: plain keyset pages in that order (lib/console/inbox-sort.ts).
    const sort = f.sort;
    const found = await readSorted(db, inboxWhere(f, opts.me), sort, decodeSortCursor(f.after, sort), take, INBOX_SELECT);
    const more = found.length > pageSize;
    const page = more ? found.slice(0, pageSize) : found;
    return { rows: page, nextCursor: more ? encodeSortCursor(sort, page[page.length - 1]) : null };
  }
  const read = (where: Prisma.LeadWhereInput, n: number) => db.lead.findMany({ where, orderBy: NEWEST_FIRST, take: n, select: INBOX_SELECT });
  // Through the search's indexes: every match's id, sorted by SQLite (at most
  // SEARCH_TUNING.indexLimit), then the page's rows by id. Without a LIMIT the planner cannot
  // prefer walking createdAt's index to sorting the matches (with statistics, it would).
  const viaIndexes = async (where: Prisma.LeadWhereInput, n: number) => {
    const ids = (await db.lead.findMany({ where, orderBy: NEWEST_FIRST, select: { id: true } })).slice(0, n).map((r) => r.id);
    return ids.length ? read({ id: { in: ids } }, n) : [];
  };
  const found = f.q
    ? await searchLeads(db, f, { me: opts.me, cursor, take }, { newest: read, viaIndexes })
    : await read({ AND: [inboxWhere(f, opts.me), afterCursor(cursor)] }, take);
  if (!Array.isArray(found)) throw new Error("unreachable: searchLeads answers { atLeast } only when counting");
  const more = found.length > pageSize;
  const page = more ? found.slice(0, pageSize) : found;
  return { rows: page, nextCursor: more ? encodeCursor(page[page.length - 1]) : null };
}

/** How many leads match, up to COUNT_CAP (then "more than 1,000"). */
export async function countInbox(db: Db, f: InboxFilters, me?: string): Promise<{ count: number; capped: boolean }> {
  // Ordered like the inbox: without it Prisma orders the capped subquery by id, which sorts
  // every matching row first (280 ms p95 at 1M leads, against 17 ms this way).
  const count = (where: Prisma.LeadWhereInput, take: number) => db.lead.count({ where, orderBy: { createdAt: "desc" }, take });
  let n: number;
  if (f.q) {
    // A search is counted in parts; each part's "rows" are only counted (an array of holes).
    const found = await searchLeads(
      db,
      f,
      { me, cursor: null, take: COUNT_CAP + 1, counting: true },
      {
        newest: async (where, take) => new Array<undefined>(await count(where, take)),
        // Unordered and uncapped (at most SEARCH_TUNING.indexLimit entries): with a LIMIT and an
        // ORDER BY, SQLite with statistics would rather walk createdAt's index than sort.
        viaIndexes: async (where, take) => new Array<undefined>(Math.min(take, await db.lead.count({ where }))),
      },
    );
    n = Array.isArray(found) ? found.length : found.atLeast;
  } else {
    n = await count(inboxWhere(f, me), COUNT_CAP + 1);
  }
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

// ---- Search at scale ----

/**
 * The search strategy's thresholds (see `searchLeads`). Tests lower them to take every path on
 * a small table; nothing else should change them.
 */
export const SEARCH_TUNING = {
  /** Up to this many index entries (over the search's columns), a search is "sparse". */
  sparseLimit: 2_000,
  /** A dense search looks at the newest this many leads first. */
  window: 5_000,
  /** Past the window, reading every entry of the search's indexes is considered up to this many. */
  indexLimit: 20_000,
};

export type LeadKey = { id: string; createdAt: Date };

/** How `searchLeads` reads: the newest `n` leads matching `where`, newest first. */
export type SearchReads<R> = {
  /** A walk, (b): createdAt's or a filter's index drives it. */
  newest: (where: Prisma.LeadWhereInput, n: number) => Promise<R[]>;
  /**
   * (a): only the search's indexes can drive it. Read it without a LIMIT (then cut to n): with
   * statistics, given ORDER BY and LIMIT, SQLite may walk createdAt's index instead.
   */
  viaIndexes: (where: Prisma.LeadWhereInput, n: number) => Promise<R[]>;
};

/**
 * The rows of inboxWhere(f) and afterCursor(cursor) with the search `f.q`, newest first, at
 * most `take` (with `counting`, maybe { atLeast: take }), read so that it stays fast at a
 * million leads. `read` reads the newest n rows matching a condition.
 *
 * A prefix search cannot be read in the inbox's order from any index, so a database either
 * (a) reads the search's index entries, tests the filters and sorts the matches, or (b) walks
 * the newest leads (createdAt's or a filter's index) until it has `take`. SQLite without
 * statistics chooses badly both ways, so the choice is made here, from the data, and each
 * query is written so that it can only run the chosen way (the other condition hidden as
 * NOT (NOT …), `hidden`):
 * - count the search's index entries, up to `sparseLimit` (SEARCH_TUNING);
 * - sparse: (a), without a LIMIT, so at most that many rows are sorted;
 * - dense: (b) over the `window` newest leads after the cursor; if the page is not full,
 *   the rest (older than the window's edge, so nothing is read twice) by (b) or (a),
 *   whichever visits fewer rows, (a) only up to `indexLimit` entries;
 * - counting without filters: a column with `take` entries settles it.
 * All Prisma, so PostgreSQL runs the same queries. Figures and the reasoning behind the
 * thresholds: docs/performance.md, "Search".
 */
export async function searchLeads<R>(
  db: Db,
  f: InboxFilters,
  opts: { me?: string; cursor: LeadKey | null; take: number; counting?: boolean },
  read: SearchReads<R>,
): Promise<R[] | { atLeast: number }> {
  if (!f.q) throw new Error("searchLeads needs a search (f.q)");
  const { cursor, take } = opts;
  const branches = searchBranches(f.q);
  const search = searchWhere(f.q);
  const conditions = filterConditions(f, opts.me);
  const filters = conditions.map(toPrismaWhere);
  // (b): the search hidden, so only createdAt's or a filter's index can drive the query.
  const where: Prisma.LeadWhereInput = { AND: [...filters, hidden(search)] };
  // (a): only the search's indexes can drive the query.
  const viaSearchIndexes = (conditions: Prisma.LeadWhereInput[], n: number) => {
    const others = conditions.filter((c) => Object.keys(c).length);
    return read.viaIndexes(others.length ? { AND: [search, hidden({ AND: others })] } : search, n);
  };

  const entries = new SearchEntries(db, branches);
  const total = await entries.total(SEARCH_TUNING.sparseLimit);
  if (opts.counting && !filters.length && !cursor && (await entries.largest(take)) >= take) return { atLeast: take };
  if (total <= SEARCH_TUNING.sparseLimit) return viaSearchIndexes([...filters, afterCursor(cursor)], take);

  const edge = await db.lead.findFirst({
    where: { AND: [afterCursor(cursor), ...dateConditions(f).map(toPrismaWhere)] },
    orderBy: NEWEST_FIRST,
    skip: SEARCH_TUNING.window - 1,
    select: { createdAt: true },
  });
  if (!edge) return read.newest({ AND: [where, afterCursor(cursor)] }, take);
  const found = await read.newest({ AND: [where, afterCursor(cursor), { createdAt: { gte: edge.createdAt } }] }, take);
  const missing = take - found.length;
  if (missing <= 0) return found;
  const older: Prisma.LeadWhereInput = { createdAt: { lt: edge.createdAt } };
  const walkRest = async () => found.concat(await read.newest({ AND: [where, older] }, missing));
  // The window found at least as many as are missing: about one more window's walk.
  if (found.length >= missing) return walkRest();
  // How many rows would (b) visit? As many per match as it visited in the window: the leads of
  // the index it walks, a filter's (the largest, not knowing which the planner picks) or, with
  // no indexed filter, createdAt's (every lead).
  const indexed = conditions.filter((c) => !UNINDEXED_FILTERS.has(filterColumn(c) ?? "")).map(toPrismaWhere);
  let visited = SEARCH_TUNING.window;
  if (indexed.length) {
    visited = 0;
    for (const c of indexed)
      visited = Math.max(visited, await db.lead.count({ where: { AND: [c, afterCursor(cursor), { createdAt: { gte: edge.createdAt } }] } }));
  }
  const walk = (missing * Math.max(visited, 1)) / Math.max(found.length, 0.5);
  if (walk <= SEARCH_TUNING.sparseLimit) return walkRest();
  const all = await entries.total(SEARCH_TUNING.indexLimit);
  if (all > SEARCH_TUNING.indexLimit || all >= walk) return walkRest();
  return found.concat(await viaSearchIndexes([...filters, older], missing));
}

/** Filter columns without a (column, createdAt) index (prisma/schema.prisma), and createdAt itself. */
const UNINDEXED_FILTERS = new Set(["utmMedium", "utmCampaign", "createdAt"]);

/**
 * The search's index entries per column, counted lazily: each column's index range in index
 * order, stopped once the answer is known (a count past a limit is only "more than").
 */
class SearchEntries {
  private counted: { n: number; upTo: number }[] = [];
  constructor(
    private db: Db,
    private branches: SearchBranch[],
  ) {}

  private async count(i: number, upTo: number): Promise<number> {
    const known = this.counted[i];
    if (known && (known.n < known.upTo || known.upTo >= upTo)) return known.n;
    const b = this.branches[i];
    const n = await this.db.lead.count({ where: branchWhere(b), orderBy: branchOrder(b), take: upTo });
    this.counted[i] = { n, upTo };
    return n;
  }

  /** Their sum (a lead can count twice, by name and by email), exact up to `limit`, else more. */
  async total(limit: number): Promise<number> {
    let sum = 0;
    for (let i = 0; i < this.branches.length && sum <= limit; i++) sum += await this.count(i, limit + 1 - sum);
    return sum;
  }

  /** The largest column's, exact below `atLeast`. */
  async largest(atLeast: number): Promise<number> {
    let max = 0;
    for (let i = 0; i < this.branches.length && max < atLeast; i++) max = Math.max(max, await this.count(i, atLeast));
    return max;
  }
}

/**
 * The same condition, as NOT (NOT (…)). SQLite uses an index only for plain terms of the
 * WHERE clause, so this keeps it from choosing the condition's indexes (its planner has no
 * statistics to weigh them with); the meaning is unchanged, NULLs included (NOT NULL is NULL).
 * tests/integration/console-inbox.test.ts checks the query plan.
 */
export function hidden(condition: Prisma.LeadWhereInput): Prisma.LeadWhereInput {
  return { NOT: { NOT: condition } };
}
