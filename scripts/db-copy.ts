/**
 * Copies an existing SQLite database into PostgreSQL in one transaction, then checks the copy
 * row by row. The steps, options and exit codes: docs/postgresql.md, "Moving data".
 *
 *   npm run db:copy -- --from file:./prisma/dev.db --to postgresql://postgres@127.0.0.1:5432/loomstack
 *       [--truncate] [--no-migrate] [--batch-size 1000] [--sample 50] [--verify-only]
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv } from "../lib/load-env";

loadDotEnv();
const copy = await import("../lib/db/copy");
const { isPostgresUrl } = await import("../lib/db/url");

const USAGE =
  "Usage: npm run db:copy -- --from file:./prisma/dev.db --to postgresql://user@host:5432/db\n" +
  "         [--truncate] [--no-migrate] [--batch-size 1000] [--sample 50] [--verify-only]";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      truncate: { type: "boolean", default: false },
      "no-migrate": { type: "boolean", default: false },
      "batch-size": { type: "string" },
      sample: { type: "string" },
      "verify-only": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const from = args.from ?? fail(`--from is required.\n${USAGE}`);
const to = args.to ?? fail(`--to is required.\n${USAGE}`);
if (!from.startsWith("file:")) fail(`--from must be a SQLite file: URL (file:./prisma/dev.db), not ${copy.displayUrl(from)}.`);
if (!isPostgresUrl(to)) fail(`--to must be a postgresql:// URL, not ${copy.displayUrl(to)}.`);
const positive = (name: string, value: string | undefined, min: number) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}.`);
  return n;
};
const batchSize = positive("batch-size", args["batch-size"], 1);
const sample = positive("sample", args.sample, 0);

const fmt = (n: number) => n.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const shownTo = copy.displayUrl(to);

let source: ReturnType<typeof copy.openSqliteSource> | undefined;
let target: ReturnType<typeof copy.openPostgresTarget> | undefined;
let exitCode = 0;
try {
  source = copy.openSqliteSource(from);
  console.log(`Source: ${from} (read-only)`);
  console.log(`Target: ${shownTo}`);

  if (!args["verify-only"]) {
    await copy.checkSource(source, { sourceUrl: from });
    target = copy.openPostgresTarget(to);
    const pending = (
      await copy.targetMigrationState(target).catch((error) => {
        if (/\b3D000\b|database .* does not exist/i.test(String((error as Error)?.message))) {
          const name = decodeURIComponent(new URL(to).pathname.slice(1));
          fail(`The target database "${name}" does not exist. Create it first, e.g. psql -c 'CREATE DATABASE "${name}"' (or createdb ${name}).`);
        }
        throw error;
      })
    ).missing;
    if (pending.length === 0) {
      console.log("The target is migrated.");
    } else if (!args["no-migrate"]) {
      console.log(`\nMigrating the target (prisma migrate deploy: ${pending.length} migration(s))…`);
      try {
        execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
          env: { ...process.env, DATABASE_URL: to },
          stdio: ["ignore", "pipe", "pipe"],
        });
      } catch (error) {
        const e = error as { stdout?: Buffer; stderr?: Buffer };
        fail(`prisma migrate deploy failed on the target:\n${e.stderr?.toString() ?? ""}${e.stdout?.toString() ?? ""}`.trim(), 1);
      }
    }

    let lastPrint = performance.now();
    const result = await copy.copyDatabase({
      source,
      sourceUrl: from,
      targetUrl: to,
      truncate: args.truncate,
      batchSize,
      onPlan: (plan, skipped) => {
        console.log(
          `\nCopying ${plan.length} models in this order: ${plan.map((m) => m.model + (m.selfRefs.length ? ` (${m.selfRefs.join(", ")} in a second pass)` : "")).join(", ")}`,
        );
        for (const s of skipped) console.log(`Skipping ${s.model}: ${s.why}`);
        if (args.truncate) console.log("Emptying the target's tables first (--truncate).");
      },
      onProgress: ({ model, done, total }) => {
        const now = performance.now();
        if (done === total || now - lastPrint > 5000) {
          lastPrint = now;
          if (done === total) console.log(`  ${model}: ${fmt(done)} row(s)`);
          else console.log(`  ${model}: ${fmt(done)} of ${fmt(total)}…`);
        }
      },
    });
    console.log(
      `\nCopied ${fmt(result.rows)} rows in ${seconds(result.ms)} (${fmt(Math.round(result.rows / (result.ms / 1000)))} rows/s), in one transaction (committed).` +
        (result.sequences.length ? ` Sequences set: ${result.sequences.join(", ")}.` : ""),
    );
  } else {
    target = copy.openPostgresTarget(to);
  }

  console.log(`\nVerifying (${sample === undefined ? "every row" : `${sample} random rows per model`}, field by field)…`);
  const verified = await copy.verifyCopy({ source, target, sample, batchSize });
  console.log(`\n${copy.formatVerifyTable(verified)}\n`);
  if (verified.ok) {
    console.log(`Verified in ${seconds(verified.ms)}: counts and rows match.`);
  } else {
    console.error(
      `Verification FAILED: the target differs from the source (above).` +
        (args["verify-only"] ? "" : " The copied data is committed in the target; fix the cause and copy again with --truncate."),
    );
    exitCode = 1;
  }
} catch (error) {
  if (error instanceof copy.CopyRefused) {
    console.error(`\nRefused: ${error.message}`);
    exitCode = 2;
  } else {
    console.error(`\nFailed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
} finally {
  await source?.$disconnect();
  await target?.$disconnect();
}
process.exit(exitCode);
