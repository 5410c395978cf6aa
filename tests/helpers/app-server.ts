/**
 * Starts the production app server (server.ts on a `next build`) for HTTP tests, on a free
 * port of 127.0.0.1, and captures what it prints.
 *
 *   const server = await startAppServer({ distDir: ".next-test", env: { DATABASE_URL: url } });
 *   await fetch(`${server.base}/apply`);
 *   expect(server.log.join("\n")).not.toMatch(/TypeError/);
 *   await server.stop();
 *
 * - `env` is laid over this process's environment (minus Vitest's and the test database's
 *   settings; undefined removes a key); NODE_ENV is production, NEXT_DIST_DIR is `distDir`.
 * - `log`: stdout and stderr, a line per entry. `stop()` ends the process group (SIGTERM,
 *   then SIGKILL after 5 s); servers left running die with the test process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type AppServerOptions = {
  /** Variables for the server, over the cleaned environment; undefined removes one. */
  env?: Record<string, string | undefined>;
  /** The build to serve (NEXT_DIST_DIR). */
  distDir?: string;
  /** Extra arguments for server.ts (e.g. ["--dev"]). */
  args?: string[];
  /** How long to wait for the first answer. Default 90 s (a cold start on a busy machine). */
  timeoutMs?: number;
  /** The path polled until it answers. Default /robots.txt. */
  readyPath?: string;
};

export type AppServer = {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  /** stdout and stderr, one entry per line. */
  log: string[];
  child: ChildProcess;
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** This process's environment without the variables that belong to the test runner. */
export function serverBaseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith("VITEST") || k.startsWith("LOOMSTACK_TEST_") || k === "TEST_DATABASE") delete env[k];
  }
  return env;
}

export function defaultDistDir(): string {
  return process.env.NEXT_DIST_DIR || ".next-test";
}

async function launch(options: AppServerOptions, port: number): Promise<AppServer> {
  const distDir = options.distDir ?? defaultDistDir();
  const env: NodeJS.ProcessEnv = { ...serverBaseEnv(), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  delete env.PORT; // the port is given on the command line
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts", "-p", String(port), "-H", "127.0.0.1", ...(options.args ?? [])], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so everything it starts is stopped with it
  });
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const c of running) killGroup(c, "SIGKILL");
    });
  }
  const log: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      log.push(...lines);
    });
    stream.on("end", () => {
      if (partial) log.push(partial);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  return { base: `http://127.0.0.1:${port}`, port, log, child, stop };
}

async function waitUntilAnswering(server: AppServer, readyPath: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the app server exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.log.join("\n")}`);
    }
    try {
      const res = await fetch(`${server.base}${readyPath}`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app server did not answer ${readyPath} within ${timeoutMs} ms:\n${server.log.join("\n")}`);
}

/** Starts server.ts on a production build and waits until it answers. */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  const distDir = options.distDir ?? defaultDistDir();
  if (!existsSync(path.join(PROJECT_ROOT, distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: build first (NEXT_DIST_DIR=${distDir} npx next build), or set NEXT_DIST_DIR.`);
  }
  // A free port can be taken between the check and the listen: try another one then.
  for (let attempt = 1; ; attempt++) {
    const server = await launch(options, await freePort());
    try {
      await waitUntilAnswering(server, options.readyPath ?? "/robots.txt", options.timeoutMs ?? 90_000);
      return server;
    } catch (error) {
      await server.stop();
      if (attempt < 3 && server.log.some((l) => l.includes("EADDRINUSE"))) continue;
      throw error;
    }
  }
}
