/**
 * The longest main-thread stall while some work runs, told apart from waiting for a core: a
 * 1 ms timer measures each gap between its ticks, and the main thread's own on-CPU time in
 * that gap (Linux schedstat, in ns) says how much of it was this thread working. On a shared
 * 2-core machine a gap of 100 ms can be 5 ms of work and 95 ms of queueing; the budget is
 * about the work, but both are printed.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

/** What one measured run cost the event loop. */
export interface Stall {
  /** The widest gap between timer ticks (wall clock), ms. */
  stallMs: number;
  /** The most main-thread CPU time spent inside one gap, ms: the longest block of work. */
  blockCpuMs: number;
  /** monitorEventLoopDelay's max over the run, ms (the same probe as the server benches). */
  eldMaxMs: number;
  /** How long the work took, ms. */
  wallMs: number;
}

const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

/** The main thread's on-CPU time so far, ns (NaN where there is no schedstat). */
function mainThreadCpuNs(): number {
  try {
    return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]);
  } catch {
    return Number.NaN;
  }
}

/** Runs `work` and measures the longest stall it caused. */
export async function measureStall(work: () => Promise<unknown>): Promise<Stall> {
  let lastAt = performance.now();
  let lastCpu = mainThreadCpuNs();
  let stallMs = 0;
  let blockCpuNs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuNs();
    stallMs = Math.max(stallMs, now - lastAt);
    blockCpuNs = Math.max(blockCpuNs, cpu - lastCpu);
    lastAt = now;
    lastCpu = cpu;
  }, 1);
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  await new Promise((r) => setTimeout(r, 20));
  lastAt = performance.now();
  lastCpu = mainThreadCpuNs();
  stallMs = 0;
  blockCpuNs = 0;
  eld.reset();
  // The histogram's first tick after a reset only sets its baseline.
  await new Promise((r) => setTimeout(r, 5));
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  // One more tick, so a stall at the very end is counted.
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(probe);
  eld.disable();
  return { stallMs, blockCpuMs: blockCpuNs / 1e6, eldMaxMs: eld.max / 1e6, wallMs };
}
