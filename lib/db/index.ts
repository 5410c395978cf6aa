import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { isPostgresUrl, resolveDatabaseUrl } from "./url";

export type Db = PrismaClient;

export function createDb(url = resolveDatabaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) {
    throw new Error("PostgreSQL support is not wired up yet; use a file: URL (SQLite).");
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

// One client per process; survives Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { __loomstackDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.__loomstackDb ??= createDb();
  return globalForDb.__loomstackDb;
}
