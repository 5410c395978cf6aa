/** Paths and fixtures every benchmark shares: the repository, its binaries, bench-results/. */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const RESULTS_DIR = path.join(ROOT, "bench-results");

/** A binary from node_modules/.bin. */
export const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

/** A path under bench-results/ (git-ignored), creating the folder. */
export function resultsPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, name);
}

/** bench-results/<name>.db with no leftovers of an earlier run (WAL, journal). */
export function emptySqliteFile(name: string): string {
  const file = resultsPath(`${name}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  return file;
}

/** `prisma migrate deploy` on a database, with the provider's migrations. */
export function migrate(databaseUrl: string): void {
  execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
}
