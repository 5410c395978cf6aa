/**
 * Processes a benchmark starts: the app server (server.ts on a production build, through the
 * same helper as the HTTP tests), baselines and workers. Each runs in its own process group, so
 * stopping it stops what it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort, startAppServer, type AppServer } from "../../tests/helpers/app-server";
import { ROOT } from "./project";

export { freePort, type AppServer };

/** The build the benchmarks serve: NEXT_DIST_DIR, else .next (what `npm run build` makes). */
export const benchDistDir = () => process.env.NEXT_DIST_DIR || ".next";

/** Throws a plain message when there is no production build to serve. */
export function requireBuild(distDir = benchDistDir()): void {
  if (!existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: run \`npm run build\` first (or set NEXT_DIST_DIR).`);
  }
}

/** server.ts on the benchmark build, on a free port of 127.0.0.1, answering `readyPath`. */
export function startBenchServer(options: { env?: Record<string, string | undefined>; readyPath?: string; timeoutMs?: number } = {}): Promise<AppServer> {
  requireBuild();
  return startAppServer({ distDir: benchDistDir(), timeoutMs: 60_000, ...options });
}

export type Spawned = {
  child: ChildProcess;
  /** stdout and stderr as they arrived. */
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
};

const running = new Set<Spawned>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Starts a command in the repository, in its own process group, with `env` over ours. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Spawned {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on("data", (d: Buffer) => stdout.push(d.toString("utf8")));
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const spawned: Spawned = {
    child,
    stdout,
    stderr,
    exited,
    async stop() {
      running.delete(spawned);
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(spawned);
  void exited.then(() => running.delete(spawned));
  return spawned;
}

/** Stops every process startProcess started that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** On Ctrl-C or SIGTERM: stop every started process, then exit 130. */
export function stopAllOnInterrupt(): void {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (interrupted) return;
      interrupted = true;
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** Polls `url` until it answers below 500. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}
