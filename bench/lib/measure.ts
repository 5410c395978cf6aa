/** Time, CPU, memory and machine load, for figures that can be compared between runs. */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { ROOT } from "./project";

const MB = 1024 * 1024;

/** Wall-clock and CPU milliseconds of one call. CPU moves less than wall time when the machine is shared. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

/** The 1-minute load average (0 where the OS has none). */
export const loadAverage = () => loadavg()[0];

/** One line naming the machine and its load, printed at the top of every report. */
export function machineLine(): string {
  return `Node ${process.version}; ${cpus().length} CPU(s) (${cpus()[0]?.model ?? "?"}); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
}

/** Peak RSS in bytes from /proc/self/status (Linux), or null. */
function vmHwm(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

export type MemoryReport = {
  baselineRssMb: number;
  peakRssSampledMb: number;
  /** getrusage maxRSS: in a spawned child it includes the parent's RSS at fork. */
  maxRssMb: number;
  /** Linux VmHWM, reset when watching began: this work's own peak. */
  hwmMb: number | null;
  hwmReset: boolean;
  heapUsedPeakMb: number;
  cpuSeconds: number;
  load: number;
};

/**
 * Watches this process's memory and CPU from now on. Resets the kernel's peak-RSS mark so the
 * peak is this work's and not start-up's (getrusage's maxRSS cannot be reset, and after a fork
 * it still holds the parent's peak).
 */
export function watchMemory() {
  let hwmReset = false;
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    hwmReset = true;
  } catch {
    // not Linux: only maxRSS, the whole process's peak
  }
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(() => {
    sample();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 50);
  const load = loadAverage();
  const cpu0 = process.cpuUsage();
  return {
    /** Call often (e.g. after every chunk): the timer alone misses short peaks. */
    sample,
    stop(): MemoryReport {
      const cpu = process.cpuUsage(cpu0);
      clearInterval(timer);
      sample();
      const hwm = vmHwm();
      return {
        baselineRssMb: baseline / MB,
        peakRssSampledMb: peak / MB,
        maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
        hwmMb: hwm === null ? null : hwm / MB,
        hwmReset,
        heapUsedPeakMb: heapPeak / MB,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        load,
      };
    },
  };
}

/** The highest peak RSS a report can vouch for, in MB. */
export function peakRssMb(m: MemoryReport): number {
  return Math.max(m.hwmReset && m.hwmMb !== null ? m.hwmMb : m.maxRssMb, m.peakRssSampledMb);
}

const RESULT_MARK = "@@RESULT ";

/** In a child started by runChild: hand the result to the parent. */
export function reportToParent(result: unknown): void {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(result)}\n`);
}

/**
 * Runs a TypeScript script in a child process (so its peak RSS is its own) and returns what it
 * passed to reportToParent. The child's stderr goes to ours.
 */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (code !== 0 || !line) return reject(new Error(`child ${script} failed (exit ${code}): ${stdout.slice(-2000)}`));
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T);
    });
  });
}

/**
 * CPU seconds (user + system) used so far by the live processes of a process group (a server
 * started detached: its group id is its pid), from /proc. Read before and after a run, the
 * difference is what the server spent, whatever else the machine was doing; null where there
 * is no /proc. Processes of the group that have exited are not counted.
 */
export function groupCpuSeconds(pgid: number | undefined): number | null {
  if (!pgid || !existsSync("/proc")) return null;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue; // pgrp
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks / CLOCK_TICKS;
}
/** Linux's USER_HZ: /proc's CPU times are in these ticks. */
const CLOCK_TICKS = 100;
