/**
 * Form submission benchmark, in one run, on SQLite and/or PostgreSQL:
 * - server.ts, posted as a browser with JavaScript posts (the `Next-Action` fetch) and as one
 *   without (a multipart form post, answered with the whole page);
 * - baselines: a bare node:http server calling the same submitLead(), and (SQLite, enroll)
 *   the raw driver: the same rows, emails and rate-limit counters written with better-sqlite3
 *   prepared statements behind node:http (bench/baselines/raw-submit.ts);
 * - Next's floor (SQLite, enroll; `--next-floor 0` skips it): bench/baselines/next-floor, a bare
 *   Next app whose one Server Action runs the raw saver, posted as the site's page is;
 * - in-process (SQLite, enroll): submitLead() against the raw saver, no HTTP.
 * What it measures and the figures so far: docs/performance.md.
 *
 *   npm run build && npm run bench:submissions -- [--n 3000] [--concurrency 32] [--form enroll]
 *     [--db sqlite|postgres|both] [--post js|nojs|both] [--in-process N] [--pool 10]
 *     [--emails sequential|random] [--next-floor 1|0]
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { createDb } from "../lib/db";
import { seedPrograms } from "../lib/content/seed-programs";
import { cliOptions } from "./lib/args";
import { groupCpuSeconds, machineLine } from "./lib/measure";
import { bin, emptySqliteFile, migrate, resultsPath, ROOT } from "./lib/project";
import { comparisonTable, table, type Comparison } from "./lib/report";
import { freePort, requireBuild, startBenchServer, startProcess, stopAll, stopAllOnInterrupt, waitForHttp, type AppServer } from "./lib/servers";
import { perSecond, summarize } from "./lib/stats";
import { actionFormFields } from "../tests/helpers/action-form";
import { rawEnrollSaver } from "./baselines/raw-submit";
import { NEXT_FLOOR_DIR, startBaselineApp } from "./lib/baseline-app";
import { jsActionForm, postJsAction, type JsActionForm } from "./lib/js-action-post";
import { defaultDeps } from "../lib/leads/run-form-action";
import { submitLead } from "../lib/leads/pipeline";
import { createSqliteRateLimiter, rulesFromEnv } from "../lib/rate-limit";

type Database = "sqlite" | "postgres";
type Post = "js" | "nojs";
type Args = {
  n: number;
  concurrency: number;
  form: "enroll" | "newsletter";
  databases: Database[];
  posts: Post[];
  inProcess: number;
  pool?: number;
  randomEmails: boolean;
  nextFloor: boolean;
};
function parseArgs(): Args {
  const { get, int } = cliOptions();
  const db = get("db") ?? "sqlite";
  if (!["sqlite", "postgres", "both"].includes(db)) throw new Error("--db must be sqlite, postgres or both");
  const form = get("form") ?? "enroll";
  if (form !== "enroll" && form !== "newsletter") throw new Error("--form must be enroll or newsletter");
  const post = get("post") ?? "both";
  if (!["js", "nojs", "both"].includes(post)) throw new Error("--post must be js, nojs or both");
  return {
    n: int("n", 3000, 1),
    concurrency: int("concurrency", 32, 1),
    form,
    databases: db === "both" ? ["sqlite", "postgres"] : [db as Database],
    posts: post === "both" ? ["js", "nojs"] : [post as Post],
    inProcess: int("in-process", 1000, 0),
    pool: get("pool") ? int("pool", 10, 1) : undefined,
    randomEmails: get("emails") === "random",
    nextFloor: get("next-floor") !== "0",
  };
}

const PG_SERVER = (process.env.BENCH_PG_SERVER || "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");

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
    url = `file:${emptySqliteFile(name)}`;
  } else {
    const database = `loomstack_${name.replace(/-/g, "_")}_${runId}`;
    await pgAdmin(`CREATE DATABASE "${database}"`);
    pgDatabases.push(database);
    url = `${PG_SERVER}/${database}`;
  }
  migrate(url);
  const db = createDb(url);
  await seedPrograms(db);
  await db.$disconnect();
  return url;
}

/** Every server's output, written here at the end (and kept per server, to classify failures). */
const serverLog = resultsPath(`bench-submissions-${Date.now().toString(36)}.log`);
const serverOutput: string[] = [];

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

