/**
 * Preloaded into every server the benches run (ours and Hocuspocus alike): measures event-loop
 * delay, so a latency tail can be told apart from a process that was not scheduled. The first
 * SIGUSR2 starts a window; the next prints `ELD {p50,p99,max}` (ms) on stderr and starts another.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
let open = false;
process.on("SIGUSR2", () => {
  if (open) {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
    process.stderr.write(`ELD ${JSON.stringify(figures)}\n`);
  }
  open = true;
  histogram.reset();
});
