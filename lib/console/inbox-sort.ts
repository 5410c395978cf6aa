import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { queryParam, type QueryParams } from "../query-param";

/**
 * The inbox's sort orders: by any column, ascending or descending, in the URL
 * (`sort=owner&dir=asc`). Received, newest first, is the default and keeps its own fast path
 * (lib/console/inbox.ts); every other order is read here, by keyset pages whose cursor is the
 * sort value and the id (ties broken by id, in the same direction).
 *
 * Nullable columns (person, program, owner, source) put the leads without a value last in
 * both directions. SQLite and PostgreSQL disagree on where NULLs sort, so nothing relies on
 * the database's NULL order: the rows with a value and the rows without are read as two
 * segments, one after the other, each in plain (value, id) or (id) order.
 */

export const SORT_KEYS = ["received", "person", "form", "program", "status", "owner", "source"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export type InboxSort = { sort: SortKey; dir: SortDir };

export const DEFAULT_SORT: InboxSort = { sort: "received", dir: "desc" };

export const SORT_LABELS: Record<SortKey, string> = {
  received: "Received",
  person: "Person",
  form: "Form",
  program: "Program",
  status: "Status",
  owner: "Owner",
  source: "Source",
};

/** Received starts newest first; the other columns start A to Z. */
export const firstDir = (sort: SortKey): SortDir => (sort === "received" ? "desc" : "asc");

const sortQuery = z.object({
  sort: z.enum(SORT_KEYS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

/** The sort a URL asks for; anything unknown falls back to the default, never an error. */
export function parseSort(params: QueryParams): InboxSort {
  const { sort = DEFAULT_SORT.sort, dir } = sortQuery.parse({ sort: queryParam(params, "sort"), dir: queryParam(params, "dir") });
  return { sort, dir: dir ?? firstDir(sort) };
}

export const isDefaultSort = (s: InboxSort): boolean => s.sort === DEFAULT_SORT.sort && s.dir === DEFAULT_SORT.dir;

/** The URL parameters for a sort: none for the default. */
export function sortParams(s: InboxSort): { sort?: string; dir?: string } {
  if (isDefaultSort(s)) return {};
  return s.dir === firstDir(s.sort) ? { sort: s.sort } : { sort: s.sort, dir: s.dir };
}

/** What the row needs for every sort's value. */
export const SORT_SELECT = {
  id: true,
  createdAt: true,
  searchName: true,
  formType: true,
  programSlug: true,
  status: true,
  utmSource: true,
  owner: { select: { name: true } },
} as const satisfies Prisma.LeadSelect;

export type SortRow = Prisma.LeadGetPayload<{ select: typeof SORT_SELECT }>;

type Column = {
  /** The row's value (null: the "no value" segment, read last). */
  value: (row: SortRow) => string | Date | null;
  /** The column compared with a value: `op` is gt or lt (or equals). */
  compare: (op: "gt" | "lt" | "equals", v: string | Date) => Prisma.LeadWhereInput;
  order: (dir: SortDir) => Prisma.LeadOrderByWithRelationInput;
  /** Conditions for the rows with and without a value; absent for NOT NULL columns. */
  nullable?: { has: Prisma.LeadWhereInput; lacks: Prisma.LeadWhereInput };
  /** A cursor's value as stored in the URL back to the column's type. */
  parse?: (raw: string) => string | Date | null;
};

const leadColumn = (name: "searchName" | "formType" | "programSlug" | "status" | "utmSource", nullable: boolean): Column => ({
  value: (row) => row[name],
  compare: (op, v) => ({ [name]: { [op]: v } }) as Prisma.LeadWhereInput,
  order: (dir) => ({ [name]: dir }) as Prisma.LeadOrderByWithRelationInput,
  nullable: nullable ? { has: { [name]: { not: null } } as Prisma.LeadWhereInput, lacks: { [name]: null } as Prisma.LeadWhereInput } : undefined,
});

const COLUMNS: Record<SortKey, Column> = {
  received: {
    value: (row) => row.createdAt,
    compare: (op, v) => ({ createdAt: { [op]: v } }),
    order: (dir) => ({ createdAt: dir }),
    parse: (raw) => {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? null : d;
    },
  },
  // Lower-cased name, so the order ignores case; leads without a name come last.
  person: leadColumn("searchName", true),
  form: leadColumn("formType", false),
  // The lead's own program; a quote naming several courses has none and sorts last.
  program: leadColumn("programSlug", true),
  // Status codes, alphabetically.
  status: leadColumn("status", false),
  // The owner's name; unassigned leads come last.
  owner: {
    value: (row) => row.owner?.name ?? null,
    compare: (op, v) => ({ owner: { name: { [op]: v } } }),
    order: (dir) => ({ owner: { name: dir } }),
    nullable: { has: { ownerId: { not: null } }, lacks: { ownerId: null } },
  },
  source: leadColumn("utmSource", true),
};

/** A position in a sorted inbox: the last row read. `value` null: inside the "no value" segment. */
export type SortCursor = InboxSort & { value: string | Date | null; id: string };

const cursorShape = z.tuple([z.enum(SORT_KEYS), z.enum(["asc", "desc"]), z.string().nullable(), z.string().min(1)]);

export function encodeSortCursor(s: InboxSort, row: SortRow): string {
  const v = COLUMNS[s.sort].value(row);
  return Buffer.from(JSON.stringify([s.sort, s.dir, v instanceof Date ? v.toISOString() : v, row.id])).toString("base64url");
}

/** The cursor, if it is well formed and was made for this sort (else the first page). */
export function decodeSortCursor(cursor: string | undefined, s: InboxSort): SortCursor | null {
  if (!cursor) return null;
  let parsed: z.infer<typeof cursorShape>;
  try {
    parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  const [sort, dir, raw, id] = parsed;
  if (sort !== s.sort || dir !== s.dir) return null;
  const column = COLUMNS[sort];
  const value = raw === null ? null : column.parse ? column.parse(raw) : raw;
  if (raw !== null && value === null) return null;
  if (value === null && !column.nullable) return null;
  return { sort, dir, value, id };
}

/**
 * A sort's segments, in reading order: each a condition, its ORDER BY, and the condition for
 * rows after a cursor inside it. `nullsFirst` reverses the segments (reading an order
 * backwards: the row before a lead).
 */
function segments(s: InboxSort, cursor: SortCursor | null, nullsFirst: boolean) {
  const column = COLUMNS[s.sort];
  const after = s.dir === "asc" ? "gt" : "lt";
  const valued = {
    where: column.nullable?.has ?? {},
    orderBy: [column.order(s.dir), { id: s.dir }] as Prisma.LeadOrderByWithRelationInput[],
    after: (c: SortCursor): Prisma.LeadWhereInput =>
      c.value === null ? {} : { OR: [column.compare(after, c.value), { AND: [column.compare("equals", c.value), { id: { [after]: c.id } }] }] },
    isCursors: (c: SortCursor) => c.value !== null,
  };
  const empty = column.nullable && {
    where: column.nullable.lacks,
    orderBy: [{ id: s.dir }] as Prisma.LeadOrderByWithRelationInput[],
    after: (c: SortCursor): Prisma.LeadWhereInput => (c.value === null ? { id: { [after]: c.id } } : {}),
    isCursors: (c: SortCursor) => c.value === null,
  };
  const all = empty ? (nullsFirst ? [empty, valued] : [valued, empty]) : [valued];
  if (!cursor) return all.map((g) => ({ where: g.where, orderBy: g.orderBy }));
  // Segments before the cursor's are done; the cursor's own continues after it.
  const at = all.findIndex((g) => g.isCursors(cursor));
  return all.slice(at).map((g, i) => ({ where: i === 0 ? { AND: [g.where, g.after(cursor)] } : g.where, orderBy: g.orderBy }));
}

/**
 * Up to `take` rows matching `where`, in the sort's order, after `cursor`. With `backwards`,
 * the same order read from the other end (the rows before the cursor, nearest first).
 */
export async function readSorted<S extends Prisma.LeadSelect>(
  db: Db,
  where: Prisma.LeadWhereInput,
  s: InboxSort,
  cursor: SortCursor | null,
  take: number,
  select: S,
  backwards = false,
): Promise<Prisma.LeadGetPayload<{ select: S }>[]> {
  const order: InboxSort = backwards ? { sort: s.sort, dir: s.dir === "asc" ? "desc" : "asc" } : s;
  const rows: Prisma.LeadGetPayload<{ select: S }>[] = [];
  for (const g of segments(order, cursor && { ...cursor, ...order }, backwards)) {
    if (rows.length >= take) break;
    const found = await db.lead.findMany({ where: { AND: [where, g.where] }, orderBy: g.orderBy, take: take - rows.length, select });
    rows.push(...(found as Prisma.LeadGetPayload<{ select: S }>[]));
  }
  return rows;
}

/** The cursor of a row read with SORT_SELECT's fields. */
export const sortCursorOf = (s: InboxSort, row: SortRow): SortCursor => {
  const v = COLUMNS[s.sort].value(row);
  return { ...s, value: v, id: row.id };
};
