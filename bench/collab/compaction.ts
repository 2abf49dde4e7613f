/**
 * Compaction's cost to the event loop (issue 10 item 16; budget: no main-thread block over
 * 20 ms). A document of about 400 KB of state sits in the log as paragraph-sized updates; it
 * is compacted once with the merge on the main thread (as before) and once on the merge
 * worker (as the server does now), while a 1 ms timer measures the longest stall.
 */
import * as Y from "yjs";
import { compactDocument, mergeHere, type MergeUpdates } from "../../server/collab/documentStore.js";
import { MergeWorker } from "../../server/collab/MergeWorker.js";
import { UpdateLog } from "../../server/collab/UpdateLog.js";
import { createLogger } from "../../server/logger.js";
import { benchDatabase, seedDocuments, type Driver } from "./data.js";

const PROSE = "Pupils in Year 4 read daily with an adult; the reading lead checks progress each half term. ";

/** Writes paragraph updates into the log until the document's state passes `targetBytes`. */
function fill(targetBytes: number, onUpdate: (u: Uint8Array) => void): Y.Doc {
  const doc = new Y.Doc();
  doc.on("update", (u: Uint8Array) => onUpdate(u));
  const fragment = doc.getXmlFragment("default");
  for (let i = 0; ; i++) {
    doc.transact(() => {
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      p.insert(0, [text]);
      fragment.insert(fragment.length, [p]);
      text.insert(0, `${i}. ${PROSE}`);
      // A correction now and then, so the log holds deletions too.
      if (i % 7 === 0) text.delete(0, 2);
    });
    if (i % 200 === 0 && Y.encodeStateAsUpdate(doc).byteLength >= targetBytes) return doc;
  }
}

/** The longest main-thread stall (ms) while `run` runs: the widest gap between ticks of a 1 ms timer. */
async function longestStall(run: () => Promise<unknown>): Promise<{ stallMs: number; wallMs: number }> {
  let last = performance.now();
  let widest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    widest = Math.max(widest, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 20));
  last = performance.now();
  widest = 0;
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  // One more tick, so a stall at the very end is counted.
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(probe);
  return { stallMs: widest, wallMs };
}

/** Compacts a ~400 KB document both ways on one driver. */
export async function compaction(driver: Driver, o: { stateBytes: number }) {
  const database = await benchDatabase(driver);
  try {
    const { documentIds } = await seedDocuments(database, 2);
    const { db, close } = await database.open();
    const worker = new MergeWorker();
    try {
      const figures: Record<string, { stallMs: number; wallMs: number }> = {};
      let stateBytes = 0;
      let rows = 0;
      for (const [label, merge, documentId] of [
        ["main thread", mergeHere, documentIds[0]!],
        ["merge worker", (u: Uint8Array[]) => worker.merge(u), documentIds[1]!],
      ] as [string, MergeUpdates, string][]) {
        const log = new UpdateLog(db, createLogger("warn"));
        rows = 0;
        const source = fill(o.stateBytes, (u) => {
          rows++;
          log.append(documentId, u, null);
        });
        await log.flush();
        stateBytes = Y.encodeStateAsUpdate(source).byteLength;
        // Warm the worker (its start-up is paid once per process, off the main thread too).
        if (label === "merge worker") await worker.merge([Y.encodeStateAsUpdate(new Y.Doc())]);
        figures[label] = await longestStall(() => compactDocument(db, documentId, undefined, merge));
      }
      // The merge alone, without the database reads and writes (PGlite runs on the main thread too).
      const updates = [Y.encodeStateAsUpdate(fill(o.stateBytes, () => {}))];
      figures["merge alone, main thread"] = await longestStall(() => mergeHere(updates));
      figures["merge alone, worker"] = await longestStall(() => worker.merge(updates));
      return { stateBytes, rows, figures };
    } finally {
      await worker.close();
      await close();
    }
  } finally {
    await database.dispose();
  }
}
