/**
 * Runs a conversion in a worker thread with a time limit and a heap limit, so a hostile or huge
 * file cannot stall the server's event loop or exhaust its memory. The worker is the bundled
 * dist/server/importWorker.mjs in production, and the TypeScript source (loaded through tsx)
 * under tsx and vitest.
 */
import type { Worker } from "node:worker_threads";
import { startWorker as startThread } from "../workers/startWorker.js";
import type { ImportResult } from "../../shared/importPreview.js";
import type { ConversionInput } from "./convertDocx.js";
import type { ConversionReply } from "./conversionWorker.js";
import { DocxRefused } from "./docxPackage.js";
import type { ImportedPlan } from "./planUpdate.js";

/** How long one conversion may take; a 40-page plan takes well under a second. */
export const CONVERSION_TIMEOUT_MS = 15_000;
/** Conversions running at once; more wait their turn, so a burst of uploads cannot start a worker each. */
const MAX_PARALLEL = 2;

const WORKER_URL = import.meta.url.endsWith(".ts") ? new URL("./conversionWorker.ts", import.meta.url) : new URL("./importWorker.mjs", import.meta.url);
const startWorker = (): Worker => startThread(WORKER_URL, 512);

let running = 0;
const queue: (() => void)[] = [];
async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  return () => {
    running--;
    queue.shift()?.();
  };
}

/** A conversion's answer; with `encode`, also the document's Yjs update and progress rows, built in the worker. */
export type Conversion = ImportResult & { plan?: ImportedPlan };

/** Converts in a worker. Rejects with DocxRefused for files it will not read, or that took too long. */
export async function runConversion(input: ConversionInput, { timeoutMs = CONVERSION_TIMEOUT_MS, encode = false } = {}): Promise<Conversion> {
  const release = await slot();
  try {
    return await new Promise<Conversion>((resolve, reject) => {
      const worker = startWorker();
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(
        () => finish(() => reject(new DocxRefused("unreadable", "This file took too long to read. If it is a very large plan, split it and import each part."))),
        timeoutMs,
      );
      worker.once("message", (reply: ConversionReply) =>
        finish(() => (reply.ok ? resolve(reply.plan ? { ...reply.result, plan: reply.plan } : reply.result) : reject(new DocxRefused(reply.code as DocxRefused["code"], reply.message)))),
      );
      worker.once("error", (err) =>
        finish(() => reject(new DocxRefused("unreadable", /memory/i.test(String(err)) ? "This file needs too much memory to read." : `This Word document could not be read: ${err.message}`))),
      );
      worker.once("exit", (code) => finish(() => reject(new DocxRefused("unreadable", `The conversion stopped unexpectedly (exit ${code}).`))));
      const copy = input.bytes.slice();
      worker.postMessage({ ...input, bytes: copy, encode }, [copy.buffer]);
    });
  } finally {
    release();
  }
}
