/**
 * The console dashboard on PostgreSQL at 1,000,000 leads: the whole page for the last 30 and
 * the last 366 days, read from the rollups (lib/console/dashboard.ts, the app's code) against
 * the same page read from "Lead" alone (the raw query: the same answer, the baseline), in the
 * same run, p50 and p95, and a check that both answers are equal. The SQLite figures come from
 * `npm run bench:console`; what both measure and the figures so far: docs/performance.md.
 *
 *   npm run bench:dashboard-pg -- [--leads 1000000] [--runs 60] [--raw-runs 6] [--reuse] [--keep]
 *
 * The leads are written by PostgreSQL itself (generate_series, setseed for a repeatable
 * spread) with the rollup triggers off, then the rollups are counted once, as `npm run
 * db:rebuild-rollups` does. The dashboard reads only "Lead", the rollups and staff names, so
 * the rows carry what it reads: form, status, owner, source, article, CTA, arrival and
 * first-contact times. The database is `bench_dashboard_<leads>` on TEST_PG_SERVER; it is
 * dropped at the end unless --keep.
 */
import pg from "pg";
import { createDb } from "../lib/db";
import { loadDashboard, parseDashboardRange } from "../lib/console/dashboard";
import { rollupRebuildSql, rollupTriggerSql } from "../lib/console/rollup-sql";
import { cliOptions } from "./lib/args";
import { FORM_WEIGHTS, SOURCES, STATUS_WEIGHTS } from "./lib/lead-mix";
import { machineLine } from "./lib/measure";
import { migrate } from "./lib/project";
import { comparisonTable, table, type Comparison } from "./lib/report";
import { summarize } from "./lib/stats";

const SERVER = process.env.TEST_PG_SERVER || "postgresql://postgres@127.0.0.1:5432";

const opts = cliOptions();
const leads = opts.int("leads", 1_000_000, 1000);
const runs = opts.int("runs", 60, 1);
const rawRuns = opts.int("raw-runs", 6, 1);
const args = { reuse: opts.has("reuse"), keep: opts.has("keep") };

const name = `bench_dashboard_${leads}`;
const url = `${SERVER}/${name}`;

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

async function existingCount(): Promise<number | null> {
  const exists = await admin((c) => c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]));
  if (!exists.rowCount) return null;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(`SELECT count(*) AS n FROM "Lead"`)).rows[0].n);
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

/** Cumulative thresholds for a weighted pick from one random() per row, as SQL CASE arms. */
function pick(column: string, weights: [string, number][]): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const arms = weights.map(([value, w], i) => {
    acc += w;
    return i === weights.length - 1 ? `ELSE '${value}'` : `WHEN ${column} < ${(acc / total).toFixed(6)} THEN '${value}'`;
  });
  return `CASE ${arms.join(" ")} END`;
}

// The same shares as bench/console.ts's SQLite seed (bench/lib/lead-mix.ts); "" is no source.
const FORMS = FORM_WEIGHTS.filter(([, w]) => w > 0);
const STATUSES: [string, number][] = STATUS_WEIGHTS;
const SOURCE_SHARES: [string, number][] = SOURCES.map(([s, w]) => [s ?? "", w]);
const ARTICLES: [string, number][] = [
  ["", 60],
  ["/careers/machine-learning-engineer", 20],
  ["/careers/machine-learning-engineer/salary", 10],
  ["/careers/machine-learning-engineer/skills", 10],
];