type Result = {
  database: Database;
  label: string;
  ok: number;
  errors: number;
  seconds: number;
  latencies: number[];
  stored: number;
  causes: Record<string, number>;
  /** CPU seconds the server processes used during the run (null: not measured). */
  serverCpu: number | null;
};

async function run(
  database: Database,
  label: string,
  n: number,
  concurrency: number,
  send: (i: number) => Promise<boolean>,
  count: () => Promise<number>,
  servers: (number | undefined)[] = [],
): Promise<Result> {
  const cpu = () => {
    let sum = 0;
    for (const pid of servers) {
      const seconds = groupCpuSeconds(pid);
      if (seconds === null) return null;
      sum += seconds;
    }
    return sum;
  };
  const cpu0 = servers.length ? cpu() : null;
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
  const cpu1 = cpu0 === null ? null : cpu();
  const serverCpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  return { database, label, ok, errors, seconds, latencies, stored: await count(), causes: {}, serverCpu };
}

/** The app server (server.ts) × `count` on one fresh database, the load spread round-robin over them. */
async function benchNext(database: Database, count: number, post: Post, args: Args, runId: string): Promise<Result> {
  const formPath = args.form === "newsletter" ? "/newsletter" : "/apply";
  const url = await freshDatabase(database, `bench-next${count}-${post}`, runId);
  const fields = await fieldsFactory(url, args.form, args.randomEmails);
  const servers: { server: AppServer; hidden: [string, string][]; js: JsActionForm | null }[] = [];
  const send = (s: (typeof servers)[number], f: [string, string][]) =>
    post === "js"
      ? postJsAction(s.server.base, formPath, s.js!, [["submissionToken", randomUUID()], ["website", ""], ...f])
      : postNext(s.server.base, formPath, s.hidden, f);
  try {
    for (let k = 0; k < count; k++) servers.push({ server: await startBenchServer({ env: benchEnv(url, args) }), hidden: [], js: null });
    for (const s of servers) {
      const base = s.server.base;
      const page = await (await fetch(base + formPath)).text();
      s.hidden = actionFormFields(page).filter(([k]) => k !== "submissionToken");
      if (!s.hidden.some(([k]) => k.startsWith("$ACTION"))) throw new Error(`No Server Action fields found in ${formPath}`);
      s.js = jsActionForm(s.hidden, formPath);
      // Warm up the route (first requests compile caches).
      for (let i = 0; i < 20; i++) await send(s, fields(i, `warm${base.slice(-5)}${runId}`));
    }
    const how = post === "js" ? "JS post (Next-Action)" : "no-JS post";
    const label = count === 1 ? `server.ts ${formPath}, ${how}` : `server.ts ×${count}, round-robin, ${how}`;
    const result = await run(
      database,
      label,
      args.n,
      args.concurrency,
      (i) => send(servers[i % count], fields(i, runId)),
      () => countLeads(url, runId),
      servers.map((s) => s.server.child.pid),
    );
    result.causes = classify(servers.flatMap((s) => failuresInLog(s.server.log.join("\n"))));
    return result;
  } finally {
    await Promise.all(servers.map((s) => s.server.stop()));
    for (const s of servers) serverOutput.push(`--- ${database} ${s.server.base}\n`, ...s.server.log.map((l) => `${l}\n`));
  }
}

