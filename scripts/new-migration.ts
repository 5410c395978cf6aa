/**
 * Creates the next SQL migration from changes to prisma/schema.prisma.
 *
 *   npm run db:new-migration -- add_leads
 *
 * `prisma migrate dev` cannot run offline with the JS driver adapter (shadow database error
 * P3006), and `migrate diff` cannot read a database through an adapter. So each migration
 * folder keeps a generated `schema.prisma` snapshot of the datamodel it brought the database
 * to, and the next migration is the diff from that snapshot to the current schema.
 * `--check` exits 1 when the schema has changes that no migration covers (used by tests).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const schema = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");

function latestMigration(): string | null {
  if (!existsSync(migrationsDir)) return null;
  const dirs = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return dirs.at(-1) ?? null;
}

function diff(from: string[]): string {
  return execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const name = args.find((a) => !a.startsWith("--"));

const latest = latestMigration();
const snapshot = latest ? path.join(migrationsDir, latest, "schema.prisma") : null;
if (latest && !existsSync(snapshot!)) {
  console.error(`Migration ${latest} has no schema.prisma snapshot; cannot diff from it.`);
  process.exit(2);
}
const sql = diff(snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"]);
const empty = sql.split("\n").every((l) => !l.trim() || l.trim().startsWith("--"));

if (check) {
  if (empty) {
    console.log("Migrations are up to date with prisma/schema.prisma.");
    process.exit(0);
  }
  console.error("prisma/schema.prisma has changes no migration covers. Run: npm run db:new-migration -- <name>\n\n" + sql);
  process.exit(1);
}

if (empty) {
  console.log("No schema changes; no migration created.");
  process.exit(0);
}
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Give the migration a snake_case name: npm run db:new-migration -- add_leads");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync(schema, path.join(dir, "schema.prisma"));
console.log(`Created ${path.relative(root, dir)}/migration.sql`);
