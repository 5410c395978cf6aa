/**
 * The export's plain baseline: the `sqlite3` command-line shell running the export's SELECT
 * for the whole view in one statement (`-csv`, output to /dev/null), on the same file in the
 * same run (bench/console.ts). It reads the same rows and columns and writes them as plain CSV,
 * in C, without what the export adds (notes and status reasons, answers worded by each form,
 * names, formula neutralising, ISO dates, a query per batch). Needs the sqlite3 CLI
 * (`apt-get install sqlite3`); the benchmark skips it, and says so, when it is missing.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import { inboxFilter, type InboxFilters } from "../../lib/console/inbox";
import { leadBatchQuery } from "../../lib/console/readable-export";
import { dialectFor } from "../../lib/db/dialect";

export type ShellRun = { seconds: number; cpuSeconds: number | null; peakRssMb: number | null; version: string };

/** The sqlite3 shell's version line, or null when it is not installed. */
export function sqliteShellVersion(): string | null {
  const run = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim().split(" ").slice(0, 2).join(" ") : null;
}

/** A parameter as an SQL literal (the shell takes no parameters). */
function literal(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  if (value === null) return "NULL";
  throw new Error(`no SQL literal for ${typeof value}`);
}

/** The export's SELECT for the whole view (its first batch's, without the LIMIT), parameters written in. */
export function shellSelect(filters: InboxFilters): string {
  const query = leadBatchQuery(dialectFor("sqlite"), inboxFilter({ ...filters, after: undefined }), null, 1);
  if (!/ limit \?$/.test(query.sql)) throw new Error(`unexpected export SQL: ${query.sql}`);
  const sql = query.sql.replace(/ limit \?$/, "");
  const params = query.parameters.slice(0, -1);
  let i = 0;
  const inlined = sql.replace(/\?/g, () => literal(params[i++]));
  if (i !== params.length) throw new Error("parameter count mismatch");
  return inlined;
}

/** Runs the shell once on `file`, its output to /dev/null; /usr/bin/time gives its CPU time and peak RSS when present. */
export function runSqliteShell(file: string, filters: InboxFilters): Promise<ShellRun> {
  const version = sqliteShellVersion();
  if (!version) throw new Error("the sqlite3 shell is not installed");
  const timed = existsSync("/usr/bin/time");
  const args = ["-csv", "-noheader", file, shellSelect(filters)];
  const devNull = openSync("/dev/null", "w");
  const child = timed
    ? spawn("/usr/bin/time", ["-f", "@@TIME %U %S %M", "sqlite3", ...args], { stdio: ["ignore", devNull, "pipe"] })
    : spawn("sqlite3", args, { stdio: ["ignore", devNull, "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    child.on("close", (code) => {
      const seconds = (performance.now() - t0) / 1000;
      closeSync(devNull);
      if (code !== 0) return reject(new Error(`sqlite3 failed (exit ${code}): ${stderr.slice(-500)}`));
      const m = /@@TIME ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      resolve({ seconds, cpuSeconds: m ? Number(m[1]) + Number(m[2]) : null, peakRssMb: m ? Number(m[3]) / 1024 : null, version });
    });
  });
}