/** Raw-driver baseline (SQLite, enroll): the same rows with better-sqlite3 prepared statements behind node:http. */
async function benchRaw(args: Args, runId: string): Promise<Result> {
  const url = await freshDatabase("sqlite", "bench-raw", runId);
  const fields = await fieldsFactory(url, args.form, args.randomEmails);
  const port = await freePort();
  const raw = startProcess(bin("tsx"), ["bench/baselines/raw-submit-server.ts"], { ...process.env, ...benchEnv(url, args), PORT: String(port) });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/`);
    for (let i = 0; i < 20; i++) await postBaseline(base, "enroll", fields(i, `warm${runId}`));
    const failures: string[] = [];
    const result = await run(
      "sqlite",
      "raw driver: node:http + better-sqlite3",
      args.n,
      args.concurrency,
      (i) => postBaseline(base, "enroll", fields(i, runId), failures),
      () => countLeads(url, runId),
      [raw.child.pid],
    );
    result.causes = classify(failures);
    return result;
  } finally {
    await raw.stop();
    serverOutput.push(`--- sqlite raw baseline\n`, ...raw.stderr);
  }
}

/**
 * Next's own floor (SQLite, enroll): bench/baselines/next-floor, a bare Next app whose one
 * Server Action does the raw-driver baseline's work (the same saver), served by `next start`
 * and posted exactly as the site's page is (the same JS and no-JS posts).
 */
async function benchNextFloor(post: Post, args: Args, runId: string): Promise<Result> {
  const url = await freshDatabase("sqlite", `bench-floor-${post}`, runId);
  const fields = await fieldsFactory(url, args.form, args.randomEmails);
  const app = await startBaselineApp((m) => console.log(m), { dir: NEXT_FLOOR_DIR, env: benchEnv(url, args), readyPath: "/apply" });
  try {
    const page = await (await fetch(`${app.base}/apply`)).text();
    const hidden = actionFormFields(page).filter(([k]) => k !== "submissionToken");
    const js = jsActionForm(hidden, "/apply");
    const send = (f: [string, string][]) =>
      post === "js"
        ? postJsAction(app.base, "/apply", js, [["submissionToken", randomUUID()], ["website", ""], ...f])
        : postNext(app.base, "/apply", hidden, f);
    for (let i = 0; i < 20; i++) if (!(await send(fields(i, `warmf${runId}`)))) throw new Error(`next-floor: warm-up post ${i} failed`);
    const how = post === "js" ? "JS post (Next-Action)" : "no-JS post";
    return await run(
      "sqlite",
      `next-floor /apply, ${how}`,
      args.n,
      args.concurrency,
      (i) => send(fields(i, runId)),
      () => countLeads(url, runId),
      [app.pid],
    );
  } finally {
    await app.stop();
    serverOutput.push(`--- sqlite next-floor ${post}\n`, ...app.stderr);
  }
}

/**
 * In-process (SQLite, enroll), one submission at a time: submitLead() with the app's own deps
 * (Prisma, the SQLite rate-limit store) against the raw saver, no HTTP. Each on its own file.
 */
async function benchInProcess(args: Args, runId: string): Promise<Result[]> {
  const results: Result[] = [];
  const n = args.inProcess;
  const saved = <T extends { kind: string }>(o: T) => o.kind === "saved";
  {
    const url = await freshDatabase("sqlite", "bench-inproc-app", runId);
    const fields = await fieldsFactory(url, args.form, args.randomEmails);
    const env = benchEnv(url, args);
    const db = createDb(url);
    const limiter = createSqliteRateLimiter(url.slice("file:".length), rulesFromEnv(env as NodeJS.ProcessEnv));
    const deps = { ...defaultDeps(db), limiter, staffRecipients: () => [env.STAFF_EMAIL] };
    const raw = (i: number, run: string) => Object.fromEntries([...fields(i, run), ["submissionToken", randomUUID()]]);
    try {
      for (let i = 0; i < 20; i++) await submitLead(deps, "enroll", raw(i, `warm${runId}`), { ip: "127.0.0.1" });
      results.push(
        await run(
          "sqlite",
          "in-process submitLead (Prisma)",
          n,
          1,
          async (i) => saved(await submitLead(deps, "enroll", raw(i, runId), { ip: "127.0.0.1" })),
          () => countLeads(url, runId),
        ),
      );
    } finally {
      await limiter.close();
      await db.$disconnect();
    }
  }
  {
    const url = await freshDatabase("sqlite", "bench-inproc-raw", runId);
    const fields = await fieldsFactory(url, args.form, args.randomEmails);
    const env = benchEnv(url, args);
    const db = createDb(url);
    const programNames = new Map((await db.program.findMany({ select: { slug: true, name: true } })).map((p) => [p.slug, p.name]));
    await db.$disconnect();
    const saver = rawEnrollSaver(url.slice("file:".length), {
      siteUrl: defaultDeps().siteUrl,
      staffTo: [env.STAFF_EMAIL],
      programNames,
      rules: rulesFromEnv(env as NodeJS.ProcessEnv),
    });
    const raw = (i: number, run: string) => Object.fromEntries([...fields(i, run), ["submissionToken", randomUUID()]]);
    try {
      for (let i = 0; i < 20; i++) saver.save(raw(i, `warm${runId}`), "127.0.0.1");
      results.push(
        await run(
          "sqlite",
          "in-process raw driver",
          n,
          1,
          async (i) => saved(saver.save(raw(i, runId), "127.0.0.1")),
          () => countLeads(url, runId),
        ),
      );
    } finally {
      saver.close();
    }
  }
  return results;
}

/** Baseline: bare node:http + the same submitLead, driver and rate-limit store. */
async function benchBaseline(database: Database, args: Args, runId: string): Promise<Result> {
  const url = await freshDatabase(database, "bench-baseline", runId);
  const fields = await fieldsFactory(url, args.form, args.randomEmails);
  const port = await freePort();
  const baseline = startProcess(bin("tsx"), ["bench/baseline-server.ts"], { ...process.env, ...benchEnv(url, args), PORT: String(port) });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/newsletter`);
    for (let i = 0; i < 20; i++) await postBaseline(base, args.form, fields(i, `warm${runId}`));
    const failures: string[] = [];
    const result = await run(
      database,
      "baseline node:http + submitLead",
      args.n,
      args.concurrency,
      (i) => postBaseline(base, args.form, fields(i, runId), failures),
      () => countLeads(url, runId),
      [baseline.child.pid],
    );
    result.causes = classify(failures);
    return result;
  } finally {
    await baseline.stop();
    serverOutput.push(`--- ${database} baseline\n`, ...baseline.stderr);
  }
}

