import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgres/client";
import { createPgAdapter, type PgAdapterOptions } from "./pg";
import { isPostgresUrl, resolveDatabaseUrl } from "./url";

/**
 * The app's database client. Both providers share one datamodel (see schema-variants.ts),
 * so their generated clients have the same API; the PostgreSQL one is typed as the SQLite
 * one. What differs between the two databases lives in ./dialect.ts (`dialectOf(db)`).
 */
export type Db = PrismaClient;
export type DbProvider = "sqlite" | "postgres";

const PROVIDER = Symbol.for("loomstack.dbProvider");
const URL_TAG = Symbol.for("loomstack.dbUrl");

export type CreateDbOptions = { pg?: PgAdapterOptions };

export function createDb(url = resolveDatabaseUrl(), options: CreateDbOptions = {}): PrismaClient {
  if (isPostgresUrl(url)) {
    const client = new PostgresPrismaClient({
      adapter: createPgAdapter(url, options.pg),
      // Every transaction is SERIALIZABLE on PostgreSQL, as it is (trivially) on SQLite:
      // the domain code reads, decides and writes inside transactions (a balance that
      // must not go below zero, one contact per email). A conflict aborts one side with
      // P2034, and `withRetry` below runs that transaction again.
      transactionOptions: { isolationLevel: "Serializable", maxWait: 10_000, timeout: 20_000 },
    }) as unknown as PrismaClient;
    return tag(retryingTransactions(client), "postgres", url);
  }
  enableWal(url);
  const connection: SqliteConnectionHolder = {};
  const client = tag(new PrismaClient({ adapter: immediateTransactions(new PrismaBetterSQLite3({ url }), connection) }), "sqlite", url);
  Object.defineProperty(client, CONNECTION, { value: connection, enumerable: false });
  return client;
}

type SqliteConnectionHolder = { current?: Database.Database };
const CONNECTION = Symbol.for("loomstack.sqliteConnection");

/**
 * The better-sqlite3 connection under a SQLite client's adapter (the only one it has), once
 * the client has connected. lib/db/sql.ts runs prepared statements on it inside the client's
 * own transactions; nothing else may use it.
 */
export function sqliteConnection(client: Db): Database.Database | undefined {
  return (client as unknown as Record<symbol, SqliteConnectionHolder | undefined>)[CONNECTION]?.current;
}

function tag(client: PrismaClient, provider: DbProvider, url: string): PrismaClient {
  Object.defineProperty(client, PROVIDER, { value: provider, enumerable: false });
  Object.defineProperty(client, URL_TAG, { value: url, enumerable: false });
  return client;
}

/** The URL a client was made for (by createDb), for code that opens a connection of its own. */
export function dbUrl(client: Db): string | undefined {
  return (client as unknown as Record<symbol, string | undefined>)[URL_TAG];
}

/** Which database a client talks to. Domain code asks `dialectOf(db)` (./dialect.ts) instead. */
export function dbProvider(client: Db): DbProvider {
  return (client as unknown as Record<symbol, DbProvider>)[PROVIDER] ?? "sqlite";
}

// One client per process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { __loomstackDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.__loomstackDb ??= createDb();
  return globalForDb.__loomstackDb;
}

/** Serialization failures on PostgreSQL (SQLSTATE 40001/40P01), as Prisma reports them. */
export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string }; message?: string; cause?: { kind?: string; originalCode?: string } } | null;
  if (!e) return false;
  if (e.code === "P2034") return true;
  // Raised at COMMIT the adapter's error arrives as it is (a DriverAdapterError).
  if (e.cause?.kind === "TransactionWriteConflict" || e.cause?.originalCode === "40001" || e.cause?.originalCode === "40P01") return true;
  const text = `${e.meta?.code ?? ""} ${e.message ?? ""}`;
  return /\b40001\b|\b40P01\b|could not serialize access|deadlock detected/i.test(text);
}

export const TRANSACTION_ATTEMPTS = 8;

/**
 * Makes `$transaction` retry a transaction that lost a serialization conflict, with a
 * short random backoff. The callback runs again from the start, so it must only touch the
 * database (which every transaction in lib/ does; side effects such as waking the email
 * dispatcher happen after it returns).
 */
function retryingTransactions(client: PrismaClient): PrismaClient {
  const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const retrying = async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(...args);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isWriteConflict(error)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
      }
    }
  };
  Object.defineProperty(client, "$transaction", { value: retrying, configurable: true, writable: true });
  return client;
}

/**
 * WAL mode (a persistent property of the file): readers never block the writer, which
 * matters when the app server, a standalone email dispatcher and the rate limiter use
 * the same file. The default synchronous=FULL stays, so a committed lead survives a
 * power cut.
 */
function enableWal(url: string) {
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
export function immediateTransactions(factory: PrismaBetterSQLite3, connection: SqliteConnectionHolder = {}): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as AdapterWithClient).client;
    if (!client || typeof client.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: cannot make transactions immediate (see lib/db/index.ts).");
    }
    connection.current = client as unknown as Database.Database;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return gateOutsideQueries(adapter);
  };
  return factory;
}

type GatedAdapter = {
  startTransaction(...args: unknown[]): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
  queryRaw(...args: unknown[]): Promise<unknown>;
  executeRaw(...args: unknown[]): Promise<unknown>;
  executeScript(...args: unknown[]): Promise<void>;
};

/**
 * Makes queries outside a transaction wait while one is open.
 *
 * The adapter has one connection and runs one transaction at a time on it, but a query made
 * outside a transaction (another request's read or write) goes straight to that connection,
 * and so runs *inside* whatever transaction is open there: a read sees rows that may never
 * be committed, and a write is rolled back with someone else's failed transaction after its
 * caller was told it was saved (tests/integration/sqlite-connection-sharing.test.ts). Such a
 * query now waits until the open transaction commits or rolls back. The adapter's statements
 * run synchronously once called, so nothing can start a transaction between the wait and the
 * statement. Code inside a transaction must use its `tx`, never the client (it would wait for
 * itself until the transaction's timeout).
 */
function gateOutsideQueries<A>(adapter: A): A {
  const a = adapter as unknown as GatedAdapter;
  let open: Promise<void> | null = null;
  const start = a.startTransaction.bind(a);
  a.startTransaction = async (...args: unknown[]) => {
    const tx = await start(...args);
    let closed!: () => void;
    const current = new Promise<void>((resolve) => (closed = resolve));
    open = current;
    const finish = () => {
      if (open === current) open = null;
      closed();
    };
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(finish);
    tx.rollback = () => rollback().finally(finish);
    return tx;
  };
  for (const method of ["queryRaw", "executeRaw", "executeScript"] as const) {
    const run = (a[method] as (...args: unknown[]) => Promise<unknown>).bind(a);
    (a as Record<typeof method, (...args: unknown[]) => Promise<unknown>>)[method] = async (...args: unknown[]) => {
      while (open) await open;
      return run(...args);
    };
  }
  return adapter;
}
