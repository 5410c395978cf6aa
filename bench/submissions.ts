/**
 * Form submission benchmark, on SQLite (the default) and/or PostgreSQL.
 *
 *   npm run build && npx tsx bench/submissions.ts [--n 3000] [--concurrency 32] [--form enroll] [--db sqlite|postgres|both] [--pool 10] [--emails sequential|random]
 *
 * For each database chosen:
 * 1. Makes a fresh, migrated, seeded database for each target (SQLite: a file in
 *    bench-results/; PostgreSQL: a database on BENCH_PG_SERVER, default
 *    postgresql://postgres@127.0.0.1:5432, dropped at the end).
 * 2. Starts the app server (server.ts, as `npm start` does) on it and posts N submissions the way a browser without JavaScript
 *    does: it loads the form page, copies the form's hidden fields (React's Server Action
 *    ids and the submission token), and posts multipart/form-data with a unique email each,
 *    `concurrency` requests in flight.
 * 3. On PostgreSQL, does the same against THREE app server processes on one database,
 *    the requests spread round-robin over them with the same total concurrency (what a
 *    load balancer in front of several app servers does). They share the machine's cores,
 *    so this measures the cost of running several servers here, not a cluster's capacity.
 * 4. In the same run, posts the same submissions to a bare node:http server that calls the
 *    same submitLead() through the same Prisma driver and rate-limit store (the baseline).
 * 5. Prints submissions/s, p50 and p99 latency, errors, and counts leads in each database
 *    (exactly N expected: none lost, none duplicated), then the ratios.
 *
 * Rate limits stay on but are raised (RATE_LIMIT_IP/RATE_LIMIT_IDENTITY), since every
 * request comes from one IP; on PostgreSQL they use the PostgreSQL store (REDIS_URL is
 * ignored here). The build is read from NEXT_DIST_DIR (default .next). `--pool` sets
 * DATABASE_POOL_MAX (PostgreSQL connections per server process; the app's default is 10).
 * `--emails random` puts a random part at the start of each address (real sign-ups are
 * spread over the email index); the default `sequential` (bench-<run>-1@, -2@, …) puts
 * concurrent new contacts next to each other in that index, the worst case for
 * PostgreSQL's SERIALIZABLE page-level predicate locks.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { Client } from "pg";
import { createDb } from "../lib/db";
import { seedPrograms } from "../lib/content/seed-programs";

type Database = "sqlite" | "postgres";
type Args = { n: number; concurrency: number; form: "enroll" | "newsletter"; databases: Database[]; pool?: number; randomEmails: boolean };
function parseArgs(): Args {
  const get = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const db = get("db") ?? "sqlite";
  if (!["sqlite", "postgres", "both"].includes(db)) throw new Error("--db must be sqlite, postgres or both");
  return {
    n: Number(get("n") ?? 3000),
    concurrency: Number(get("concurrency") ?? 32),
    form: (get("form") ?? "enroll") as Args["form"],
    databases: db === "both" ? ["sqlite", "postgres"] : [db as Database],
    pool: get("pool") ? Number(get("pool")) : undefined,
    randomEmails: get("emails") === "random",
  };
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const distDir = process.env.NEXT_DIST_DIR || ".next";
const PG_SERVER = (process.env.BENCH_PG_SERVER || "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** PostgreSQL databases made by this run, dropped at the end. */
const pgDatabases: string[] = [];

