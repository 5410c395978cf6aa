import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Prisma } from "../generated/prisma/client";
import type { Dialect } from "../db/dialect";
import type { LeadColumn, Schema } from "../db/kysely";

/**
 * A condition on leads, written once and compiled twice: to a Prisma `where` (the inbox's
 * pages, `toPrismaWhere`) and to Kysely (the export, on SQLite and PostgreSQL,
 * `toKyselyWhere`). Only what the inbox's filters need: a comparison, IS NULL, a half-open
 * range, and AND / OR / NOT, all with SQL's meaning (a comparison with NULL matches nothing).
 *
 * A DateTime value is a Date, or (for a cursor read back from a raw query) the stored value as
 * the database returned it, which compares exactly.
 */
export type LeadValue = string | Date;
export type Comparison = "=" | "<" | "<=" | ">" | ">=";

export type LeadFilter =
  | { column: LeadColumn; op: Comparison; value: LeadValue }
  | { column: LeadColumn; op: "is null" }
  /** gte <= column < lt (no upper bound without lt). */
  | { column: LeadColumn; op: "range"; gte: LeadValue; lt?: LeadValue }
  | { and: LeadFilter[] }
  | { or: LeadFilter[] }
  | { not: LeadFilter }
  /** The lead names this program (a LeadProgram row: an application's, each course of a quote). */
  | { program: string }
  /** The lead has no open task (Task with doneAt null). */
  | { noOpenTask: true };

export const eq = (column: LeadColumn, value: LeadValue): LeadFilter => ({ column, op: "=", value });
export const cmp = (column: LeadColumn, op: Comparison, value: LeadValue): LeadFilter => ({ column, op, value });
export const isNull = (column: LeadColumn): LeadFilter => ({ column, op: "is null" });
export const range = (column: LeadColumn, gte: LeadValue, lt?: LeadValue): LeadFilter =>
  lt === undefined ? { column, op: "range", gte } : { column, op: "range", gte, lt };
export const and = (...all: LeadFilter[]): LeadFilter => ({ and: all });
export const or = (...any: LeadFilter[]): LeadFilter => ({ or: any });
export const not = (filter: LeadFilter): LeadFilter => ({ not: filter });
export const namesProgram = (programSlug: string): LeadFilter => ({ program: programSlug });
export const noOpenTask = (): LeadFilter => ({ noOpenTask: true });

/** The column a single-column condition is on (undefined for AND / OR / NOT). */
export function filterColumn(filter: LeadFilter): LeadColumn | undefined {
  return "column" in filter ? filter.column : undefined;
}

const PRISMA_OPERATOR = { "<": "lt", "<=": "lte", ">": "gt", ">=": "gte" } as const;

/** The filter as a Prisma `where`, in the shapes Prisma turns into plain, indexable SQL terms. */
export function toPrismaWhere(filter: LeadFilter): Prisma.LeadWhereInput {
  if ("and" in filter) return filter.and.length ? { AND: filter.and.map(toPrismaWhere) } : {};
  if ("or" in filter) return { OR: filter.or.map(toPrismaWhere) };
  if ("not" in filter) return { NOT: toPrismaWhere(filter.not) };
  if ("program" in filter) return { programs: { some: { programSlug: filter.program } } };
  if ("noOpenTask" in filter) return { tasks: { none: { doneAt: null } } };
  // Computed keys: Prisma's types cannot follow a column name held in a variable.
  const column = (condition: unknown) => ({ [filter.column]: condition }) as Prisma.LeadWhereInput;
  switch (filter.op) {
    case "=":
      return column(filter.value);
    case "is null":
      return column(null);
    case "range":
      return column(filter.lt === undefined ? { gte: filter.gte } : { gte: filter.gte, lt: filter.lt });
    default:
      return column({ [PRISMA_OPERATOR[filter.op]]: filter.value });
  }
}

/** A query over Lead aliased as L (the export's). */
export type LeadQuery = Schema & { L: Schema["Lead"] };

/**
 * The filter as a Kysely condition on `L`, for `dialect`'s database: Dates become parameters
 * written the way that database stores DateTime (`dialect.dateParam`).
 */
export function toKyselyWhere(filter: LeadFilter, eb: ExpressionBuilder<LeadQuery, "L">, dialect: Dialect): Expression<SqlBool> {
  if ("and" in filter) return eb.and(filter.and.map((f) => toKyselyWhere(f, eb, dialect)));
  if ("or" in filter) return eb.or(filter.or.map((f) => toKyselyWhere(f, eb, dialect)));
  if ("not" in filter) return eb.not(toKyselyWhere(filter.not, eb, dialect));
  if ("program" in filter)
    return eb.exists(
      eb.selectFrom("LeadProgram").select("LeadProgram.id").whereRef("LeadProgram.leadId", "=", "L.id").where("LeadProgram.programSlug", "=", filter.program),
    );
  if ("noOpenTask" in filter)
    return eb.not(eb.exists(eb.selectFrom("Task").select("Task.id").whereRef("Task.leadId", "=", "L.id").where("Task.doneAt", "is", null)));
  const ref = eb.ref(`L.${filter.column}`);
  const param = (v: LeadValue) => (v instanceof Date ? dialect.dateParam(v) : v);
  switch (filter.op) {
    case "is null":
      return eb(ref, "is", null);
    case "range":
      return filter.lt === undefined ? eb(ref, ">=", param(filter.gte)) : eb.and([eb(ref, ">=", param(filter.gte)), eb(ref, "<", param(filter.lt))]);
    default:
      return eb(ref, filter.op, param(filter.value));
  }
}
