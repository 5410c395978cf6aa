import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { createPgAdapter } from "./lib/db/pg";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, SQLITE_SCHEMA, writePostgresSchema } from "./lib/db/schema-variants";
import { isPostgresUrl, resolveDatabaseUrl } from "./lib/db/url";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();

// Without DATABASE_URL, `prisma generate` falls back to downloading a query engine, which
// fails offline. Default it to the embedded SQLite file so a fresh clone works as-is.
process.env.DATABASE_URL = resolveDatabaseUrl();
const url = process.env.DATABASE_URL;

// Prisma 6.19 in its Rust-free mode: the CLI uses the same JS driver adapter as the app,
// so nothing is downloaded (see ../shared/ENVIRONMENT.md). The provider follows
// DATABASE_URL: a postgres:// URL selects the PostgreSQL schema (derived from
// prisma/schema.prisma, see lib/db/schema-variants.ts) and its own migrations folder.
export default isPostgresUrl(url)
  ? defineConfig({
      experimental: { adapter: true },
      engine: "js",
      schema: writePostgresSchema(),
      migrations: { path: POSTGRES_MIGRATIONS },
      // A short idle timeout: migrate commands otherwise linger ~10 s on open connections.
      async adapter() {
        return createPgAdapter(url, { max: 2, idleTimeoutMillis: 200 });
      },
    })
  : defineConfig({
      experimental: { adapter: true },
      engine: "js",
      schema: SQLITE_SCHEMA,
      migrations: { path: SQLITE_MIGRATIONS },
      async adapter() {
        return new PrismaBetterSQLite3({ url });
      },
    });
