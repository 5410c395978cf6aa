/**
 * Email outbox benchmark (SQLite): how fast dispatcher processes drain a full outbox, and
 * whether every message goes out exactly once. Per mode, in one run: the project's dispatcher
 * (`email:dispatch --once`), the "before" dispatcher (as it was before issue 16), the "raw"
 * baseline (the project's claim, send and record with no rendering), each as one process, then
 * `--workers` processes of the project's. Exits 1 if anything is lost, duplicated or sent
 * twice. What it measures and the figures so far: docs/performance.md.
 *
 *   npm run bench:email -- [--n 10000] [--workers 2] [--batch 50] [--concurrency 16]
 *                          [--latency 0] [--mode resend|mailbox|both]
 */
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "../lib/db";
import type { Prisma } from "../lib/generated/prisma/client";
import { EMAIL_TEMPLATES, UNSUBSCRIBE_TEMPLATES } from "../lib/email/templates/catalog";
import { EMAIL_SAMPLES } from "../lib/email/render";
import { startFakeResend, type FakeResend } from "../tests/helpers/fake-resend";
import { cliOptions } from "./lib/args";
import { machineLine } from "./lib/measure";
import { bin, emptySqliteFile, migrate } from "./lib/project";
import { comparisonTable, table, type Comparison } from "./lib/report";
import { startProcess, stopAll, stopAllOnInterrupt } from "./lib/servers";
import { perSecond } from "./lib/stats";

type Mode = "resend" | "mailbox";
/** project: scripts/email-dispatch.ts; before and raw: bench/lib/email-dispatch-variant.ts. */
type Kind = "project" | "before" | "raw";
type Args = { n: number; workers: number; batch: number; concurrency: number; latency: number; modes: Mode[] };

function parseArgs(): Args {
  const { get, int } = cliOptions();
  const mode = get("mode") ?? "both";
  if (mode !== "resend" && mode !== "mailbox" && mode !== "both") throw new Error("--mode must be resend, mailbox or both");
  return {
    n: int("n", 10_000, 1),
    workers: int("workers", 2, 1),
    batch: int("batch", 50, 1),
    concurrency: int("concurrency", 16, 1),
    latency: int("latency", 0, 0),
    modes: mode === "both" ? ["resend", "mailbox"] : [mode],
  };
}

const API_KEY = "re_test_key"; // the fake's default
const QUEUE_CHUNK = 500;

async function freshDatabase(name: string): Promise<string> {
  const file = emptySqliteFile(name);
  migrate(`file:${file}`);
  return file;
}

/** Queues N messages, cycling through the templates; returns the seconds it took. */
async function queueMessages(db: Db, n: number, runId: string): Promise<number> {
  const t0 = performance.now();
  for (let start = 0; start < n; start += QUEUE_CHUNK) {
    const rows: Prisma.EmailMessageCreateManyInput[] = [];
    for (let i = start; i < Math.min(n, start + QUEUE_CHUNK); i++) {
      const template = EMAIL_TEMPLATES[i % EMAIL_TEMPLATES.length];
      rows.push({
        toAddress: `bench-${i}@example.com`,
        template,
        data: JSON.stringify(EMAIL_SAMPLES[template].data),
        category: template === "referral-invitation" ? "marketing" : "transactional",
        idempotencyKey: `bench-${runId}-${i}`,
        unsubscribeToken: UNSUBSCRIBE_TEMPLATES.has(template) ? randomBytes(24).toString("base64url") : null,
      });
    }
    // Every write in a transaction, as the app does (see lib/email/dispatcher.ts).
    await db.$transaction((tx) => tx.emailMessage.createMany({ data: rows }));
  }
  return (performance.now() - t0) / 1000;
}

type Totals = { claimed: number; sent: number; retrying: number; failed: number; suppressed: number };
type ChildOutcome = { code: number | null; signal: NodeJS.Signals | null; totals: Totals | null; stderr: string };

/** Runs one `email-dispatch.ts --once` process (or a variant of it) to completion. */
async function runDispatcher(kind: Kind, env: Record<string, string>): Promise<ChildOutcome> {
  // Nothing from this shell's email settings leaks in: the run is configured by `env` alone.
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (/^(EMAIL_|RESEND_)/.test(key)) delete base[key];
  const args = kind === "project" ? ["scripts/email-dispatch.ts", "--once"] : ["bench/lib/email-dispatch-variant.ts", "--variant", kind];
  const dispatcher = startProcess(bin("tsx"), args, { ...base, ...env });
  const { code, signal } = await dispatcher.exited;
  const last = dispatcher.stdout.join("").trim().split("\n").pop() ?? "";
  let totals: Totals | null = null;
  try {
    totals = JSON.parse(last) as Totals;
  } catch {
    // no totals: the process failed before printing them
  }
  return { code, signal, totals, stderr: dispatcher.stderr.join("") };
}

