import type { Kysely } from "kysely";
import type { Prisma } from "../generated/prisma/client";
import { dbProvider, type Db, type DbProvider } from "./index";
import { postgresRowReader, queryBuilder, sqliteRowReader, type RowReader, type Schema } from "./kysely";
import { isPostgresUrl } from "./url";

/**
 * Everything that differs between SQLite and PostgreSQL, in one place: domain code asks
 * `dialectOf(db)` and never branches on the provider itself. docs/databases.md lists the
 * differences and why each exists.
 */

/** A Prisma interactive transaction's client. */
export type Tx = Prisma.TransactionClient;

/** `$transaction`'s options, as the shared (SQLite-typed) client declares them. */
export type TransactionOptions = { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel };

/** An outbox row that is due, as the dispatcher's claim reads it. */
export type DueMessage = { id: string; lockedUntil: Date | null };

export type Dialect = {
  readonly name: DbProvider;
  /** Better Auth's Prisma adapter `provider`. */
  readonly authProvider: "sqlite" | "postgresql";
  /**
   * Whether write transactions run side by side. Where they do, two transactions can race
   * for the same unique key (one aborts with P2002 and is worth running again); where they
   * do not (SQLite: one writer at a time, BEGIN IMMEDIATE), they cannot.
   */
  readonly parallelWriters: boolean;
  /**
   * `$transaction` options for READ COMMITTED, for the transactions that stay correct
   * without SERIALIZABLE and are too busy for its aborts: the dispatcher's, whose every write
   * is a compare-and-set on one row (PostgreSQL re-checks the `where` of a row another
   * transaction changed; SERIALIZABLE made parallel claimers abort each other over rows they
   * merely looked at), and submissions, behind `lockPerson`. Empty where there is one level.
   */
  readonly readCommitted: TransactionOptions;
  /**
   * Queues this transaction behind any other holding the same person's lock, until it
   * ends; different people never wait for each other. `identity` is an email or a phone.
   */
  lockPerson(tx: Tx, identity: string): Promise<void>;
  /**
   * Up to `limit` pending outbox rows that are due and not leased at `now`, oldest first.
   * Dispatchers claiming at the same moment on several servers get different rows.
   */
  claimDue(tx: Tx, now: Date, limit: number): Promise<DueMessage[]>;
  /** A string filter that ignores case (SQLite's LIKE already ignores ASCII case). */
  insensitive(filter: Prisma.StringFilter): Prisma.StringFilter;
  /** Kysely for this database's SQL: builds and compiles, runs nowhere (lib/db/kysely.ts). */
  readonly builder: Kysely<Schema>;
  /** A DateTime as a raw query's parameter, compared the way Prisma stored it. */
  dateParam(date: Date): string;
  /** A DateTime column as a raw reader returns it, as ISO 8601 UTC (what Prisma's Date gives). */
  dateIso(value: unknown): string | null;
  /** A connection of its own to the database at `url`, reading rows as arrays. */
  openRowReader(url: string): Promise<RowReader>;
};

/** Any other shape of stored date, through Date. */
function anyDateIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : typeof value === "number" || typeof value === "bigint" ? new Date(Number(value)) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** PostgreSQL's text for timestamp(3), always UTC here: "2026-06-15 12:00:00.5". */
const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/;

const sqlite: Dialect = {
  name: "sqlite",
  authProvider: "sqlite",
  parallelWriters: false,
  readCommitted: {},
  // One write transaction at a time (BEGIN IMMEDIATE, lib/db/index.ts): already queued.
  lockPerson: async () => {},
  claimDue: (tx, now, limit) =>
    tx.emailMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      orderBy: { nextAttemptAt: "asc" },
      take: limit,
      select: { id: true, lockedUntil: true },
    }),
  insensitive: (filter) => filter,
  get builder() {
    return queryBuilder("sqlite");
  },
  // Prisma's SQLite adapter stores DateTime as text, "2026-06-15T12:00:00.000+00:00", and
  // compares it as text: a parameter must be written the same way.
  dateParam: (date) => date.toISOString().replace("Z", "+00:00"),
  dateIso: (value) => (typeof value === "string" && value.length === 29 && value.endsWith("+00:00") ? `${value.slice(0, 23)}Z` : anyDateIso(value)),
  openRowReader: async (url) => sqliteRowReader(sqliteFile(url)),
};

const postgres: Dialect = {
  name: "postgres",
  authProvider: "postgresql",
  parallelWriters: true,
  // The shared client is typed with SQLite's options, whose only level is Serializable;
  // the PostgreSQL client that receives this accepts ReadCommitted. The one cast for it.
  readCommitted: { isolationLevel: "ReadCommitted" as string as Prisma.TransactionIsolationLevel },
  // A transaction-scoped advisory lock: released at COMMIT or ROLLBACK.
  lockPerson: async (tx, identity) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`loomstack:submission:${identity.toLowerCase()}`}))`;
  },
  // SKIP LOCKED hands each concurrent claimer different rows; without it they would all
  // pick the same oldest rows, one would win them all and the others find nothing to do.
  claimDue: (tx, now, limit) => tx.$queryRaw<DueMessage[]>`
    SELECT "id", "lockedUntil" FROM "EmailMessage"
    WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
    ORDER BY "nextAttemptAt" ASC LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`,
  // `mode` exists only in the PostgreSQL client's types (both clients share SQLite's).
  insensitive: (filter) => ({ ...filter, mode: "insensitive" }) as Prisma.StringFilter,
  get builder() {
    return queryBuilder("postgres");
  },
  // Columns are timestamp(3) without time zone, holding UTC; PostgreSQL ignores the "Z".
  dateParam: (date) => date.toISOString(),
  dateIso: (value) => {
    const m = typeof value === "string" ? PG_TIMESTAMP.exec(value) : null;
    return m ? `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(3, "0").slice(0, 3)}Z` : anyDateIso(value);
  },
  openRowReader: postgresRowReader,
};

const DIALECTS: Record<DbProvider, Dialect> = { sqlite, postgres };

/** The dialect of the database a client talks to. */
export function dialectOf(db: Db): Dialect {
  return DIALECTS[dbProvider(db)];
}

/** The dialect of the database at a URL. */
export function dialectForUrl(url: string): Dialect {
  return DIALECTS[isPostgresUrl(url) ? "postgres" : "sqlite"];
}

/** A SQLite URL's file ("file:/path/to/db"); throws for anything else. */
export function sqliteFile(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`not a SQLite file URL: ${url}`);
  const file = url.slice("file:".length).split("?")[0];
  if (!file || file === ":memory:") throw new Error(`not a SQLite file URL: ${url}`);
  return file;
}

/** The dialect for a provider (for code that has no client yet). */
export function dialectFor(provider: DbProvider): Dialect {
  return DIALECTS[provider];
}
