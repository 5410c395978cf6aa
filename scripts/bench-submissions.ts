/**
 * Form submission benchmark (SQLite by default).
 *
 *   npm run build && npx tsx scripts/bench-submissions.ts [--n 3000] [--concurrency 32] [--form enroll]
 *
 * 1. Makes a fresh, migrated, seeded database in bench-results/.
 * 2. Starts `next start` on it and posts N submissions the way a browser without JavaScript
 *    does: it loads the form page, copies the form's hidden fields (React's Server Action
 *    ids and the submission token), and posts multipart/form-data with a unique email each,
 *    `concurrency` requests in flight.
 * 3. In the same run, posts the same submissions to a bare node:http server that calls the
 *    same submitLead() through the same Prisma + better-sqlite3 driver (the baseline).
 * 4. Prints submissions/s, p50 and p99 latency, errors, and counts leads in each database
 *    (exactly N expected: none lost, none duplicated), then the Next/baseline ratio.
 *
 * Rate limits stay on but are raised (RATE_LIMIT_IP/RATE_LIMIT_IDENTITY), since every
 * request comes from one IP.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { createDb } from "../lib/db";
import { seedPrograms } from "../lib/content/seed-programs";

type Args = { n: number; concurrency: number; form: "enroll" | "newsletter" };
function parseArgs(): Args {
  const get = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  return {
    n: Number(get("n") ?? 3000),
    concurrency: Number(get("concurrency") ?? 32),
    form: (get("form") ?? "enroll") as Args["form"],
  };
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function freshDatabase(name: string): Promise<string> {
  const dir = path.join(root, "bench-results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  const db = createDb(`file:${file}`);
  await seedPrograms(db);
  await db.$disconnect();
  return file;
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

function start(cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  return child;
}

function stop(child: ChildProcess) {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

const benchEnv = (file: string) => ({
  DATABASE_URL: `file:${file}`,
  NEXT_TELEMETRY_DISABLED: "1",
  RATE_LIMIT_IP: "100000000/60",
  RATE_LIMIT_IDENTITY: "100000000/60",
  STAFF_EMAIL: "admissions@loomstack.example",
  // Measure the submissions alone, like the baseline (the in-app email dispatcher would
  // otherwise render and deliver 2N emails on the same 2 cores during the run).
  EMAIL_DISPATCHER: "off",
});

/** Fields for submission i of the chosen form (without the page's hidden fields). */
async function fieldsFactory(file: string, form: Args["form"]) {
  const db = createDb(`file:${file}`);
  const cohort = await db.cohort.findFirstOrThrow({ where: { status: "open", startDate: { gt: new Date() } }, include: { program: true } });
  await db.$disconnect();
  return (i: number, run: string): [string, string][] =>
    form === "newsletter"
      ? [
          ["email", `bench-${run}-${i}@example.com`],
          ["consent", "on"],
        ]
      : [
          ["name", `Bench Person ${i}`],
          ["email", `bench-${run}-${i}@example.com`],
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

type Result = { label: string; ok: number; errors: number; seconds: number; latencies: number[]; stored: number };

async function run(label: string, n: number, concurrency: number, send: (i: number) => Promise<boolean>, count: () => Promise<number>): Promise<Result> {
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
  return { label, ok, errors, seconds, latencies: latencies.sort((a, b) => a - b), stored: await count() };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main() {
  const args = parseArgs();
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build in .next: run `npm run build` first.");
    process.exit(1);
  }
  const runId = Date.now().toString(36);
  const formPath = args.form === "newsletter" ? "/newsletter" : "/apply";
  const results: Result[] = [];
  const children: ChildProcess[] = [];
  process.on("SIGINT", () => {
    children.forEach(stop);
    process.exit(130);
  });

  try {
    // --- Next.js, posting like a browser without JavaScript
    const nextDb = await freshDatabase("bench-next");
    const fields = await fieldsFactory(nextDb, args.form);
    const nextPort = await freePort();
    const next = start(bin("next"), ["start", "-p", String(nextPort), "-H", "127.0.0.1"], benchEnv(nextDb));
    children.push(next);
    const base = `http://127.0.0.1:${nextPort}`;
    await waitFor(`${base}/robots.txt`);
    const page = await (await fetch(base + formPath)).text();
    const hidden = hiddenFields(page).filter(([k]) => k !== "submissionToken");
    if (!hidden.some(([k]) => k.startsWith("$ACTION"))) throw new Error(`No Server Action fields found in ${formPath}`);
    // Warm up the route (first requests compile caches).
    for (let i = 0; i < 20; i++) await postNext(base, formPath, hidden, fields(i, `warm${runId}`));
    results.push(
      await run(
        `next start ${formPath} (no-JS post)`,
        args.n,
        args.concurrency,
        (i) => postNext(base, formPath, hidden, fields(i, runId)),
        () => countLeads(nextDb, runId),
      ),
    );
    stop(next);

    // --- Baseline: bare node:http + the same submitLead and driver
    const baseDb = await freshDatabase("bench-baseline");
    const baseFields = await fieldsFactory(baseDb, args.form);
    const basePort = await freePort();
    const baseline = start(bin("tsx"), ["scripts/bench-baseline-server.ts"], { ...benchEnv(baseDb), PORT: String(basePort) });
    children.push(baseline);
    const baseUrl = `http://127.0.0.1:${basePort}`;
    await waitFor(`${baseUrl}/newsletter`);
    for (let i = 0; i < 20; i++) await postBaseline(baseUrl, args.form, baseFields(i, `warm${runId}`));
    results.push(
      await run(
        "baseline node:http + submitLead",
        args.n,
        args.concurrency,
        (i) => postBaseline(baseUrl, args.form, baseFields(i, runId)),
        () => countLeads(baseDb, runId),
      ),
    );
    stop(baseline);
  } finally {
    children.forEach(stop);
  }

  console.log(`\nForm: ${args.form}, N = ${args.n}, concurrency = ${args.concurrency}, database: SQLite\n`);
  console.log("target                               | subs/s | p50 ms | p99 ms | errors | leads stored");
  console.log("-------------------------------------|--------|--------|--------|--------|-------------");
  for (const r of results) {
    console.log(
      `${r.label.padEnd(37)}| ${(r.ok / r.seconds).toFixed(0).padStart(6)} | ${pct(r.latencies, 50).toFixed(1).padStart(6)} | ${pct(r.latencies, 99)
        .toFixed(1)
        .padStart(6)} | ${String(r.errors).padStart(6)} | ${String(r.stored).padStart(5)} of ${args.n}${r.stored === args.n ? "" : "  <-- MISMATCH"}`,
    );
  }
  if (results.length === 2) {
    const [a, b] = results;
    console.log(`\nNext.js / baseline throughput: ${((a.ok / a.seconds) / (b.ok / b.seconds)).toFixed(2)}`);
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

async function postBaseline(base: string, form: string, fields: [string, string][]): Promise<boolean> {
  const body = new URLSearchParams([...fields, ["submissionToken", randomUUID()]]);
  const res = await fetch(`${base}/${form}`, { method: "POST", body });
  await res.text();
  return res.ok;
}

async function countLeads(file: string, runId: string): Promise<number> {
  const db = createDb(`file:${file}`);
  try {
    return await db.lead.count({ where: { email: { startsWith: `bench-${runId}-` } } });
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
