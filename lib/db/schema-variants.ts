import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One datamodel, two providers.
 *
 * `prisma/schema.prisma` is the only schema anyone edits (provider "sqlite", the embedded
 * default). The PostgreSQL schema is derived from it by `postgresSchema()`: the same models
 * with the provider and the generated client's folder swapped. It is written to
 * `prisma/postgres/schema.prisma` (git-ignored) whenever a command needs it: `prisma
 * generate` (scripts/generate-clients.ts), `prisma migrate …` with a postgres://
 * DATABASE_URL (prisma.config.ts) and `npm run db:new-migration`.
 */

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const SQLITE_MIGRATIONS = path.join("prisma", "migrations");
export const POSTGRES_SCHEMA = path.join("prisma", "postgres", "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join("prisma", "postgres", "migrations");

const PROVIDER = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
const OUTPUT = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/;
/** The Kysely types generator, with the comment lines just above it. */
const KYSELY_GENERATOR = /(?:^\/\/[^\n]*\n)*^generator\s+kysely\s*\{[^}]*\}\n\n?/m;

/** The PostgreSQL variant of the SQLite schema text. Throws if the schema's shape changed. */
export function postgresSchema(sqliteSchema: string): string {
  if (!PROVIDER.test(sqliteSchema)) throw new Error(`${SQLITE_SCHEMA}: expected datasource db { provider = "sqlite" }`);
  if (!OUTPUT.test(sqliteSchema)) throw new Error(`${SQLITE_SCHEMA}: expected generator client { output = "../lib/generated/prisma" }`);
  const header =
    "// GENERATED from prisma/schema.prisma by lib/db/schema-variants.ts. Do not edit: edit\n" +
    "// prisma/schema.prisma and run `npm run db:new-migration -- <name>`.\n";
  return (
    header +
    sqliteSchema
      .replace(PROVIDER, '$1"postgresql"')
      // One folder deeper (prisma/postgres/), and a client of its own: a generated Prisma
      // client is bound to one provider.
      .replace(OUTPUT, '$1"../../lib/generated/prisma-postgres"')
      // One set of Kysely types, from the SQLite schema (lib/db/kysely.ts): the raw readers
      // return DateTime columns as text on both databases.
      .replace(KYSELY_GENERATOR, "")
  );
}

/** Writes prisma/postgres/schema.prisma from prisma/schema.prisma; returns its path. */
export function writePostgresSchema(root = process.cwd()): string {
  const target = path.join(root, POSTGRES_SCHEMA);
  const text = postgresSchema(readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  mkdirSync(path.dirname(target), { recursive: true });
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // not written yet
  }
  if (current !== text) writeFileSync(target, text);
  return target;
}
