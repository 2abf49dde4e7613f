/**
 * Renders exports in one long-lived worker thread (renderWorker.ts), so laying out a 1,000-block
 * plan never holds the server's event loop. Renders queue in the worker one after another; one
 * that runs past its time limit, or a worker that dies, takes the worker down with the renders it
 * held, and the next export starts a fresh one. The worker is the bundled
 * dist/server/exportWorker.mjs in production and the TypeScript source (through tsx) under tsx and vitest.
 */
import type { Worker } from "node:worker_threads";
import { startWorker as startThread } from "../workers/startWorker.js";
import type { ExportContent } from "./content.js";
import type { RenderReply, RenderRequest } from "./renderWorker.js";

/** How long one render may take, queueing included: a governor pack with a 1,000-block plan takes a few seconds. */
export const RENDER_TIMEOUT_MS = 60_000;

const WORKER_URL = import.meta.url.endsWith(".ts") ? new URL("./renderWorker.ts", import.meta.url) : new URL("./exportWorker.mjs", import.meta.url);
const startWorker = (): Worker => startThread(WORKER_URL, 1024);

interface Pending {
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

let current: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

/** The running worker, started on first use; it never keeps the process alive on its own. */
function renderer() {
  if (current) return current;
  const worker = startWorker();
  const pending = new Map<number, Pending>();
  const state = { worker, pending };
  const fail = (err: Error) => {
    if (current === state) current = null;
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    pending.clear();
  };
  worker.on("message", (reply: RenderReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    clearTimeout(p.timer);
    if (reply.ok) p.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else p.reject(new Error(`The export could not be rendered: ${reply.message}`));
    if (!pending.size) worker.unref();
  });
  worker.on("error", (err) => fail(new Error(`The export could not be rendered: ${err.message}`)));
  worker.on("exit", (code) => fail(new Error(`The export renderer stopped unexpectedly (exit ${code})`)));
  worker.unref();
  current = state;
  return state;
}

/** Renders the content in the worker. */
export function renderInWorker(content: ExportContent, format: "docx" | "pdf", { timeoutMs = RENDER_TIMEOUT_MS } = {}): Promise<Buffer> {
  const { worker, pending } = renderer();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The worker is busy with this render and cannot be interrupted: it goes, with whatever else it held.
      void worker.terminate();
      reject(new Error("The export took too long to render"));
    }, timeoutMs);
    pending.set(id, { resolve, reject, timer });
    // Held while a render is running, so a test or a shutdown waits for the file rather than cutting it off.
    worker.ref();
    worker.postMessage({ id, content, format } satisfies RenderRequest);
  });
}

/** Stops the worker (tests, shutdown); the next render starts another. */
export async function stopRenderer(): Promise<void> {
  const state = current;
  current = null;
  if (state) await state.worker.terminate();
}
