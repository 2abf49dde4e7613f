/**
 * Folds a document's snapshot and log into one Yjs state on a worker thread, so compacting a
 * large document never blocks the event loop every room shares (a 400 KB document takes a
 * few hundred milliseconds to rebuild). The worker is started on first use, kept for later
 * compactions, and does not hold the process open.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The merged state, and how many stored updates failed to apply (damage at rest). */
export interface Merged {
  state: Uint8Array;
  failed: number;
}

// Plain CommonJS so the same source runs under tsx and from the esbuild bundle; yjs is required
// by absolute path, resolved here, since an eval'd worker has no module of its own to resolve from.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Y = require(workerData.yjs);
parentPort.on("message", ({ id, packed, lengths }) => {
  try {
    const updates = [];
    let at = 0;
    for (const length of lengths) {
      updates.push(packed.subarray(at, at + length));
      at += length;
    }
    const doc = new Y.Doc();
    let failed = 0;
    doc.transact(() => {
      for (const update of updates) {
        try { Y.applyUpdate(doc, update); } catch { failed++; }
      }
    });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, state, failed }, [state.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  }
});
`;

type Reply = { id: number; state: Uint8Array; failed: number } | { id: number; error: string };

/** One long-lived merge worker. */
export class MergeWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (m: Merged) => void; reject: (e: Error) => void }>();

  /** Merges updates (snapshot first, then the log in order) into one state. */
  merge(updates: Uint8Array[]): Promise<Merged> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Merged>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // One packed buffer, transferred: cloning thousands of rows one by one would stall this thread.
      // (The rows themselves may be views into the driver's shared pool, so they are copied first.)
      const lengths = updates.map((u) => u.byteLength);
      const packed = new Uint8Array(lengths.reduce((a, b) => a + b, 0));
      let at = 0;
      for (const u of updates) {
        packed.set(u, at);
        at += u.byteLength;
      }
      worker.postMessage({ id, packed, lengths }, [packed.buffer]);
    });
  }

  /** Stops the worker; pending merges fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const yjs = createRequire(import.meta.url).resolve("yjs");
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { yjs } });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!waiter) return;
      if ("error" in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve({ state: reply.state, failed: reply.failed });
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(err);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`merge worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