async function main() {
  const args = parseArgs();
  requireBuild();
  const runId = Date.now().toString(36);
  const results: Result[] = [];
  const inProcess: Result[] = [];
  stopAllOnInterrupt();
  const machine = machineLine();

  try {
    for (const database of args.databases) {
      for (const post of args.posts) results.push(await benchNext(database, 1, post, args, runId));
      if (database === "postgres") results.push(await benchNext(database, 3, args.posts[0], args, runId));
      results.push(await benchBaseline(database, args, runId));
      if (database === "sqlite" && args.form === "enroll") {
        results.push(await benchRaw(args, runId));
        if (args.nextFloor) for (const post of args.posts) results.push(await benchNextFloor(post, args, runId));
        if (args.inProcess > 0) inProcess.push(...(await benchInProcess(args, runId)));
      }
    }
  } finally {
    await stopAll();
    writeFileSync(serverLog, serverOutput.join(""));
    for (const database of pgDatabases) {
      await pgAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((e) => console.error(`could not drop ${database}:`, e));
    }
  }

  console.log(
    `\nForm: ${args.form}, N = ${args.n}, concurrency = ${args.concurrency} (in total, also with several servers), PostgreSQL pool per server: ${args.pool ?? "default (10)"}, emails: ${args.randomEmails ? "random" : "sequential"}`,
  );
  console.log(`${machine} (at the start)\n`);
  const rate = (r: Result) => perSecond(r.ok, r.seconds);
  const cpuPerSub = (r: Result) => (r.serverCpu === null || r.ok === 0 ? null : (r.serverCpu * 1000) / r.ok);
  console.log(
    table(
      ["database", "target", "subs/s", "p50 ms", "p99 ms", "server CPU ms/sub", "errors", "leads stored"],
      results.map((r) => {
        const latency = summarize(r.latencies);
        return [
          r.database,
          r.label,
          rate(r).toFixed(0),
          latency.p50.toFixed(1),
          latency.p99.toFixed(1),
          cpuPerSub(r)?.toFixed(2) ?? "-",
          String(r.errors),
          `${r.stored} of ${args.n}${r.stored === args.n ? "" : "  <-- MISMATCH"}`,
        ];
      }),
      [0, 1],
    ),
  );
  console.log("");
  for (const r of results.filter((x) => x.errors > 0)) {
    const causes = Object.entries(r.causes).map(([cause, n]) => `${n} ${cause}`);
    console.log(`errors, ${r.database} ${r.label.trim()}: ${causes.join(", ") || "no cause logged (see the response)"}`);
  }
  if (results.some((x) => x.errors > 0)) console.log(`(server logs: ${path.relative(ROOT, serverLog)})\n`);
  const find = (database: Database, test: (label: string) => boolean) => results.find((r) => r.database === database && test(r.label));
  const versus = (measure: string, a: Result | undefined, b: Result | undefined): Comparison[] => {
    if (!a || !b) return [];
    const [x, y] = [summarize(a.latencies), summarize(b.latencies)];
    return [
      { measure: `throughput, ${measure}`, value: rate(a), baseline: rate(b), unit: "subs/s", higherIsBetter: true },
      { measure: `p50 latency, ${measure}`, value: x.p50, baseline: y.p50, unit: "ms", higherIsBetter: false, decimals: 1 },
      { measure: `p99 latency, ${measure}`, value: x.p99, baseline: y.p99, unit: "ms", higherIsBetter: false, decimals: 1 },
      ...(cpuPerSub(a) !== null && cpuPerSub(b) !== null
        ? [{ measure: `server CPU per submission, ${measure}`, value: cpuPerSub(a)!, baseline: cpuPerSub(b)!, unit: "ms", higherIsBetter: false, decimals: 2 }]
        : []),
    ];
  };
  for (const database of args.databases) {
    const js = find(database, (l) => l.startsWith("server.ts /") && l.includes("JS post"));
    const nojs = find(database, (l) => l.startsWith("server.ts /") && l.includes("no-JS"));
    const three = find(database, (l) => l.includes("×3"));
    const base = find(database, (l) => l.startsWith("baseline"));
    const raw = find(database, (l) => l.startsWith("raw driver"));
    if (base) {
      const c = [...versus("JS post", js, base), ...versus("no-JS post", nojs, base)];
      if (three) c.push({ measure: "throughput, 3 servers", value: rate(three), baseline: rate(base), unit: "subs/s", higherIsBetter: true });
      if (c.length) console.log(`\n${comparisonTable(`${database}: server.ts against submitLead behind node:http`, base.label, c)}`);
    }
    if (raw) {
      const c = [...versus("JS post", js, raw), ...versus("no-JS post", nojs, raw), ...versus("submitLead + node:http", base, raw)];
      if (c.length)
        console.log(
          `\n${comparisonTable(`${database}: against the raw driver (targets: JS post ≥ 0.50× throughput and p99 ≤ 2×; no-JS ≥ 0.25×)`, raw.label, c)}`,
        );
    }
    const floorJs = find(database, (l) => l.startsWith("next-floor") && l.includes("JS post"));
    const floorNojs = find(database, (l) => l.startsWith("next-floor") && l.includes("no-JS"));
    if (floorJs ?? floorNojs) {
      const c = [...versus("JS post", js, floorJs), ...versus("no-JS post", nojs, floorNojs)];
      if (c.length) console.log(`\n${comparisonTable(`${database}: server.ts against Next's floor (the raw saver in one Server Action)`, "next-floor", c)}`);
    }
    if (raw && (floorJs ?? floorNojs)) {
      const c = [...versus("next-floor JS post", floorJs, raw), ...versus("next-floor no-JS post", floorNojs, raw)];
      console.log(`\n${comparisonTable(`${database}: Next's floor against the raw driver (what Server Actions leave of it)`, raw.label, c)}`);
    }
    const one = js ?? nojs;
    if (one && three) console.log(`${database}: 3 servers ÷ 1 server throughput: ${(rate(three) / rate(one)).toFixed(2)}`);
  }
  const [app, rawInProcess] = inProcess;
  if (app && rawInProcess) {
    console.log(
      `\n${table(
        ["in-process, one at a time (SQLite)", "subs/s", "ms each", "errors", "leads stored"],
        inProcess.map((r) => [r.label, rate(r).toFixed(0), (1000 / rate(r)).toFixed(2), String(r.errors), `${r.stored} of ${args.inProcess}`]),
      )}`,
    );
    console.log(
      `\n${comparisonTable("in-process: submitLead against the raw saver (target ≥ 0.30×)", rawInProcess.label, [
        { measure: "throughput, one at a time", value: rate(app), baseline: rate(rawInProcess), unit: "subs/s", higherIsBetter: true },
      ])}`,
    );
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
