/**
 * Compaction's cost to the event loop (issue 10 item 16; budget: no main-thread block over
 * 20 ms). A document of about 400 KB of state sits in the log as paragraph-sized updates; it
 * is compacted once with the merge on the main thread (as before) and once on the merge
 * worker (as the server does now); then 300 more paragraphs are folded onto that 400 KB
 * snapshot (the usual case in a live room). mainThreadStall.ts measures each.
 */
import * as Y from "yjs";
import { compactDocument, mergeHere, type MergeUpdates } from "../../server/collab/documentStore.js";
import { MergeWorker } from "../../server/collab/MergeWorker.js";
import { UpdateLog } from "../../server/collab/UpdateLog.js";
import { createLogger } from "../../server/logger.js";
import { benchDatabase, seedDocuments, type Driver } from "./data.js";
import { measureStall, type Stall } from "./mainThreadStall.js";

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

/** Compacts a ~400 KB document both ways on one driver. */
export async function compaction(driver: Driver, o: { stateBytes: number }) {
  const database = await benchDatabase(driver);
  try {
    const { documentIds } = await seedDocuments(database, 2);
    const { db, close } = await database.open();
    const worker = new MergeWorker();
    try {
      const figures: Record<string, Stall> = {};
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
        figures[label] = await measureStall(() => compactDocument(db, documentId, undefined, merge));
        if (label !== "merge worker") continue;
        const filled = rows;
        const fragment = source.getXmlFragment("default");
        for (let i = 0; i < 300; i++) {
          source.transact(() => {
            const p = new Y.XmlElement("paragraph");
            const text = new Y.XmlText();
            p.insert(0, [text]);
            fragment.insert(fragment.length, [p]);
            text.insert(0, `More. ${PROSE}`);
          });
        }
        await log.flush();
        figures["worker, onto the snapshot"] = await measureStall(() => compactDocument(db, documentId, undefined, merge));
        rows = filled;
      }
      // The merge alone, without the database reads and writes (PGlite runs on the main thread too).
      const updates = [Y.encodeStateAsUpdate(fill(o.stateBytes, () => {}))];
      figures["merge alone, main thread"] = await measureStall(() => mergeHere(updates));
      figures["merge alone, worker"] = await measureStall(() => worker.merge(updates));
      return { stateBytes, rows, figures };
    } finally {
      await worker.close();
      await close();
    }
  } finally {
    await database.dispose();
  }
}
