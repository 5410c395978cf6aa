/**
 * The small Next apps the benchmarks compare the site with, each built with the repository's
 * own next and react (its node_modules), when its build is missing or older than its sources,
 * then served by `next start` on a free port of 127.0.0.1:
 * - bench/baselines/minimal-form: the form pages' baseline in bench:pages, one page and one
 *   react-hook-form + zod form;
 * - bench/baselines/next-floor: Next's own floor in bench:submissions, one page and one Server
 *   Action doing the raw-driver baseline's work.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./project";
import { freePort, startProcess, waitForHttp } from "./servers";

export const MINIMAL_FORM_DIR = path.join(ROOT, "bench", "baselines", "minimal-form");
export const NEXT_FLOOR_DIR = path.join(ROOT, "bench", "baselines", "next-floor");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "next.config.ts", "proxy.ts", path.join(ROOT, "package-lock.json")];
/** Sources outside an app's folder that it builds in. */
const EXTRA_SOURCES: Record<string, string[]> = { [NEXT_FLOOR_DIR]: [path.join(ROOT, "bench", "baselines", "raw-submit.ts")] };

function newestSource(dir: string, entry: string): number {
  const full = path.resolve(dir, entry);
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((name) => newestSource(dir, path.join(full, name))));
}

/** Whether the app's build is missing or older than its sources (or the lockfile). */
export function baselineAppNeedsBuild(dir = MINIMAL_FORM_DIR): boolean {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = [...SOURCES, ...(EXTRA_SOURCES[dir] ?? [])];
  return Math.max(...sources.map((s) => newestSource(dir, s))) > statSync(buildId).mtimeMs;
}

export function buildBaselineApp(dir = MINIMAL_FORM_DIR): void {
  execFileSync(process.execPath, [NEXT_BIN, "build", dir], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The app served by `next start` (with `env` over ours); builds it first if needed. */
export async function startBaselineApp(
  log: (message: string) => void,
  { dir = MINIMAL_FORM_DIR, env = {}, readyPath = "/" }: { dir?: string; env?: Record<string, string>; readyPath?: string } = {},
): Promise<{ url: string; base: string; pid: number | undefined; stderr: string[]; stop: () => Promise<void> }> {
  if (baselineAppNeedsBuild(dir)) {
    log(`Building ${path.relative(ROOT, dir)}...`);
    buildBaselineApp(dir);
  }
  const port = await freePort();
  const server = startProcess(process.execPath, [NEXT_BIN, "start", dir, "-p", String(port), "-H", "127.0.0.1"], {
    ...process.env,
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(base + readyPath, 60_000);
  } catch (err) {
    await server.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${server.stderr.join("")}`);
  }
  return { url: `${base}/`, base, pid: server.child.pid, stderr: server.stderr, stop: () => server.stop() };
}
