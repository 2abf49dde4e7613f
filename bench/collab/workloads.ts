/**
 * The two live workloads, identical for every server: fan-out (one writer, many readers on
 * one document) and capacity (many documents, a few clients each, a steady total update
 * rate). Clients live in worker threads; latency is send-to-observe in the receiving client.
 */
import { loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import type { WorkerPlan } from "./clientWorker.js";
import type { LoopDelay, ServerChild } from "./serverChild.js";
import { percentile, sampleProcess } from "./stats.js";

/** What one workload run measured. */
export interface WorkloadResult {
  samples: number;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  rssBytes: number;
  peakRssBytes: number;
  cpuPercent: number;
  /** The server's event-loop delay over the window (ms). */
  serverLoopDelay: LoopDelay | null;
  /** The worst event-loop delay any client thread saw (ms): time the harness itself lost. */
  clientLoopDelayMax: number;
  /** The machine's 1-minute load average at the end of the window (2 cores). */
  loadAverage: number;
}

/** The server under test, as the workers need it. */
export interface Target {
  server: WorkerPlan["server"];
  port: number;
  cookies: string[];
  child: ServerChild;
}

const READER_THREADS = 2;

/** One writer and `readers` readers on one document, `rate` updates a second. */
export function fanout(target: Target, documentName: string, o: { readers: number; rate: number; seconds: number; warmupSeconds: number }) {
  const plans: Omit<WorkerPlan, "server" | "port" | "cookies">[] = [{ names: [documentName], rate: o.rate, writers: 1 }];
  for (let t = 0; t < READER_THREADS; t++) {
    const share = Math.floor(o.readers / READER_THREADS) + (t < o.readers % READER_THREADS ? 1 : 0);
    plans.push({ names: Array(share).fill(documentName), rate: 0, writers: 0 });
  }
  return run(target, plans, o);
}

/** `connections` clients over `documents` documents, `rate` updates a second in all, from random clients. */
export function capacity(target: Target, documentNames: string[], o: { connections: number; rate: number; seconds: number; warmupSeconds: number }) {
  const plans: Omit<WorkerPlan, "server" | "port" | "cookies">[] = [];
  for (let t = 0; t < READER_THREADS; t++) {
    const names: string[] = [];
    // Client i is on document i mod N, so every document has clients in every thread.
    for (let i = t; i < o.connections; i += READER_THREADS) names.push(documentNames[i % documentNames.length]!);
    plans.push({ names, rate: o.rate / READER_THREADS, writers: names.length });
  }
  return run(target, plans, o);
}

async function run(target: Target, plans: Omit<WorkerPlan, "server" | "port" | "cookies">[], o: { seconds: number; warmupSeconds: number }): Promise<WorkloadResult> {
  const workers: Worker[] = [];
  // Connect one thread at a time: a thousand handshakes at once measure nothing useful.
  for (const plan of plans) {
    // Loader hooks are per thread in Node 20: the worker registers tsx, then loads its entry.
    const entry = new URL("./clientWorker.ts", import.meta.url).href;
    const worker = new Worker(`import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, {
      eval: true,
      workerData: { ...plan, server: target.server, port: target.port, cookies: target.cookies } satisfies WorkerPlan,
    });
    await new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    workers.push(worker);
  }
  const tell = (m: string) => {
    for (const w of workers) w.postMessage(m);
  };
  tell("start");
  await sleep(o.warmupSeconds * 1000);
  tell("measure");
  target.child.markLoopDelay();
  const sampler = sampleProcess(target.child.pid);
  await sleep(o.seconds * 1000);
  const server = sampler.stop();
  const serverLoopDelay = await target.child.readLoopDelay();
  const loadAverage = loadavg()[0]!;
  tell("stop");
  // Let in-flight updates land, so the tail is not cut off.
  await sleep(500);
  const reports = await Promise.all(
    workers.map(
      (w) =>
        new Promise<{ latencies: number[]; sent: number; loopDelayMax: number }>((resolve) => {
          w.once("message", resolve);
          w.postMessage("report");
        }),
    ),
  );
  const latencies = reports.flatMap((r) => r.latencies);
  const sent = reports.reduce((n, r) => n + r.sent, 0);
  return {
    samples: latencies.length,
    sent,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    ...server,
    serverLoopDelay,
    clientLoopDelayMax: Math.max(...reports.map((r) => r.loopDelayMax)),
    loadAverage,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
