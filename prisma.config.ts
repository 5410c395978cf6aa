import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveDatabaseUrl } from "./lib/db/url";
import { loadDotEnv } from "./lib/load-env";

loadDotEnv();

// Without DATABASE_URL, `prisma generate` falls back to downloading a query engine, which
// fails offline. Default it to the embedded SQLite file so a fresh clone works as-is.
process.env.DATABASE_URL = resolveDatabaseUrl();

// Prisma 6.19 in its Rust-free mode: the CLI uses the same JS driver adapter as the app,
// so nothing is downloaded (see ../shared/ENVIRONMENT.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: resolveDatabaseUrl() });
  },
});
