/**
 * Creates the next migration for SQLite AND PostgreSQL from prisma/schema.prisma, or checks
 * for drift (`--check`). `prisma migrate dev` cannot run offline with the JS driver adapters,
 * so each migration folder keeps a snapshot of its datamodel and the next migration is the
 * diff from it. How to use it: docs/postgresql.md, "Changing the schema".
 *
 *   npm run db:new-migration -- add_leads     # writes both migration folders
 *   npm run db:check-migrations               # exits 1 on any drift (CI runs it)
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, SQLITE_SCHEMA, postgresSchema, writePostgresSchema } from "../lib/db/schema-variants";

const root = process.cwd();

/**
 * PostgreSQL's history starts later than SQLite's: its first migration creates everything
 * the SQLite migrations up to this one created. Every later migration exists for both.
 */
export const POSTGRES_BASELINE = "20261121182317_console_indexes";

type Provider = { name: "sqlite" | "postgres"; schema: string; dir: string; databaseUrl: string };

const providers: Provider[] = [
  { name: "sqlite", schema: path.join(root, SQLITE_SCHEMA), dir: path.join(root, SQLITE_MIGRATIONS), databaseUrl: "file:./prisma/dev.db" },
  {
    name: "postgres",
    schema: writePostgresSchema(root),
    dir: path.join(root, POSTGRES_MIGRATIONS),
    databaseUrl: process.env.PRISMA_DIFF_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
  },
];

function migrations(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function diff(p: Provider, from: string[]): string {
  return execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", p.schema, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: p.databaseUrl },
  });
}

const isEmpty = (sql: string) => sql.split("\n").every((l) => !l.trim() || l.trim().startsWith("--"));

function pendingSql(p: Provider): string {
  const latest = migrations(p.dir).at(-1);
  const snapshot = latest ? path.join(p.dir, latest, "schema.prisma") : null;
  if (latest && !existsSync(snapshot!)) {
    console.error(`${p.name}: migration ${latest} has no schema.prisma snapshot; cannot diff from it.`);
    process.exit(2);
  }
  return diff(p, snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"]);
}

/** Problems with the two histories, independent of the current schema. */
function historyProblems(): string[] {
  const problems: string[] = [];
  const sqlite = migrations(path.join(root, SQLITE_MIGRATIONS));
  const postgres = migrations(path.join(root, POSTGRES_MIGRATIONS));
  if (postgres[0] !== POSTGRES_BASELINE) problems.push(`PostgreSQL's first migration should be ${POSTGRES_BASELINE}, found ${postgres[0] ?? "none"}.`);
  const after = (list: string[]) => list.filter((m) => m > POSTGRES_BASELINE);
  const a = after(sqlite);
  const b = after(postgres);
  for (const m of a) if (!b.includes(m)) problems.push(`${m} exists for SQLite but not for PostgreSQL.`);
  for (const m of b) if (!a.includes(m)) problems.push(`${m} exists for PostgreSQL but not for SQLite.`);
  const lastSqlite = sqlite.at(-1);
  const lastPostgres = postgres.at(-1);
  if (lastSqlite && lastPostgres) {
    const s = readFileSync(path.join(root, SQLITE_MIGRATIONS, lastSqlite, "schema.prisma"), "utf8");
    const p = readFileSync(path.join(root, POSTGRES_MIGRATIONS, lastPostgres, "schema.prisma"), "utf8");
    if (postgresSchema(s) !== p) problems.push(`The latest snapshots (${lastSqlite} and ${lastPostgres}) are different datamodels.`);
  }
  return problems;
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const name = args.find((a) => !a.startsWith("--"));

const pending = providers.map((p) => ({ p, sql: pendingSql(p) }));

if (check) {
  const problems = historyProblems();
  for (const { p, sql } of pending) {
    if (!isEmpty(sql)) problems.push(`prisma/schema.prisma has changes no ${p.name} migration covers:\n${sql}`);
  }
  if (problems.length === 0) {
    console.log("Migrations are up to date with prisma/schema.prisma, for SQLite and PostgreSQL.");
    process.exit(0);
  }
  console.error(problems.join("\n") + "\n\nCreate migrations with: npm run db:new-migration -- <name>");
  process.exit(1);
}

if (pending.every(({ sql }) => isEmpty(sql))) {
  console.log("No schema changes; no migration created.");
  process.exit(0);
}
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Give the migration a snake_case name: npm run db:new-migration -- add_leads");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const { p, sql } of pending) {
  const dir = path.join(p.dir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync(p.schema, path.join(dir, "schema.prisma"));
  console.log(`Created ${path.relative(root, dir)}/migration.sql`);
}
