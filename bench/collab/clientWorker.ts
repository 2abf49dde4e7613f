/**
 * A worker thread hosting a share of the benchmark's clients, so reading 50 copies of an
 * update is not serialised through one event loop. Each update carries its send time
 * (epoch-based, high resolution, comparable across threads), so any receiver can time it.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { connectAll, hocuspocusConnector, trellisConnector } from "./clients.js";

/** What the main thread asks of a worker. */
export interface WorkerPlan {
  server: "trellis" | "hocuspocus";
  port: number;
  /** Session cookies, one per person; clients take them in turn. */
  cookies: string[];
  /** One document name per client this worker hosts. */
  names: string[];
  /** Updates a second this worker writes, from random clients among the first `writers`. */
  rate: number;
  writers: number;
}

/** A high-resolution timestamp on a clock shared by every thread of the process. */
export const now = () => performance.timeOrigin + performance.now();

// Every provider adds a process exit listener; hundreds per thread are expected here.
process.setMaxListeners(0);
const plan = workerData as WorkerPlan;
const connect = plan.server === "trellis" ? trellisConnector(plan.port, plan.cookies) : hocuspocusConnector(plan.port);
const clients = await connectAll(connect, plan.names);
const latencies: number[] = [];
let measuring = false;
let sent = 0;

for (const client of clients) {
  const map = client.doc.getMap<number>("bench");
  map.observe((event) => {
    if (event.transaction.local || !measuring) return;
    const at = now();
    for (const key of event.keysChanged) latencies.push(at - map.get(key)!);
  });
}

/** One typing-sized update: a character into the text, and its send time under the writer's key. */
function write(index: number) {
  const doc = clients[index]!.doc;
  doc.transact(() => {
    const text = doc.getText("body");
    text.insert(text.length, "x");
    doc.getMap("bench").set(`w${index}-${plan.names[index]}`, now());
  });
  if (measuring) sent++;
}

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let timer: NodeJS.Timeout | null = null;
parentPort!.on("message", (message: "start" | "measure" | "stop" | "report") => {
  if (message === "start" && plan.rate > 0) {
    const started = performance.now();
    let issued = 0;
    // A fine tick spreads the rate evenly instead of sending it in bursts.
    timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * plan.rate);
      for (; issued < due; issued++) write(Math.floor(Math.random() * plan.writers));
    }, 2);
  }
  if (message === "measure") {
    measuring = true;
    loopDelay.reset();
  }
  if (message === "stop" && timer) clearInterval(timer);
  if (message === "report") {
    measuring = false;
    parentPort!.postMessage({ latencies, sent, loopDelayMax: loopDelay.max / 1e6 });
    for (const c of clients) c.destroy();
    setTimeout(() => process.exit(0), 50);
  }
});
parentPort!.postMessage("ready");
