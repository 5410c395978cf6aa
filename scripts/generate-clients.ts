/**
 * `npm install`'s postinstall: generates the Prisma client for both providers from the one
 * datamodel in prisma/schema.prisma (lib/generated/prisma for SQLite,
 * lib/generated/prisma-postgres for PostgreSQL; see lib/db/schema-variants.ts), and the
 * Kysely types (lib/generated/kysely, by prisma-kysely, from the SQLite schema only).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { SQLITE_SCHEMA, writePostgresSchema } from "../lib/db/schema-variants";

const prisma = path.join(process.cwd(), "node_modules", ".bin", "prisma");
const run = (schema: string, databaseUrl: string) =>
  execFileSync(prisma, ["generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

// The config (prisma.config.ts) picks the provider from DATABASE_URL; generating needs no
// connection, so placeholder URLs are enough.
run(SQLITE_SCHEMA, process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./prisma/dev.db");
run(writePostgresSchema(), "postgresql://generate@127.0.0.1:5432/generate");
