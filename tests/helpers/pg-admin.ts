import { execFileSync } from "node:child_process";

/**
 * The PostgreSQL server the tests use (the machine's, trust auth). Test databases are
 * created and dropped through its `postgres` maintenance database.
 */
export const TEST_PG_SERVER = process.env.TEST_PG_SERVER || "postgresql://postgres@127.0.0.1:5432";

/** Whether this test run is on PostgreSQL (`TEST_DATABASE=postgres`) rather than SQLite. */
export const onPostgres = () => process.env.TEST_DATABASE === "postgres";

export const pgUrl = (database: string) => `${TEST_PG_SERVER}/${database}`;

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Runs statements on the maintenance database, synchronously (test files create their
 * database at import time). A child node process with `pg`; about 100 ms.
 */
export type PgStatement = string | { text: string; values: unknown[] };

/** Runs the statements in order; returns the rows of the last one. */
export function pgAdminSync(statements: PgStatement[]): Record<string, unknown>[] {
  const script = `
    const { Client } = require("pg");
    (async () => {
      const c = new Client({ connectionString: process.env.PG_ADMIN_URL });
      await c.connect();
      let rows = [];
      try { for (const s of JSON.parse(process.env.PG_STATEMENTS)) rows = (await c.query(s)).rows; }
      finally { await c.end(); }
      process.stdout.write(JSON.stringify(rows));
    })().catch((e) => { console.error(e.message); process.exit(1); });`;
  const out = execFileSync(process.execPath, ["-e", script], {
    env: { ...process.env, PG_ADMIN_URL: pgUrl("postgres"), PG_STATEMENTS: JSON.stringify(statements) },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  return JSON.parse(out || "[]") as Record<string, unknown>[];
}

export function createPgDatabaseSync(name: string, template?: string) {
  const sql = `CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ""}`;
  // Copying a template fails if anything else is connected to it at that instant; retry.
  for (let attempt = 1; ; attempt++) {
    try {
      pgAdminSync([sql]);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * attempt);
    }
  }
}

export function dropPgDatabaseSync(name: string) {
  pgAdminSync([`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`]);
}

/** Drops every database whose name matches a LIKE pattern (leftovers of a crashed test file). */
export function dropPgDatabasesLikeSync(pattern: string) {
  const rows = pgAdminSync([{ text: "SELECT datname FROM pg_database WHERE datname LIKE $1", values: [pattern] }]);
  const names = rows.map((r) => String(r.datname));
  if (names.length) pgAdminSync(names.map((name) => `DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

export const randomDbName = (prefix: string) => `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
