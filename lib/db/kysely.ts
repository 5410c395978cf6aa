import Database from "better-sqlite3";
import pg from "pg";
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from "kysely";
import type { DB } from "../generated/kysely/types";
import type { DbProvider } from "./index";
import { pgConnectionConfig } from "./pg";

/**
 * Kysely, the typed query builder, with the types prisma-kysely generates from
 * prisma/schema.prisma (lib/generated/kysely/types.ts, at `npm install`).
 *
 * The builders here have no connection of their own: they only compile (SQL and parameters
 * for one database's syntax). The compiled query then runs on whatever connection the caller
 * already has: a read connection of the export's own (`openRowReader`), or a Prisma
 * transaction's (lib/db/sql.ts), so a query can join the transaction Prisma is in.
 */
export type Schema = DB;

/** Lead's columns, as the raw readers return them (DateTime columns are text). */
export type LeadColumn = keyof DB["Lead"] & string;

function compileOnly(provider: DbProvider): Kysely<DB> {
  return new Kysely<DB>({
    dialect:
      provider === "postgres"
        ? {
            createAdapter: () => new PostgresAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new PostgresIntrospector(db),
            createQueryCompiler: () => new PostgresQueryCompiler(),
          }
        : {
            createAdapter: () => new SqliteAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new SqliteIntrospector(db),
            createQueryCompiler: () => new SqliteQueryCompiler(),
          },
  });
}

const builders = new Map<DbProvider, Kysely<DB>>();

/** The query builder for a database's SQL (compile with `.compile()`, run elsewhere). */
export function queryBuilder(provider: DbProvider): Kysely<DB> {
  let builder = builders.get(provider);
  if (!builder) builders.set(provider, (builder = compileOnly(provider)));
  return builder;
}

/** Reads rows as arrays (no object per row), on a connection of its own. */
export type RowReader = {
  rows(query: CompiledQuery): Promise<unknown[][]>;
  close(): Promise<void>;
};

/**
 * A read-only connection to a SQLite file. Each distinct SQL is prepared once; rows come back
 * as arrays, DateTime columns as the text Prisma's adapter stored.
 */
export function sqliteRowReader(file: string): RowReader {
  const conn = new Database(file, { fileMustExist: true });
  try {
    conn.pragma("query_only = ON"); // this connection never writes
    conn.pragma("busy_timeout = 5000");
    // One pass that reads each page once gains nothing from better-sqlite3's 16 MB page
    // cache; SQLite's default 2 MB costs less memory and CPU (docs/performance.md).
    conn.pragma("cache_size = -2000");
  } catch (error) {
    conn.close();
    throw error;
  }
  const statements = new Map<string, Database.Statement>();
  return {
    async rows(query) {
      let statement = statements.get(query.sql);
      if (!statement) statements.set(query.sql, (statement = conn.prepare(query.sql).raw(true)));
      return statement.all(...query.parameters) as unknown[][];
    },
    async close() {
      conn.close();
    },
  };
}

const TIMESTAMP_OIDS = new Set([1114, 1184]);
/** DateTime columns as the server's text ("2026-06-15 12:00:00.5"): pg's Date parsing would apply the process's time zone. */
const textTimestamps = {
  getTypeParser: ((oid: number, format?: string) =>
    TIMESTAMP_OIDS.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/** One connection to a PostgreSQL database, opened here and closed by `close`. */
export async function postgresRowReader(url: string): Promise<RowReader> {
  const client = new pg.Client(pgConnectionConfig(url));
  await client.connect();
  return {
    async rows(query) {
      const result = await client.query({ text: query.sql, values: query.parameters as unknown[], rowMode: "array", types: textTimestamps });
      return result.rows as unknown[][];
    },
    async close() {
      await client.end();
    },
  };
}