type Result = {
  mode: Mode;
  kind: Kind;
  workers: number;
  n: number;
  queueSeconds: number;
  wallSeconds: number;
  drainSeconds: number;
  /** Rows in the final status (sent / delivered). */
  done: number;
  byStatus: Record<string, number>;
  duplicates: number;
  lost: number;
  /** Sends beyond N, as counted by the dispatchers. */
  resent: number;
  /** Messages each dispatcher process sent. */
  perWorker: number[];
  requests: number | null;
  replays: number | null;
  childFailures: string[];
  /** Dispatcher log lines ([email] ...), e.g. retries. */
  logLines: string[];
};

async function runVariant(args: Args, mode: Mode, kind: Kind, workers: number, runId: string): Promise<Result> {
  const label = `${mode}-${kind}-${workers}w`;
  const file = await freshDatabase(`bench-email-${label}`);
  const url = `file:${file}`;
  const db = createDb(url);
  const queueSeconds = await queueMessages(db, args.n, runId);
  const queued = await db.emailMessage.count();
  if (queued !== args.n) throw new Error(`${label}: queued ${queued} of ${args.n}`);

  let fake: FakeResend | undefined;
  const env: Record<string, string> = {
    DATABASE_URL: url,
    SITE_URL: "https://loomstack.example",
    EMAIL_BATCH_SIZE: String(args.batch),
    EMAIL_CONCURRENCY: String(args.concurrency),
  };
  if (mode === "resend") {
    fake = await startFakeResend({ apiKey: API_KEY, latencyMs: args.latency });
    Object.assign(env, { RESEND_API_KEY: API_KEY, RESEND_BASE_URL: fake.url });
  }

  try {
    process.stderr.write(`${label}: ${args.n} queued in ${queueSeconds.toFixed(2)} s, draining with ${workers} process(es)... `);
    const t0 = performance.now();
    const outcomes = await Promise.all(Array.from({ length: workers }, (_, w) => runDispatcher(kind, { ...env, EMAIL_WORKER_ID: `bench-${label}-${w + 1}` })));
    const wallSeconds = (performance.now() - t0) / 1000;
    process.stderr.write(`${wallSeconds.toFixed(1)} s\n`);

    const childFailures = outcomes.flatMap((o, w) =>
      o.code === 0 && o.totals ? [] : [`worker ${w + 1}: exit ${o.code ?? o.signal}${o.totals ? "" : ", no totals"}\n${o.stderr.trim()}`],
    );
    const logLines = outcomes.flatMap((o) => o.stderr.split("\n").filter((l) => l.startsWith("[email]") || /SQLITE_BUSY|locked/i.test(l)));
    const sends = outcomes.reduce((sum, o) => sum + (o.totals?.sent ?? 0), 0);

    const rows = await db.emailMessage.findMany({ select: { id: true, status: true, providerId: true, sentAt: true } });
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const finalStatus = mode === "resend" ? "sent" : "delivered";

    let lost = 0;
    let duplicates = 0;
    let drainSeconds: number;
    if (fake) {
      // What the provider accepted, by Idempotency-Key (the row id).
      const delivered = new Map<string, string[]>();
      for (const d of fake.deliveries) {
        const key = d.idempotencyKey ?? "(none)";
        delivered.set(key, [...(delivered.get(key) ?? []), d.id]);
      }
      const rowIds = new Set(rows.map((r) => r.id));
      for (const r of rows) {
        const ids = delivered.get(r.id);
        if (!ids || r.status !== finalStatus || r.providerId !== ids[0]) lost++;
      }
      for (const [key, ids] of delivered) duplicates += rowIds.has(key) ? ids.length - 1 : ids.length;
      const times = fake.deliveries.map((d) => d.at);
      drainSeconds = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
    } else {
      const providerIds = new Set<string>();
      for (const r of rows) {
        if (r.status !== finalStatus || r.providerId !== `mailbox_${r.id}`) lost++;
        if (r.providerId) {
          if (providerIds.has(r.providerId)) duplicates++;
          providerIds.add(r.providerId);
        }
      }
      const times = rows.flatMap((r) => (r.sentAt ? [r.sentAt.getTime()] : []));
      drainSeconds = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
    }

    return {
      mode,
      kind,
      workers,
      n: args.n,
      queueSeconds,
      wallSeconds,
      drainSeconds,
      done: byStatus[finalStatus] ?? 0,
      byStatus,
      duplicates,
      lost,
      resent: Math.max(0, sends - args.n),
      perWorker: outcomes.map((o) => o.totals?.sent ?? 0),
      requests: fake?.requests ?? null,
      replays: fake?.replays ?? null,
      childFailures,
      logLines,
    };
  } finally {
    await fake?.close();
    await db.$disconnect();
  }
}