async function pgAdmin(sql: string) {
  const c = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated, seeded database; returns its DATABASE_URL. */
async function freshDatabase(kind: Database, name: string, runId: string): Promise<string> {
  let url: string;
  if (kind === "sqlite") {
    const dir = path.join(root, "bench-results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.db`);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    url = `file:${file}`;
  } else {
    const database = `loomstack_${name.replace(/-/g, "_")}_${runId}`;
    await pgAdmin(`CREATE DATABASE "${database}"`);
    pgDatabases.push(database);
    url = `${PG_SERVER}/${database}`;
  }
  execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const db = createDb(url);
  await seedPrograms(db);
  await db.$disconnect();
  return url;
}

async function waitFor(url: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

const children = new Set<ChildProcess>();
/** The servers' stderr goes to this file (and is kept per server, to classify failures). */
const serverLog = path.join(root, "bench-results", `bench-submissions-${Date.now().toString(36)}.log`);
const stderrOf = new Map<ChildProcess, string[]>();

function start(cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  mkdirSync(path.dirname(serverLog), { recursive: true });
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  children.add(child);
  const text: string[] = [];
  stderrOf.set(child, text);
  child.stderr!.on("data", (chunk: Buffer) => {
    text.push(chunk.toString("utf8"));
    appendFileSync(serverLog, chunk);
  });
  return child;
}

/** Why submissions failed, from a server's log ("[forms] … submission failed") or a baseline's 500 bodies. */
function classify(failures: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of failures) {
    const cause = /out of shared memory/.test(f)
      ? "out of shared memory (53200)"
      : /RWConflictPool/.test(f)
        ? "RWConflictPool full (53200)"
        : /write conflict|WriteConflict|40001|could not serialize|deadlock/i.test(f)
          ? "serialization conflict, retries used up"
          : "other";
    out[cause] = (out[cause] ?? 0) + 1;
  }
  return out;
}
const failuresInLog = (text: string) => text.split(/\[forms\] \w+ submission failed/).slice(1);

async function stop(child: ChildProcess) {
  children.delete(child);
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

const benchEnv = (url: string, args: Args) => {
  const env: Record<string, string> = {
    DATABASE_URL: url,
    NEXT_TELEMETRY_DISABLED: "1",
    RATE_LIMIT_IP: "100000000/60",
    RATE_LIMIT_IDENTITY: "100000000/60",
    STAFF_EMAIL: "admissions@loomstack.example",
    // Measure the submissions alone, like the baseline (the in-app email dispatcher would
    // otherwise render and deliver 2N emails on the same 2 cores during the run).
    EMAIL_DISPATCHER: "off",
    // The rate limits use the database's own store, not Redis.
    REDIS_URL: "",
  };
  if (args.pool) env.DATABASE_POOL_MAX = String(args.pool);
  return env;
};

/** Fields for submission i of the chosen form (without the page's hidden fields). */
async function fieldsFactory(url: string, form: Args["form"], randomEmails = false) {
  const db = createDb(url);
  const cohort = await db.cohort.findFirstOrThrow({ where: { status: "open", startDate: { gt: new Date() } }, include: { program: true } });
  await db.$disconnect();
  const email = (i: number, run: string) => `${randomEmails ? `${randomUUID().slice(0, 8)}.` : ""}bench-${run}-${i}@example.com`;
  return (i: number, run: string): [string, string][] =>
    form === "newsletter"
      ? [
          ["email", email(i, run)],
          ["consent", "on"],
        ]
      : [
          ["name", `Bench Person ${i}`],
          ["email", email(i, run)],
          ["phone", "+1 415 555 0132"],
          ["program", cohort.program.slug],
          ["cohort", cohort.id],
          ["paymentOption", "instalments"],
          ["experience", "beginner"],
          ["goals", "Benchmarking the application form."],
          ["consent", "on"],
        ];
}

/** The hidden inputs of the first <form> on a page: React's action fields, the token, the honeypot. */
function hiddenFields(html: string): [string, string][] {
  const form = /<form[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const out: [string, string][] = [];
  for (const tag of form.match(/<input[^>]*>/g) ?? []) {
    const attr = (n: string) => new RegExp(`\\s${n}="([^"]*)"`).exec(tag)?.[1];
    if (attr("type") !== "hidden" || !attr("name")) continue;
    out.push([decode(attr("name")!), decode(attr("value") ?? "")]);
  }
  return out;
}
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

type Result = { database: Database; label: string; ok: number; errors: number; seconds: number; latencies: number[]; stored: number; causes: Record<string, number> };

async function run(
  database: Database,
  label: string,
  n: number,
  concurrency: number,
  send: (i: number) => Promise<boolean>,
  count: () => Promise<number>,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        try {
          if (await send(i)) ok++;
          else errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { database, label, ok, errors, seconds, latencies: latencies.sort((a, b) => a - b), stored: await count(), causes: {} };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** The app server (server.ts) × `count` on one fresh database, the load spread round-robin over them. */
async function benchNext(database: Database, count: number, args: Args, runId: string): Promise<Result> {
  const formPath = args.form === "newsletter" ? "/newsletter" : "/apply";
  const url = await freshDatabase(database, `bench-next${count}`, runId);
  const fields = await fieldsFactory(url, args.form, args.randomEmails);
  const servers: { base: string; child: ChildProcess; hidden: [string, string][] }[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const port = await freePort();
      const child = start(process.execPath, ["--import", "tsx", "server.ts", "-p", String(port), "-H", "127.0.0.1"], benchEnv(url, args));
      servers.push({ base: `http://127.0.0.1:${port}`, child, hidden: [] });
    }
    for (const s of servers) {
      await waitFor(`${s.base}/robots.txt`);
      const page = await (await fetch(s.base + formPath)).text();
      s.hidden = hiddenFields(page).filter(([k]) => k !== "submissionToken");
      if (!s.hidden.some(([k]) => k.startsWith("$ACTION"))) throw new Error(`No Server Action fields found in ${formPath}`);
      // Warm up the route (first requests compile caches).
      for (let i = 0; i < 20; i++) await postNext(s.base, formPath, s.hidden, fields(i, `warm${s.base.slice(-5)}${runId}`));
    }
    const label = count === 1 ? `server.ts ${formPath} (no-JS post)` : `server.ts ×${count}, round-robin`;
    const result = await run(
      database,
      label,
      args.n,
      args.concurrency,
      (i) => {
        const s = servers[i % count];
        return postNext(s.base, formPath, s.hidden, fields(i, runId));
      },
      () => countLeads(url, runId),
    );
    result.causes = classify(servers.flatMap((s) => failuresInLog((stderrOf.get(s.child) ?? []).join(""))));
    return result;
  } finally {
    await Promise.all(servers.map((s) => stop(s.child)));
  }
}

/** Baseline: bare node:http + the same submitLead, driver and rate-limit store. */
async function benchBaseline(database: Database, args: Args, runId: string): Promise<Result> {
  const url = await freshDatabase(database, "bench-baseline", runId);
  const fields = await fieldsFactory(url, args.form, args.randomEmails);
  const port = await freePort();
  const baseline = start(bin("tsx"), ["bench/baseline-server.ts"], { ...benchEnv(url, args), PORT: String(port) });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/newsletter`);
    for (let i = 0; i < 20; i++) await postBaseline(base, args.form, fields(i, `warm${runId}`));
    const failures: string[] = [];
    const result = await run(
      database,
      "baseline node:http + submitLead",
      args.n,
      args.concurrency,
      (i) => postBaseline(base, args.form, fields(i, runId), failures),
      () => countLeads(url, runId),
    );
    result.causes = classify(failures);
    return result;
  } finally {
    await stop(baseline);
  }
}

async function main() {
  const args = parseArgs();
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.error(`No production build in ${distDir}: run \`npm run build\` first (or set NEXT_DIST_DIR).`);
    process.exit(1);
  }
  const runId = Date.now().toString(36);
  const results: Result[] = [];
  process.on("SIGINT", () => {
    for (const c of children) void stop(c);
    process.exit(130);
  });

  try {
    for (const database of args.databases) {
      results.push(await benchNext(database, 1, args, runId));
      if (database === "postgres") results.push(await benchNext(database, 3, args, runId));
      results.push(await benchBaseline(database, args, runId));
    }
  } finally {
    await Promise.all([...children].map(stop));
    for (const database of pgDatabases) {
      await pgAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${database}:`, e));
    }
  }

  console.log(
    `\nForm: ${args.form}, N = ${args.n}, concurrency = ${args.concurrency} (in total, also with several servers), PostgreSQL pool per server: ${args.pool ?? "default (10)"}, emails: ${args.randomEmails ? "random" : "sequential"}\n`,
  );
  console.log("database   | target                               | subs/s | p50 ms | p99 ms | errors | leads stored");
  console.log("-----------|--------------------------------------|--------|--------|--------|--------|-------------");
  for (const r of results) {
    console.log(
      `${r.database.padEnd(11)}| ${r.label.padEnd(37)}| ${(r.ok / r.seconds).toFixed(0).padStart(6)} | ${pct(r.latencies, 50).toFixed(1).padStart(6)} | ${pct(
        r.latencies,
        99,
      )
        .toFixed(1)
        .padStart(6)} | ${String(r.errors).padStart(6)} | ${String(r.stored).padStart(5)} of ${args.n}${r.stored === args.n ? "" : "  <-- MISMATCH"}`,
    );
  }
  const rate = (r: Result) => r.ok / r.seconds;
  console.log("");
  for (const r of results.filter((x) => x.errors > 0)) {
    const causes = Object.entries(r.causes).map(([cause, n]) => `${n} ${cause}`);
    console.log(`errors, ${r.database} ${r.label.trim()}: ${causes.join(", ") || "no cause logged (see the response)"}`);
  }
  if (results.some((x) => x.errors > 0)) console.log(`(server logs: ${path.relative(root, serverLog)})\n`);
  for (const database of args.databases) {
    const [one, ...rest] = results.filter((r) => r.database === database);
    const base = rest.find((r) => r.label.startsWith("baseline"));
    const three = rest.find((r) => r.label.includes("×3"));
    if (one && base) console.log(`${database}: Next.js (1 server) / baseline throughput: ${(rate(one) / rate(base)).toFixed(2)}`);
    if (one && three) console.log(`${database}: Next.js 3 servers / 1 server throughput: ${(rate(three) / rate(one)).toFixed(2)}`);
  }
}

async function postNext(base: string, formPath: string, hidden: [string, string][], fields: [string, string][]): Promise<boolean> {
  const body = new FormData();
  for (const [k, v] of hidden) body.append(k, v);
  body.append("submissionToken", randomUUID());
  for (const [k, v] of fields) body.append(k, v);
  // Browsers send Origin with a form post; Next checks it against Host for Server Actions.
  const res = await fetch(base + formPath, { method: "POST", body, headers: { accept: "text/html", origin: base } });
  const html = await res.text();
  return res.ok && /role="status"/.test(html) && !/Please correct|went wrong|try again in/.test(html);
}

async function postBaseline(base: string, form: string, fields: [string, string][], failures: string[] = []): Promise<boolean> {
  const body = new URLSearchParams([...fields, ["submissionToken", randomUUID()]]);
  const res = await fetch(`${base}/${form}`, { method: "POST", body });
  const text = await res.text();
  if (!res.ok) failures.push(text);
  return res.ok;
}

async function countLeads(url: string, runId: string): Promise<number> {
  const db = createDb(url);
  try {
    return await db.lead.count({ where: { email: { contains: `bench-${runId}-` } } });
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
