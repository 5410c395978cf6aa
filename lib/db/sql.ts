import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import type { CompiledQuery, Kysely } from "kysely";
import { dialectOf, type Dialect, type Tx } from "./dialect";
import { sqliteConnection, type Db } from "./index";
import type { Schema } from "./kysely";

/**
 * Typed SQL on the connection and inside the transaction a Prisma client already has, for the
 * hot paths where Prisma's query compiler costs more than the database (the form submission
 * path, docs/performance.md "Submissions"). Queries are built and compiled with Kysely
 * (lib/db/kysely.ts); Prisma keeps the schema, the migrations and the rest of the app.
 *
 * - SQLite: prepared once per distinct SQL and run on the adapter's own better-sqlite3
 *   connection (`sqliteConnection`), which is the connection the transaction is open on.
 *   Statements are synchronous, so nothing interleaves between two of them on the same
 *   connection except through an `await` of this caller's own.
 * - PostgreSQL: `tx.$queryRawUnsafe` on the transaction's connection: Prisma's raw path,
 *   which skips its query compiler.
 *
 * Dates are written as `Date` (`at(date)`) and each runner passes them in its database's own
 * form; DateTime columns read back through `date()`.
 */
export type Sql = {
  readonly dialect: Dialect;
  /** The query builder for this database's SQL. */
  readonly q: Kysely<Schema>;
  all<R>(query: CompiledQuery<R>): Promise<R[]>;
  first<R>(query: CompiledQuery<R>): Promise<R | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(query: CompiledQuery): Promise<number>;
  /** A DateTime column's value as this database's driver returns it, as a Date. */
  date(value: unknown): Date | null;
};

/** A Date as a DateTime column's value (the runner converts it; Kysely's types say string). */
export const at = (date: Date): string => date as unknown as string;

/** A boolean as a Boolean column's value (SQLite stores 0/1, PostgreSQL a boolean; the runner converts it). */
export const flag = (value: boolean): number => value as unknown as number;

/**
 * A new row id, the shape of Prisma's `cuid()`: 25 lower-case letters and digits, "c", the
 * time, a per-process counter (ids made in one millisecond keep their order, as cuid's do),
 * then 12 random characters.
 */
let counter = 0;
export function newId(): string {
  const bytes = randomBytes(12);
  let random = "";
  for (const b of bytes) random += (b % 36).toString(36);
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random}`;
}

function dateOf(dialect: Dialect) {
  return (value: unknown): Date | null => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    const iso = dialect.dateIso(value);
    return iso === null ? null : new Date(iso);
  };
}

/**
 * Typed SQL inside the transaction `tx` of `db` (call it only with the `tx` that
 * `db.$transaction` handed to the caller).
 */
export function sqlInTransaction(db: Db, tx: Tx): Sql {
  const dialect = dialectOf(db);
  if (dialect.name === "sqlite") {
    const conn = sqliteConnection(db);
    if (!conn) throw new Error("sqlInTransaction: the SQLite client has not connected (call it inside db.$transaction).");
    return sqliteRunner(conn, dialect);
  }
  return prismaRawRunner(tx, dialect);
}

/**
 * Typed SQL outside any transaction, through the client's raw path (on SQLite it waits while
 * a transaction is open on the shared connection: lib/db/index.ts, gateOutsideQueries).
 */
export function sqlOutside(db: Db): Sql {
  return prismaRawRunner(db, dialectOf(db));
}

type RawClient = Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">;

function prismaRawRunner(client: RawClient, dialect: Dialect): Sql {
  const params = (query: CompiledQuery) => (dialect.name === "sqlite" ? query.parameters.map((p) => sqliteParam(p, dialect)) : (query.parameters as unknown[]));
  return {
    dialect,
    q: dialect.builder,
    all: <R>(query: CompiledQuery<R>) => client.$queryRawUnsafe<R[]>(query.sql, ...params(query)),
    first: async <R>(query: CompiledQuery<R>) => (await client.$queryRawUnsafe<R[]>(query.sql, ...params(query)))[0],
    run: (query) => client.$executeRawUnsafe(query.sql, ...params(query)),
    date: dateOf(dialect),
  };
}

function sqliteParam(value: unknown, dialect: Dialect): unknown {
  if (value instanceof Date) return dialect.dateParam(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** Prepared statements per connection, by SQL: each distinct statement is prepared once. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteRunner(conn: Database.Database, dialect: Dialect): Sql {
  let statements = prepared.get(conn);
  if (!statements) prepared.set(conn, (statements = new Map()));
  const cache = statements;
  const statement = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = conn.prepare(sql);
      // The adapter's connection reads integers as BigInt (defaultSafeIntegers); these
      // statements read the small counts and revisions they select as numbers.
      s.safeIntegers(false);
      cache.set(sql, s);
    }
    return s;
  };
  const params = (query: CompiledQuery) => query.parameters.map((p) => sqliteParam(p, dialect));
  const all = <R>(query: CompiledQuery<R>): R[] => {
    const s = statement(query.sql);
    if (!s.reader) {
      s.run(...params(query));
      return [];
    }
    return s.all(...params(query)) as R[];
  };
  return {
    dialect,
    q: dialect.builder,
    all: async (query) => all(query),
    first: async (query) => all(query)[0],
    run: async (query) => statement(query.sql).run(...params(query)).changes,
    date: dateOf(dialect),
  };
}
