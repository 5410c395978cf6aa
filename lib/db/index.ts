import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { isPostgresUrl, resolveDatabaseUrl } from "./url";

export type Db = PrismaClient;

export function createDb(url = resolveDatabaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) {
    throw new Error("PostgreSQL support is not wired up yet; use a file: URL (SQLite).");
  }
  useWal(url);
  return new PrismaClient({ adapter: immediateTransactions(new PrismaBetterSQLite3({ url })) });
}

// One client per process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { __loomstackDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.__loomstackDb ??= createDb();
  return globalForDb.__loomstackDb;
}

/**
 * WAL mode (a persistent property of the file): readers never block the writer, which
 * matters when the app server, a standalone email dispatcher and the rate limiter use
 * the same file. The default synchronous=FULL stays, so a committed lead survives a
 * power cut.
 */
function useWal(url: string) {
  const file = url.slice("file:".length);
  if (!file || file === ":memory:") return;
  const conn = new Database(file);
  try {
    conn.pragma("journal_mode = WAL");
  } finally {
    conn.close();
  }
}

type AdapterWithClient = { client?: { prepare: (sql: string) => unknown } };

/**
 * Makes every transaction `BEGIN IMMEDIATE` instead of the adapter's plain `BEGIN`.
 *
 * A plain BEGIN starts as a reader. When another process (a standalone email dispatcher,
 * a second app server) commits before this transaction's first write, SQLite cannot
 * upgrade it and fails with SQLITE_BUSY_SNAPSHOT at once: a lost form submission. An
 * immediate transaction takes the write lock up front, waiting (busy_timeout) for the
 * other process instead. Within one process the adapter already runs one transaction at
 * a time.
 */
export function immediateTransactions(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as AdapterWithClient).client;
    if (!client || typeof client.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: cannot make transactions immediate (see lib/db/index.ts).");
    }
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
}
