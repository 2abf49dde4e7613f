/** Percentiles and process sampling (RSS and CPU from /proc, the same for every server measured). */
import { readFileSync } from "node:fs";

/** The p-th percentile (0-100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Resident memory of a process, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces; fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Samples a process's RSS while a workload runs, and its CPU over the window. */
export function sampleProcess(pid: number, everyMs = 250) {
  const startCpu = cpuSeconds(pid);
  const started = performance.now();
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // the process is gone; keep what we have
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      const rss = rssBytes(pid);
      return { rssBytes: rss, peakRssBytes: Math.max(peak, rss), cpuPercent: ((cpuSeconds(pid) - startCpu) / seconds) * 100 };
    },
  };
}

/** Rounds for printing. */
export const ms = (v: number) => Math.round(v * 100) / 100;
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
