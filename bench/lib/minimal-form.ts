/**
 * The form pages' baseline in bench:pages: bench/baselines/minimal-form, a separate Next app
 * with one page and one react-hook-form + zod form, built with the repository's own next,
 * react, react-hook-form and zod (its node_modules). Built when its build is missing or older
 * than its sources, then served by `next start` on a free port of 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./project";
import { freePort, startProcess, waitForHttp } from "./servers";

export const MINIMAL_FORM_DIR = path.join(ROOT, "bench", "baselines", "minimal-form");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "next.config.ts", "proxy.ts", path.join(ROOT, "package-lock.json")];

function newestSource(entry: string): number {
  const full = path.resolve(MINIMAL_FORM_DIR, entry);
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((name) => newestSource(path.join(full, name))));
}

/** Whether the baseline's build is missing or older than its sources (or the lockfile). */
export function minimalFormNeedsBuild(): boolean {
  const buildId = path.join(MINIMAL_FORM_DIR, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  return Math.max(...SOURCES.map(newestSource)) > statSync(buildId).mtimeMs;
}

export function buildMinimalForm(): void {
  execFileSync(process.execPath, [NEXT_BIN, "build", MINIMAL_FORM_DIR], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The baseline page served by `next start`; builds it first if needed. */
export async function startMinimalForm(log: (message: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  if (minimalFormNeedsBuild()) {
    log(`Building the minimal form baseline (${path.relative(ROOT, MINIMAL_FORM_DIR)})...`);
    buildMinimalForm();
  }
  const port = await freePort();
  const server = startProcess(process.execPath, [NEXT_BIN, "start", MINIMAL_FORM_DIR, "-p", String(port), "-H", "127.0.0.1"], {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url, 60_000);
  } catch (err) {
    await server.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${server.stderr.join("")}`);
  }
  return { url, stop: () => server.stop() };
}