function printTable(args: Args, results: Result[]) {
  console.log(
    `\nN = ${args.n}, batch ${args.batch}, concurrency ${args.concurrency} per process, fake Resend latency ${args.latency} ms, database: SQLite (WAL)`,
  );
  console.log("wall = spawn to last exit (includes process start-up); drain = first to last send\n");
  const header = [
    "mode",
    "dispatcher",
    "workers",
    "N",
    "queue s",
    "wall s",
    "msg/s",
    "drain s",
    "drain msg/s",
    "sent",
    "dup",
    "lost",
    "resent",
    "requests",
    "replays",
  ];
  const lines = results.map((r) => [
    r.mode,
    r.kind,
    String(r.workers),
    String(r.n),
    r.queueSeconds.toFixed(2),
    r.wallSeconds.toFixed(2),
    perSecond(r.done, r.wallSeconds).toFixed(0),
    r.drainSeconds.toFixed(2),
    r.drainSeconds > 0 ? perSecond(r.done, r.drainSeconds).toFixed(0) : "-",
    String(r.done),
    String(r.duplicates),
    String(r.lost),
    String(r.resent),
    r.requests === null ? "-" : String(r.requests),
    r.replays === null ? "-" : String(r.replays),
  ]);
  console.log(table(header, lines));
  const drainRate = (r: Result) => perSecond(r.done, r.drainSeconds);
  const wallRate = (r: Result) => perSecond(r.done, r.wallSeconds);
  for (const mode of args.modes) {
    const find = (kind: Kind, workers: number) => results.find((r) => r.mode === mode && r.kind === kind && r.workers === workers);
    const project = find("project", 1);
    const before = find("before", 1);
    const raw = find("raw", 1);
    const more = args.workers > 1 ? find("project", args.workers) : undefined;
    if (!project) continue;
    const rows = (a: Result, b: Result, what: string): Comparison[] => [
      { measure: `drain msg/s, ${what}`, value: drainRate(a), baseline: drainRate(b), unit: "msg/s", higherIsBetter: true },
      { measure: `wall msg/s, ${what}`, value: wallRate(a), baseline: wallRate(b), unit: "msg/s", higherIsBetter: true },
    ];
    if (before)
      console.log(
        `\n${comparisonTable(`${mode}: the project's dispatcher against the one before issue 16`, "the per-message dispatcher with React Email's render", rows(project, before, "1 process"))}`,
      );
    if (raw)
      console.log(
        `\n${comparisonTable(`${mode}: the project's dispatcher against sending without rendering`, "raw: the same claim, send and record, a precomputed render", rows(project, raw, "1 process"))}`,
      );
    if (more)
      console.log(
        `\n${comparisonTable(`${mode}: ${more.workers} dispatcher processes against one`, "1 process of the project's dispatcher", rows(more, project, `${more.workers} processes`))}`,
      );
  }
}

async function main() {
  const args = parseArgs();
  stopAllOnInterrupt();
  const machine = machineLine();

  const runId = Date.now().toString(36);
  // One process each of before, project and raw, then `--workers` processes of the project's.
  const variants: [Kind, number][] = [["before", 1], ["project", 1], ["raw", 1], ...(args.workers > 1 ? [["project", args.workers] as [Kind, number]] : [])];
  const results: Result[] = [];
  try {
    for (const mode of args.modes) {
      for (const [kind, workers] of variants) results.push(await runVariant(args, mode, kind, workers, runId));
    }
  } finally {
    await stopAll();
  }

  console.log(`\n${machine} (at the start)`);
  printTable(args, results);

  let ok = true;
  console.log(`\nSent per process: ${results.map((r) => `${r.mode} ${r.kind} ${r.workers}w ${r.perWorker.join("/")}`).join(", ")}`);
  for (const r of results) {
    const label = `${r.mode}, ${r.kind}, ${r.workers} worker(s)`;
    const others = Object.entries(r.byStatus).filter(([s]) => s !== (r.mode === "resend" ? "sent" : "delivered"));
    if (others.length) console.log(`\n${label}: rows not done by status: ${others.map(([s, c]) => `${s} ${c}`).join(", ")}`);
    if (r.logLines.length) {
      console.log(`\n${label}: ${r.logLines.length} dispatcher log line(s), first ones:`);
      for (const l of r.logLines.slice(0, 5)) console.log(`  ${l.slice(0, 300)}`);
    }
    for (const f of r.childFailures) console.log(`\n${label}: dispatcher process failed: ${f.slice(0, 2000)}`);
    if (r.duplicates || r.lost || r.resent || r.childFailures.length || r.done !== r.n) ok = false;
  }
  console.log(ok ? "\nExactly once: every message sent, none twice." : "\nFAILED: see above (lost, duplicated or resent messages, or a failed dispatcher).");
  if (!ok) process.exitCode = 1;
}

main().catch(async (error) => {
  await stopAll();
  console.error(error);
  process.exit(1);
});
