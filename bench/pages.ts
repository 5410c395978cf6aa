/**
 * Page benchmark: the JavaScript each page of the sitemap loads (gzip bytes as served) and its
 * Lighthouse scores, against Lighthouse on a bare HTML page in the same run. What it measures,
 * the targets and the figures so far: docs/performance.md. Options: --help.
 *
 *   npm run build && npm run bench:pages -- [--base-url URL] [--only /a,/b] [--runs N] [--no-baseline]
 *
 * Two baselines, in the same run: a bare HTML page (the best Lighthouse gives any page here),
 * and for the form pages a minimal Next app with one react-hook-form + zod form
 * (bench/baselines/minimal-form, built and started by this script).
 */

import { writeFileSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import path from "node:path";
import { parseArgs } from "node:util";
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";

import * as chromeLauncher from "chrome-launcher";
// Lighthouse itself is imported dynamically in loadLighthouse() (see the comment there).
import type { Flags, Result as LhResult } from "lighthouse";
import { chromium, type Browser } from "playwright-core";
import { machineLine } from "./lib/measure";
import { resultsPath, ROOT } from "./lib/project";
import { comparisonTable, table, type Comparison } from "./lib/report";
import { startBaselineApp } from "./lib/baseline-app";
import { benchDistDir, startBenchServer, type AppServer } from "./lib/servers";
import { median } from "./lib/stats";

// ---------------------------------------------------------------------------
// Configuration

const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const PLAYWRIGHT_ARGS = CHROME_FLAGS.filter((flag) => !flag.startsWith("--headless"));

const SERVER_READY_TIMEOUT_MS = 60_000;
const NETWORK_QUIET_MS = 1_000;
const NETWORK_QUIET_MAX_WAIT_MS = 15_000;
const SCRIPT_FETCH_TIMEOUT_MS = 30_000;

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type CategoryId = (typeof CATEGORIES)[number];
const CATEGORY_LABEL: Record<CategoryId, string> = {
  performance: "Perf",
  accessibility: "A11y",
  "best-practices": "BP",
  seo: "SEO",
};
const TARGETS = {
  minScore: { performance: 98, accessibility: 100, "best-practices": 100, seo: 100 } as Record<CategoryId, number>,
  maxTbtMs: 50,
  maxCls: 0,
};

// reValidateMode: a property name of react-hook-form's options, which minifiers keep.
const RHF_MARKERS: RegExp[] = [/useFormContext/, /react-hook-form/, /reValidateMode/];
// "zod" as a whole word (e.g. zod's `vendor: "zod"`), not as part of random minified identifiers.
const ZOD_MARKERS: RegExp[] = [/ZodError/, /\bzod\b/];

// ---------------------------------------------------------------------------
// Types

type FormCode = "none" | "rhf" | "zod" | "rhf+zod";

interface ScriptInfo {
  url: string;
  status: number;
  /** Content-Encoding the server answered with ("identity" if none). */
  servedEncoding: string;
  /** Bytes of the body as served (i.e. compressed if the server compressed it). */
  servedBytes: number;
  /** Bytes counted towards the gzip total (servedBytes, or locally gzipped size). */
  gzipBytes: number;
  /** True when the server did not gzip and the size was computed locally. */
  gzippedLocally: boolean;
  uncompressedBytes: number;
  hasRhf: boolean;
  hasZod: boolean;
  error?: string;
}

interface JsResult {
  httpStatus: number | null;
  gzipBytes: number;
  uncompressedBytes: number;
  scriptCount: number;
  formCode: FormCode;
  anyGzippedLocally: boolean;
  scripts: ScriptInfo[];
  /** Cross-origin scripts are not counted; listed for information. */
  crossOriginScripts: string[];
  error?: string;
}

interface Metrics {
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  fcpMs: number | null;
  speedIndexMs: number | null;
}

type Scores = Record<CategoryId, number | null>;

interface FailingAudit {
  id: string;
  title: string;
  score: number | null;
  weight: number;
  displayValue?: string;
  /** A few offending items from the audit details (element snippets, console messages, URLs). */
  examples?: string[];
}

interface LhRun {
  scores: Scores;
  metrics: Metrics;
  /** Weighted audits with score < 1, per category. */
  failingAudits: Record<CategoryId, FailingAudit[]>;
  /** Unweighted performance insights/diagnostics with score < 1 (hints for perf/TBT/CLS). */
  perfHints: FailingAudit[];
  lighthouseVersion: string;
  /** Lighthouse's host CPU benchmark; low values mean a slow host (inflated TBT). */
  benchmarkIndex: number | null;
  finalUrl: string;
  runWarnings: string[];
}

interface LhResultSummary {
  runs: number;
  successfulRuns: number;
  /** Scores and failing audits of the median-performance run. */
  median: LhRun | null;
  /** Median of each metric over all successful runs. */
  metrics: Metrics | null;
  perRun: Array<{ scores: Scores; metrics: Metrics } | { error: string }>;
  error?: string;
}

interface PageResult {
  path: string;
  url: string;
  js: JsResult;
  lighthouse: LhResultSummary;
  issues: string[];
}

// ---------------------------------------------------------------------------
// Small helpers

class FatalError extends Error {}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split("\n")[0] ?? err.message;
  return String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function normalizePath(p: string): string {
  let out = p.trim();
  if (!out.startsWith("/")) out = `/${out}`;
  if (out.length > 1 && out.endsWith("/")) out = out.replace(/\/+$/, "");
  return out || "/";
}

function formatNumber(value: number | null, decimals = 0): string {
  return value === null || !Number.isFinite(value) ? "-" : value.toFixed(decimals);
}

// ---------------------------------------------------------------------------
// CLI

interface CliOptions {
  baseUrl: string | null;
  only: string[] | null;
  runs: number;
  baseline: boolean;
}

const HELP = `Usage: npx tsx bench/pages.ts [--base-url URL] [--only /a,/b] [--runs N]
  --base-url URL  site to benchmark (or env BENCH_BASE_URL); default: start the app server (server.ts) on a free port
  --only LIST     comma-separated paths, in or out of the sitemap (default: every page in /sitemap.xml)
  --runs N        Lighthouse runs per page, median reported (default 1)
  --no-baseline   skip the same-run baselines (a bare HTML page; the minimal react-hook-form + zod page)`;

function parseCli(): CliOptions {
  const { values } = parseArgs({
    options: {
      "base-url": { type: "string" },
      only: { type: "string" },
      runs: { type: "string" },
      "no-baseline": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const runs = values.runs === undefined ? 1 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new FatalError(`--runs must be a positive integer (got ${values.runs})`);
  const only = values.only
    ? values.only
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)
        .map(normalizePath)
    : null;
  const baseUrl = values["base-url"] ?? process.env.BENCH_BASE_URL ?? null;
  return { baseUrl: baseUrl && baseUrl.trim() ? baseUrl.trim() : null, only, runs, baseline: !values["no-baseline"] };
}

// ---------------------------------------------------------------------------
// Cleanup registry (runs on normal exit, on error and on SIGINT/SIGTERM)

type Cleanup = { name: string; run: () => Promise<void> | void; runSync?: () => void };
const cleanups: Cleanup[] = [];
let cleaningUp: Promise<void> | null = null;

function registerCleanup(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  return () => {
    const i = cleanups.indexOf(cleanup);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

function runCleanups(): Promise<void> {
  if (!cleaningUp) {
    cleaningUp = (async () => {
      for (const cleanup of [...cleanups].reverse()) {
        try {
          await cleanup.run();
        } catch (err) {
          log(`cleanup (${cleanup.name}) failed: ${errorMessage(err)}`);
        }
      }
      cleanups.length = 0;
    })();
  }
  return cleaningUp;
}

// Last resort if the process exits without the async cleanup having finished.
process.on("exit", () => {
  for (const cleanup of cleanups) {
    try {
      cleanup.runSync?.();
    } catch {
      // ignore
    }
  }
});

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return; // tsx may relay the same signal again
    interrupted = true;
    log(`\nReceived ${signal}, cleaning up...`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------
// Server

async function startNextServer(): Promise<string> {
  log(`Starting the app server (server.ts on ${benchDistDir()})...`);
  let server: AppServer;
  try {
    server = await startBenchServer({ readyPath: "/", timeoutMs: SERVER_READY_TIMEOUT_MS });
  } catch (err) {
    throw new FatalError(`${err instanceof Error ? err.message : String(err)}\nOr pass --base-url to benchmark a running server.`);
  }
  registerCleanup({ name: "app server", run: () => server.stop() });
  log(`Server ready at ${server.base}`);
  return server.base;
}

// ---------------------------------------------------------------------------
// Sitemap

function decodeXmlEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

async function readSitemapPaths(origin: string): Promise<string[]> {
  const sitemapUrl = `${origin}/sitemap.xml`;
  let xml: string;
  try {
    const res = await fetch(sitemapUrl, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    xml = await res.text();
  } catch (err) {
    throw new FatalError(`Could not read ${sitemapUrl}: ${errorMessage(err)}`);
  }
  const paths: string[] = [];
  for (const match of xml.matchAll(/<loc>\s*([\s\S]*?)\s*<\/loc>/g)) {
    const loc = decodeXmlEntities(match[1] ?? "")
      .replace(/^<!\[CDATA\[|\]\]>$/g, "")
      .trim();
    if (!loc) continue;
    let p: string;
    try {
      const u = new URL(loc, origin);
      p = normalizePath(u.pathname) + u.search;
    } catch {
      log(`Skipping unparsable sitemap entry: ${loc}`);
      continue;
    }
    if (!paths.includes(p)) paths.push(p);
  }
  if (paths.length === 0) throw new FatalError(`${sitemapUrl} contains no <loc> entries.`);
  return paths;
}

// ---------------------------------------------------------------------------
// JS bytes

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET with Accept-Encoding: gzip, returning the body bytes exactly as served (no decoding). */
function getRaw(url: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith("https:") ? https : http;
    const req = client.get(url, { headers: { "Accept-Encoding": "gzip", "User-Agent": "bench-pages" }, timeout: SCRIPT_FETCH_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout after ${SCRIPT_FETCH_TIMEOUT_MS} ms`)));
    req.on("error", reject);
  });
}

const scriptCache = new Map<string, Promise<ScriptInfo>>();

function measureScript(url: string): Promise<ScriptInfo> {
  let pending = scriptCache.get(url);
  if (!pending) {
    pending = measureScriptUncached(url);
    scriptCache.set(url, pending);
  }
  return pending;
}

async function measureScriptUncached(url: string): Promise<ScriptInfo> {
  const info: ScriptInfo = {
    url,
    status: 0,
    servedEncoding: "identity",
    servedBytes: 0,
    gzipBytes: 0,
    gzippedLocally: false,
    uncompressedBytes: 0,
    hasRhf: false,
    hasZod: false,
  };
  try {
    const res = await getRaw(url);
    info.status = res.status;
    const encoding =
      String(res.headers["content-encoding"] ?? "identity")
        .trim()
        .toLowerCase() || "identity";
    info.servedEncoding = encoding;
    info.servedBytes = res.body.length;

    let decoded: Buffer;
    if (encoding === "gzip" || encoding === "x-gzip") {
      decoded = gunzipSync(res.body);
      info.gzipBytes = res.body.length;
    } else {
      if (encoding === "identity") decoded = res.body;
      else if (encoding === "br") decoded = brotliDecompressSync(res.body);
      else if (encoding === "deflate") decoded = inflateSync(res.body);
      else throw new Error(`unsupported Content-Encoding "${encoding}"`);
      info.gzipBytes = gzipSync(decoded).length;
      info.gzippedLocally = true;
    }
    info.uncompressedBytes = decoded.length;
    if (res.status !== 200) info.error = `HTTP ${res.status}`;

    const text = decoded.toString("utf8");
    info.hasRhf = RHF_MARKERS.some((re) => re.test(text));
    info.hasZod = ZOD_MARKERS.some((re) => re.test(text));
  } catch (err) {
    info.error = errorMessage(err);
  }
  return info;
}

function formCodeOf(scripts: ScriptInfo[]): FormCode {
  const rhf = scripts.some((s) => s.hasRhf);
  const zod = scripts.some((s) => s.hasZod);
  if (rhf && zod) return "rhf+zod";
  if (rhf) return "rhf";
  if (zod) return "zod";
  return "none";
}

function emptyJsResult(): JsResult {
  return {
    httpStatus: null,
    gzipBytes: 0,
    uncompressedBytes: 0,
    scriptCount: 0,
    formCode: "none",
    anyGzippedLocally: false,
    scripts: [],
    crossOriginScripts: [],
  };
}

async function measurePageJs(browser: Browser, url: string, origin: string): Promise<JsResult> {
  const result = emptyJsResult();
  // Fresh context per page => empty cache, so every script the page needs is observed.
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    const scriptUrls = new Set<string>();
    const crossOrigin = new Set<string>();
    let inflight = 0;
    let lastActivity = Date.now();
    page.on("request", () => {
      inflight += 1;
      lastActivity = Date.now();
    });
    const settled = (): void => {
      inflight = Math.max(0, inflight - 1);
      lastActivity = Date.now();
    };
    page.on("requestfinished", settled);
    page.on("requestfailed", settled);
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      const scriptUrl = response.url();
      let scriptOrigin: string;
      try {
        scriptOrigin = new URL(scriptUrl).origin;
      } catch {
        return;
      }
      if (scriptOrigin === origin) scriptUrls.add(scriptUrl);
      else crossOrigin.add(scriptUrl);
    });

    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    result.httpStatus = response?.status() ?? null;

    // Wait for ~1 s of network quiet (capped so a long-lived request cannot hang us).
    const quietDeadline = Date.now() + NETWORK_QUIET_MAX_WAIT_MS;
    lastActivity = Date.now();
    while (Date.now() < quietDeadline) {
      if (inflight === 0 && Date.now() - lastActivity >= NETWORK_QUIET_MS) break;
      await sleep(100);
    }

    result.scripts = await Promise.all([...scriptUrls].map((u) => measureScript(u)));
    result.crossOriginScripts = [...crossOrigin];
    result.scriptCount = result.scripts.length;
    result.gzipBytes = result.scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    result.uncompressedBytes = result.scripts.reduce((sum, s) => sum + s.uncompressedBytes, 0);
    result.anyGzippedLocally = result.scripts.some((s) => s.gzippedLocally);
    result.formCode = formCodeOf(result.scripts);
    const failed = result.scripts.filter((s) => s.error);
    if (failed.length > 0) {
      result.error = `${failed.length} script(s) could not be measured: ${failed.map((s) => `${s.url} (${s.error})`).join(", ")}`;
    }
  } catch (err) {
    result.error = errorMessage(err);
  } finally {
    await context.close().catch(() => undefined);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Lighthouse

const METRIC_AUDITS: Record<keyof Metrics, string> = {
  lcpMs: "largest-contentful-paint",
  tbtMs: "total-blocking-time",
  cls: "cumulative-layout-shift",
  fcpMs: "first-contentful-paint",
  speedIndexMs: "speed-index",
};

type LighthouseFn = typeof import("lighthouse").default;
let lighthouseModule: Promise<LighthouseFn> | null = null;

/**
 * Imports Lighthouse dynamically. A static import goes through tsx's require(), which adds
 * esbuild's `__name(...)` calls to the page functions Lighthouse evaluates inside Chrome,
 * where `__name` does not exist ("ReferenceError: __name is not defined"). Should a future tsx
 * transform them anyway, Lighthouse's own shim for esbuild bundles is filled in.
 */
function loadLighthouse(): Promise<LighthouseFn> {
  lighthouseModule ??= (async () => {
    const { default: lighthouse } = await import("lighthouse");
    try {
      const { pageFunctions } = await import("lighthouse/core/lib/page-functions.js");
      const transformed = Object.values(pageFunctions).some((value) => typeof value === "function" && /\b__name\(/.test(String(value)));
      if (transformed && !pageFunctions.esbuildFunctionWrapperString) {
        pageFunctions.esbuildFunctionWrapperString = "let __name=(fn,value)=>Object.defineProperty(fn,'name',{value,configurable:true});";
        log("Note: Lighthouse was loaded through an esbuild keepNames transform; injected a __name shim.");
      }
    } catch {
      // Internal module moved in a newer Lighthouse; nothing to patch.
    }
    return lighthouse;
  })();
  return lighthouseModule;
}

const UNSCORED_MODES = new Set(["informative", "notApplicable", "manual", "error"]);

function isFailing(audit: LhResult["audits"][string] | undefined): audit is LhResult["audits"][string] {
  return audit !== undefined && !UNSCORED_MODES.has(audit.scoreDisplayMode) && audit.score !== null && audit.score < 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function oneLine(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Up to `limit` human-readable examples from an audit's details table/list. */
function auditExamples(details: unknown, limit = 3): string[] {
  if (!isRecord(details) || !Array.isArray(details.items)) return [];
  const examples: string[] = [];
  for (const item of details.items) {
    if (examples.length >= limit) break;
    if (!isRecord(item)) continue;
    const node = isRecord(item.node) ? item.node : null;
    const parts: string[] = [];
    if (node) {
      if (typeof node.selector === "string") parts.push(node.selector);
      if (typeof node.snippet === "string") parts.push(node.snippet);
    }
    if (typeof item.description === "string") parts.push(item.description);
    const location = isRecord(item.sourceLocation) && typeof item.sourceLocation.url === "string" ? item.sourceLocation.url : null;
    if (location) parts.push(`(${location})`);
    else if (typeof item.url === "string") parts.push(item.url);
    if (parts.length > 0) examples.push(oneLine(parts.join(" ")));
  }
  return examples;
}

function toFailingAudit(audit: LhResult["audits"][string], weight: number): FailingAudit {
  const examples = auditExamples(audit.details);
  return {
    id: audit.id,
    title: audit.title,
    score: audit.score,
    weight,
    ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
    ...(examples.length > 0 ? { examples } : {}),
  };
}

function summarizeLhr(lhr: LhResult): LhRun {
  const scores = {} as Scores;
  const failingAudits = {} as Record<CategoryId, FailingAudit[]>;
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    scores[id] = category && category.score !== null ? Math.round(category.score * 100) : null;
    failingAudits[id] = (category?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .flatMap((ref) => {
        const audit = lhr.audits[ref.id];
        return isFailing(audit) ? [toFailingAudit(audit, ref.weight)] : [];
      })
      .sort((a, b) => b.weight * (1 - (b.score ?? 0)) - a.weight * (1 - (a.score ?? 0)));
  }

  const perfHints = (lhr.categories.performance?.auditRefs ?? [])
    .filter((ref) => ref.weight === 0 && ref.group !== "hidden" && ref.group !== "metrics")
    .flatMap((ref) => {
      const audit = lhr.audits[ref.id];
      return isFailing(audit) ? [toFailingAudit(audit, 0)] : [];
    })
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0));

  const metric = (key: keyof Metrics): number | null => {
    const value = lhr.audits[METRIC_AUDITS[key]]?.numericValue;
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  };

  return {
    scores,
    metrics: {
      lcpMs: metric("lcpMs"),
      tbtMs: metric("tbtMs"),
      cls: metric("cls"),
      fcpMs: metric("fcpMs"),
      speedIndexMs: metric("speedIndexMs"),
    },
    failingAudits,
    perfHints,
    lighthouseVersion: lhr.lighthouseVersion,
    benchmarkIndex: typeof lhr.environment?.benchmarkIndex === "number" ? lhr.environment.benchmarkIndex : null,
    finalUrl: lhr.finalDisplayedUrl,
    runWarnings: lhr.runWarnings.map((w) => String(w)),
  };
}

class ChromeForLighthouse {
  private chrome: chromeLauncher.LaunchedChrome | null = null;
  private readonly unregister: () => void;

  constructor() {
    this.unregister = registerCleanup({ name: "lighthouse chrome", run: () => this.close(), runSync: () => this.close() });
  }

  async port(): Promise<number> {
    if (!this.chrome) {
      this.chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM_PATH,
        chromeFlags: CHROME_FLAGS,
        handleSIGINT: false, // our own SIGINT handler cleans up
        logLevel: "error",
      });
    }
    return this.chrome.port;
  }

  close(): void {
    if (!this.chrome) return;
    try {
      this.chrome.kill();
    } catch {
      // already gone
    }
    this.chrome = null;
  }

  dispose(): void {
    this.close();
    this.unregister();
  }
}

async function runLighthouseOnce(chrome: ChromeForLighthouse, url: string): Promise<LhRun> {
  const flags: Flags = {
    port: await chrome.port(),
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
  };
  const lighthouse = await loadLighthouse();
  const result = await lighthouse(url, flags);
  if (!result) throw new Error("Lighthouse returned no result");
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  return summarizeLhr(lhr);
}

async function runLighthouse(chrome: ChromeForLighthouse, url: string, runs: number, label: string): Promise<LhResultSummary> {
  const perRun: LhResultSummary["perRun"] = [];
  const ok: LhRun[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = Date.now();
    try {
      const run = await runLighthouseOnce(chrome, url);
      ok.push(run);
      perRun.push({ scores: run.scores, metrics: run.metrics });
      log(
        `[lighthouse ${label}${runs > 1 ? ` run ${i + 1}/${runs}` : ""}] perf ${formatNumber(run.scores.performance)} ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    } catch (err) {
      const message = errorMessage(err);
      perRun.push({ error: message });
      log(`[lighthouse ${label}] run ${i + 1} failed: ${message}`);
      chrome.close(); // relaunch a fresh Chrome for the next run in case this one is broken
    }
  }
  if (ok.length === 0) {
    const firstError = perRun.find((r): r is { error: string } => "error" in r);
    return { runs, successfulRuns: 0, median: null, metrics: null, perRun, error: firstError?.error ?? "no successful run" };
  }
  // Median-performance run (lower middle for even counts, i.e. the more pessimistic one).
  const byPerf = [...ok].sort((a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1));
  const medianRun = byPerf[Math.floor((byPerf.length - 1) / 2)]!;
  const metricMedian = (key: keyof Metrics): number | null => median(ok.map((r) => r.metrics[key]).filter((v): v is number => v !== null));
  return {
    runs,
    successfulRuns: ok.length,
    median: medianRun,
    metrics: {
      lcpMs: metricMedian("lcpMs"),
      tbtMs: metricMedian("tbtMs"),
      cls: metricMedian("cls"),
      fcpMs: metricMedian("fcpMs"),
      speedIndexMs: metricMedian("speedIndexMs"),
    },
    perRun,
  };
}

// ---------------------------------------------------------------------------
// Reporting

function issuesFor(page: PageResult): string[] {
  const issues: string[] = [];
  if (page.js.error) issues.push(`JS measurement: ${page.js.error}`);
  if (page.js.httpStatus !== null && page.js.httpStatus !== 200) issues.push(`page answered HTTP ${page.js.httpStatus}`);
  const lh = page.lighthouse;
  if (!lh.median || !lh.metrics) {
    issues.push(`Lighthouse failed: ${lh.error ?? "unknown error"}`);
    return issues;
  }
  if (lh.successfulRuns < lh.runs) issues.push(`Lighthouse: ${lh.runs - lh.successfulRuns} of ${lh.runs} runs failed`);
  const { scores, failingAudits, perfHints } = lh.median;
  const { tbtMs, cls } = lh.metrics;

  const describe = (a: FailingAudit): string =>
    `${a.id} — ${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}${a.score !== null ? ` [score ${a.score.toFixed(2)}]` : ""}`;

  let perfProblem = false;
  for (const id of CATEGORIES) {
    const score = scores[id];
    const min = TARGETS.minScore[id];
    if (score === null || score < min) {
      if (id === "performance") perfProblem = true;
      issues.push(`${CATEGORY_LABEL[id]} ${score ?? "n/a"} (< ${min})`);
      for (const audit of failingAudits[id]) {
        issues.push(`    ${id}: ${describe(audit)}`);
        for (const example of audit.examples ?? []) issues.push(`        e.g. ${example}`);
      }
    }
  }
  if (tbtMs !== null && tbtMs > TARGETS.maxTbtMs) {
    issues.push(`TBT ${Math.round(tbtMs)} ms (> ${TARGETS.maxTbtMs})`);
    perfProblem = true;
  }
  if (cls !== null && cls > TARGETS.maxCls) {
    issues.push(`CLS ${cls.toFixed(3)} (> ${TARGETS.maxCls})`);
    perfProblem = true;
  }
  if (perfProblem) {
    const scoreProblem = scores.performance === null || scores.performance < TARGETS.minScore.performance;
    if (!scoreProblem) for (const audit of failingAudits.performance) issues.push(`    performance: ${describe(audit)}`);
    for (const audit of perfHints.slice(0, 8)) issues.push(`    performance hint: ${describe(audit)}`);
  }
  for (const warning of lh.median.runWarnings) issues.push(`    lighthouse warning: ${oneLine(warning, 300)}`);
  return issues;
}

function renderTable(pages: PageResult[]): string {
  const header = ["path", "JS gzip KB", "scripts", "form code", "Perf", "A11y", "BP", "SEO", "LCP ms", "TBT ms", "CLS"];
  const rows = pages.map((p) => {
    const jsOk = !p.js.error || p.js.scriptCount > 0;
    const s = p.lighthouse.median?.scores;
    const m = p.lighthouse.metrics;
    return [
      p.path,
      jsOk ? `${(p.js.gzipBytes / 1024).toFixed(1)}${p.js.anyGzippedLocally ? "*" : ""}` : "err",
      jsOk ? String(p.js.scriptCount) : "err",
      jsOk ? p.js.formCode : "err",
      s ? formatNumber(s.performance) : "err",
      s ? formatNumber(s.accessibility) : "err",
      s ? formatNumber(s["best-practices"]) : "err",
      s ? formatNumber(s.seo) : "err",
      m ? formatNumber(m.lcpMs) : "err",
      m ? formatNumber(m.tbtMs) : "err",
      m ? formatNumber(m.cls, 3) : "err",
    ];
  });
  return table(header, rows, [0, 3]);
}

function renderSummary(pages: PageResult[]): string {
  const withJs = pages.filter((p) => !p.js.error || p.js.scriptCount > 0);
  const totalJs = withJs.reduce((sum, p) => sum + p.js.gzipBytes, 0);
  const maxJs = withJs.reduce<PageResult | null>((best, p) => (!best || p.js.gzipBytes > best.js.gzipBytes ? p : best), null);
  const lhOk = pages.filter((p) => p.lighthouse.median && p.lighthouse.metrics);
  const parts: string[] = [
    `${pages.length} page(s), ${pages.length - lhOk.length} Lighthouse failure(s)`,
    `JS gzip total ${(totalJs / 1024).toFixed(1)} KB` + (maxJs ? `, max ${(maxJs.js.gzipBytes / 1024).toFixed(1)} KB (${maxJs.path})` : ""),
  ];
  const minScores = CATEGORIES.map((id) => {
    let worst: { score: number; path: string } | null = null;
    for (const p of lhOk) {
      const score = p.lighthouse.median!.scores[id];
      if (score !== null && (!worst || score < worst.score)) worst = { score, path: p.path };
    }
    return worst ? `${CATEGORY_LABEL[id]} ${worst.score} (${worst.path})` : `${CATEGORY_LABEL[id]} -`;
  });
  parts.push(`min ${minScores.join(", ")}`);
  const maxMetric = (key: keyof Metrics): { value: number; path: string } | null => {
    let worst: { value: number; path: string } | null = null;
    for (const p of lhOk) {
      const value = p.lighthouse.metrics![key];
      if (value !== null && (!worst || value > worst.value)) worst = { value, path: p.path };
    }
    return worst;
  };
  const lcp = maxMetric("lcpMs");
  const tbt = maxMetric("tbtMs");
  const cls = maxMetric("cls");
  parts.push(
    [
      lcp ? `max LCP ${Math.round(lcp.value)} ms (${lcp.path})` : "max LCP -",
      tbt ? `max TBT ${Math.round(tbt.value)} ms (${tbt.path})` : "max TBT -",
      cls ? `max CLS ${cls.value.toFixed(3)} (${cls.path})` : "max CLS -",
    ].join(", "),
  );
  const benchmarkIndex = median(lhOk.map((p) => p.lighthouse.median!.benchmarkIndex).filter((v): v is number => v !== null));
  if (benchmarkIndex !== null) parts.push(`host benchmarkIndex ${Math.round(benchmarkIndex)}`);
  return `Summary: ${parts.join(" | ")}`;
}

// ---------------------------------------------------------------------------
// Baseline: the best this machine's Lighthouse gives any page

const BARE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baseline page</title><meta name="description" content="A bare HTML page: the benchmark's same-run baseline.">
</head><body><main><h1>Baseline page</h1><p>No script, no stylesheet, no image: what Lighthouse scores on this machine for the least a page can be.</p></main></body></html>`;

/** A bare HTML page on node:http, on a free port of 127.0.0.1. */
async function startBarePage(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(BARE_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The pages' median and worst figures next to the bare page's, with the ratio. */
function renderBaseline(pages: PageResult[], baseline: LhResultSummary): string {
  const ok = pages.filter((p) => p.lighthouse.median && p.lighthouse.metrics);
  const b = baseline.metrics;
  const bPerf = baseline.median?.scores.performance ?? null;
  if (!ok.length || !b || bPerf === null) return `Baseline: no figures (${baseline.error ?? "Lighthouse failed on the bare page"}).`;
  const perf = ok.map((p) => p.lighthouse.median!.scores.performance).filter((v): v is number => v !== null);
  const metric = (key: keyof Metrics) => ok.map((p) => p.lighthouse.metrics![key]).filter((v): v is number => v !== null);
  const comparisons: Comparison[] = [
    { measure: "Performance, median page", value: median(perf) ?? NaN, baseline: bPerf, unit: "", higherIsBetter: true },
    { measure: "Performance, worst page", value: perf.length ? Math.min(...perf) : NaN, baseline: bPerf, unit: "", higherIsBetter: true },
  ];
  for (const [key, label] of [
    ["fcpMs", "FCP"],
    ["lcpMs", "LCP"],
    ["speedIndexMs", "Speed Index"],
    ["tbtMs", "TBT"],
  ] as const) {
    const values = metric(key);
    const base = b[key];
    if (!values.length || base === null) continue;
    comparisons.push(
      { measure: `${label}, median page`, value: median(values) ?? NaN, baseline: base, unit: "ms", higherIsBetter: false },
      { measure: `${label}, worst page`, value: Math.max(...values), baseline: base, unit: "ms", higherIsBetter: false },
    );
  }
  return comparisonTable("Lighthouse, the site's pages against a bare page", "a bare HTML page on node:http, in the same Chrome", comparisons);
}

/** A page that ships form code (react-hook-form or zod): the pages the minimal form page is the baseline of. */
function isFormPage(page: PageResult): boolean {
  return page.js.formCode !== "none";
}

/**
 * The form pages' median and worst JS bytes, Performance, TBT and LCP against the minimal
 * react-hook-form + zod page's, with the ratio.
 */
function renderFormBaseline(pages: PageResult[], minimal: PageResult): string {
  const forms = pages.filter((p) => isFormPage(p) && p.lighthouse.median && p.lighthouse.metrics);
  const b = minimal.lighthouse.metrics;
  const bPerf = minimal.lighthouse.median?.scores.performance ?? null;
  if (!forms.length) return "Minimal form baseline: no form page among the pages measured.";
  if (!b || bPerf === null) return `Minimal form baseline: no figures (${minimal.lighthouse.error ?? minimal.js.error ?? "Lighthouse failed"}).`;
  const js = forms.map((p) => p.js.gzipBytes / 1024);
  const perf = forms.map((p) => p.lighthouse.median!.scores.performance).filter((v): v is number => v !== null);
  const comparisons: Comparison[] = [
    { measure: "JS gzip, median form page", value: median(js) ?? NaN, baseline: minimal.js.gzipBytes / 1024, unit: "KB", higherIsBetter: false, decimals: 1 },
    { measure: "JS gzip, heaviest form page", value: Math.max(...js), baseline: minimal.js.gzipBytes / 1024, unit: "KB", higherIsBetter: false, decimals: 1 },
    { measure: "Performance, median form page", value: median(perf) ?? NaN, baseline: bPerf, unit: "", higherIsBetter: true },
    { measure: "Performance, worst form page", value: perf.length ? Math.min(...perf) : NaN, baseline: bPerf, unit: "", higherIsBetter: true },
  ];
  for (const [key, label] of [
    ["tbtMs", "TBT"],
    ["lcpMs", "LCP"],
  ] as const) {
    const values = forms.map((p) => p.lighthouse.metrics![key]).filter((v): v is number => v !== null);
    const base = b[key];
    if (!values.length || base === null) continue;
    comparisons.push(
      { measure: `${label}, median form page`, value: median(values) ?? NaN, baseline: base, unit: "ms", higherIsBetter: false },
      { measure: `${label}, worst form page`, value: Math.max(...values), baseline: base, unit: "ms", higherIsBetter: false },
    );
  }
  const m = minimal.lighthouse.median!.scores;
  const head =
    `Minimal form page: ${(minimal.js.gzipBytes / 1024).toFixed(1)} KB JS gzip in ${minimal.js.scriptCount} scripts (form code ${minimal.js.formCode}), ` +
    `Perf ${formatNumber(m.performance)}, BP ${formatNumber(m["best-practices"])}, TBT ${formatNumber(b.tbtMs)} ms, LCP ${formatNumber(b.lcpMs)} ms`;
  return `${head}\n\n${comparisonTable(
    `Lighthouse and JS, the ${forms.length} form page(s) against a minimal react-hook-form + zod page`,
    "bench/baselines/minimal-form: one page, one react-hook-form + zod form, the same next and Chrome",
    comparisons,
  )}`;
}

// ---------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const options = parseCli();

  let base: string;
  if (options.baseUrl) {
    let parsed: URL;
    try {
      parsed = new URL(options.baseUrl);
    } catch {
      throw new FatalError(`Invalid base URL: ${options.baseUrl}`);
    }
    if (parsed.pathname !== "/" && parsed.pathname !== "") {
      log(`Note: only the origin of the base URL is used (${parsed.origin}); sitemap paths are absolute.`);
    }
    base = parsed.origin;
  } else {
    base = await startNextServer();
  }
  const origin = new URL(base).origin;

  let paths = await readSitemapPaths(origin);
  log(`Sitemap lists ${paths.length} page(s).`);
  if (options.only) {
    const wanted = options.only;
    // Pages the sitemap leaves out (an RSVP form, the comment form) are measured all the same.
    const missing = wanted.filter((p) => !paths.includes(p));
    if (missing.length > 0) log(`Note: not in the sitemap, measured anyway: ${missing.join(", ")}`);
    paths = wanted;
  }

  const startedAt = new Date();
  const pages: PageResult[] = paths.map((p) => ({
    path: p,
    url: new URL(p, origin).toString(),
    js: { ...emptyJsResult(), error: "not measured" },
    lighthouse: { runs: options.runs, successfulRuns: 0, median: null, metrics: null, perRun: [], error: "not run" },
    issues: [],
  }));

  let minimal: PageResult | null = null;
  if (options.baseline) {
    const server = await startBaselineApp(log);
    registerCleanup({ name: "minimal form baseline", run: () => server.stop() });
    minimal = {
      path: "(minimal form)",
      url: server.url,
      js: { ...emptyJsResult(), error: "not measured" },
      lighthouse: { runs: options.runs, successfulRuns: 0, median: null, metrics: null, perRun: [], error: "not run" },
      issues: [],
    };
    log(`Minimal form baseline at ${server.url}`);
  }

  // Phase 1: JS bytes with Playwright (closed before Lighthouse so the two browsers don't compete for CPU).
  let browser: Browser | null = null;
  const unregisterBrowser = registerCleanup({ name: "playwright", run: async () => void (await browser?.close()) });
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: PLAYWRIGHT_ARGS, headless: true });
    for (const [i, page] of pages.entries()) {
      page.js = await measurePageJs(browser, page.url, origin);
      log(
        `[js ${i + 1}/${pages.length}] ${page.path}: ${(page.js.gzipBytes / 1024).toFixed(1)} KB gzip, ` +
          `${page.js.scriptCount} scripts, form code ${page.js.formCode}${page.js.error ? ` (error: ${page.js.error})` : ""}`,
      );
    }
    if (minimal) {
      minimal.js = await measurePageJs(browser, minimal.url, new URL(minimal.url).origin);
      log(
        `[js baseline] minimal form page: ${(minimal.js.gzipBytes / 1024).toFixed(1)} KB gzip, ${minimal.js.scriptCount} scripts, form code ${minimal.js.formCode}`,
      );
    }
  } catch (err) {
    log(`Playwright failed: ${errorMessage(err)}`);
    for (const page of pages) if (page.js.error === "not measured") page.js.error = `Playwright failed: ${errorMessage(err)}`;
  } finally {
    await browser?.close().catch(() => undefined);
    browser = null;
    unregisterBrowser();
  }

  // Phase 2: Lighthouse, one Chrome instance for all pages (and the baseline page).
  const chrome = new ChromeForLighthouse();
  let baseline: LhResultSummary | null = null;
  try {
    for (const [i, page] of pages.entries()) {
      page.lighthouse = await runLighthouse(chrome, page.url, options.runs, `${i + 1}/${pages.length} ${page.path}`);
    }
    if (options.baseline) {
      const bare = await startBarePage();
      try {
        baseline = await runLighthouse(chrome, bare.url, options.runs, "baseline: bare HTML page");
      } finally {
        await bare.close();
      }
    }
    if (minimal) minimal.lighthouse = await runLighthouse(chrome, minimal.url, options.runs, "baseline: minimal react-hook-form + zod page");
  } finally {
    chrome.dispose();
  }

  for (const page of pages) page.issues = issuesFor(page);

  // Report.
  const out: string[] = [];
  out.push(renderTable(pages));
  if (pages.some((p) => p.js.anyGzippedLocally)) {
    out.push("* some scripts were not served gzip-encoded; their size was computed by gzipping locally (zlib default level).");
  }
  out.push("");
  out.push(renderSummary(pages));
  if (baseline) out.push("", renderBaseline(pages, baseline));
  if (minimal) out.push("", renderFormBaseline(pages, minimal));
  out.push(machineLine());
  out.push("");
  const flagged = pages.filter((p) => p.issues.length > 0);
  if (flagged.length === 0) {
    out.push("All pages meet the targets (Perf >= 98, A11y/BP/SEO = 100, TBT <= 50 ms, CLS = 0).");
  } else {
    out.push(`Pages missing targets (Perf >= 98, A11y/BP/SEO = 100, TBT <= 50 ms, CLS = 0): ${flagged.length}`);
    for (const page of flagged) {
      const headline = page.issues.filter((issue) => !issue.startsWith("    "));
      out.push(`${page.path}: ${headline.length > 0 ? headline.join("; ") : "meets targets, but see notes"}`);
      for (const detail of page.issues.filter((issue) => issue.startsWith("    "))) out.push(detail);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);

  // JSON.
  const finishedAt = new Date();
  const file = resultsPath(`pages-${startedAt.toISOString().replace(/:/g, "-")}.json`);
  const lighthouseVersion = pages.find((p) => p.lighthouse.median)?.lighthouse.median?.lighthouseVersion ?? null;
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    baseUrl: origin,
    serverStartedByScript: !options.baseUrl,
    runsPerPage: options.runs,
    chromium: CHROMIUM_PATH,
    lighthouseVersion,
    lighthouseConfig: "default (mobile preset, simulated throttling)",
    targets: TARGETS,
    baseline,
    minimalFormBaseline: minimal,
    pages,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`\nFull results written to ${path.relative(ROOT, file)}`);
  return 0;
}

main()
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    if (err instanceof FatalError) log(`\nError: ${err.message}`);
    else log(`\nUnexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await runCleanups();
    process.exit(1);
  });