async function seed(nowMs: number): Promise<number> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  migrate(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    await c.query("BEGIN");
    for (const s of rollupTriggerSql("postgres").filter((s) => s.startsWith("DROP"))) await c.query(s);
    await c.query(
      `INSERT INTO "user" ("id", "name", "email", "role", "emailVerified", "createdAt", "updatedAt")
       SELECT 'bench-staff-' || i, (ARRAY['Avery Admissions','Blake Bennett','Casey Chen','Devon Diaz','Emery Evans'])[i],
              'staff' || i || '@loomstack.example', CASE WHEN i = 1 THEN 'admin' ELSE 'staff' END, true, now(), now()
       FROM generate_series(1, 5) i`,
    );
    await c.query(`INSERT INTO "Contact" ("id", "referralCode", "createdAt", "updatedAt") VALUES ('bench-contact', 'RBENCH', now(), now())`);
    await c.query(`SELECT setseed(0.42)`);
    // One row of random draws per lead; the arrival is spread over the last 365 days.
    await c.query(
      `INSERT INTO "Lead" ("id", "contactId", "formType", "status", "fields", "ownerId", "utmSource", "article", "cta",
                           "statusChangedAt", "firstContactedAt", "submissionToken", "createdAt", "updatedAt")
       SELECT 'bl' || lpad(x.g::text, 9, '0'), 'bench-contact', x.form, x.status, '{}',
              CASE WHEN x.status <> 'new' OR x.ro < 0.1 THEN 'bench-staff-' || (1 + floor(x.rw * 5))::int END,
              NULLIF(x.source, ''), NULLIF(x.article, ''), CASE WHEN x.article <> '' THEN 'cta-' || (1 + floor(x.rc * 3))::int END,
              x.contacted, x.contacted, 'bench-' || x.g, x.created, COALESCE(x.contacted, x.created)
       FROM (
         SELECT y.*, CASE WHEN y.status <> 'new' THEN y.created + (1 + floor(y.rh * 72)) * interval '1 hour' END AS contacted
         FROM (
           SELECT g, ${pick("rf", FORMS)} AS form, ${pick("rs", STATUSES)} AS status, ${pick("ru", SOURCE_SHARES)} AS source,
                  ${pick("ra", ARTICLES)} AS article, ro, rw, rc, rh,
                  (to_timestamp($2::double precision / 1000) AT TIME ZONE 'UTC') - rt * interval '365 days' AS created
           FROM (SELECT g, random() rf, random() rs, random() ru, random() ra, random() ro, random() rw, random() rc,
                        random() rh, random() rt FROM generate_series(1, $1::int) g) r
         ) y
       ) x`,
      [leads, nowMs],
    );
    for (const s of [...rollupTriggerSql("postgres"), ...rollupRebuildSql("postgres")]) await c.query(s);
    await c.query("COMMIT");
    await c.query(`ANALYZE`);
  } finally {
    await c.end();
  }
  return (performance.now() - t0) / 1000;
}

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function main() {
  const nowMs = Date.now();
  let seedSeconds: number | null = null;
  if (args.reuse && (await existingCount()) === leads) process.stderr.write(`reusing ${name} (${leads} leads)\n`);
  else {
    process.stderr.write(`seeding ${leads.toLocaleString("en-US")} leads into ${name}…\n`);
    seedSeconds = await seed(nowMs);
    process.stderr.write(`  seeded and rolled up in ${seedSeconds.toFixed(1)} s\n`);
  }
  const db = createDb(url);
  const now = new Date(nowMs);
  const last = (days: number) => parseDashboardRange({ from: dayString(nowMs - (days - 1) * 86_400_000), to: dayString(nowMs) }, now);
  const comparisons: Comparison[] = [];
  const rows: string[][] = [];
  const mismatches: string[] = [];
  try {
    for (const days of [30, 366]) {
      const range = last(days);
      const time = async (mode: "rollup" | "raw", n: number) => {
        await loadDashboard(db, range, now, mode); // warm-up, not counted
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await loadDashboard(db, range, now, mode);
          ms.push(performance.now() - t);
        }
        return summarize(ms);
      };
      const fast = await time("rollup", runs);
      const raw = await time("raw", rawRuns);
      const [a, b] = await Promise.all([loadDashboard(db, range, now), loadDashboard(db, range, now, "raw")]);
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`last ${days} d`);
      const target = days === 30 ? 50 : 200;
      rows.push([`last ${days} d`, String(fast.n), fast.p50.toFixed(1), fast.p95.toFixed(1), `${target}`, fast.p95 < target ? "yes" : "NO"]);
      comparisons.push({ measure: `whole page, last ${days} d, p50`, value: fast.p50, baseline: raw.p50, unit: "ms", higherIsBetter: false, decimals: 1 });
      comparisons.push({ measure: `whole page, last ${days} d, p95`, value: fast.p95, baseline: raw.p95, unit: "ms", higherIsBetter: false, decimals: 1 });
    }
  } finally {
    await db.$disconnect();
  }
  console.log(`\n# Dashboard on PostgreSQL, ${leads.toLocaleString("en-US")} leads`);
  console.log(machineLine());
  if (seedSeconds !== null) console.log(`seed and rollup rebuild: ${seedSeconds.toFixed(1)} s`);
  console.log(`\n${table(["range", "runs", "p50 ms", "p95 ms", "target p95 ms", "met"], rows)}`);
  console.log(`\n${comparisonTable("The dashboard from its rollups against the raw query", 'the same dashboard read from "Lead" alone', comparisons)}`);
  if (!args.keep) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  if (mismatches.length) {
    console.log(`\nFAILED: the dashboard from the rollups differs from the raw query's for: ${mismatches.join(", ")}.`);
    process.exit(1);
  }
  console.log("\nThe rollups' answers equal the raw query's for both ranges.");
}

await main();
