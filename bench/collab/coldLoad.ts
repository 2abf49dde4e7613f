/**
 * Cold load and storage: a document whose log holds N keystroke updates, loaded before and
 * after compaction, with stored bytes against the size of Y.encodeStateAsUpdate.
 */
import { eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import { compactDocument, loadDocumentState } from "../../server/collab/documentStore.js";
import { UpdateLog } from "../../server/collab/UpdateLog.js";
import type { Db } from "../../server/db/client.js";
import { documentSnapshots, documentUpdates } from "../../server/db/schema/index.js";
import { createLogger } from "../../server/logger.js";
import { benchDatabase, seedDocuments, type Driver } from "./data.js";
import { percentile } from "./stats.js";
import { typeTrace } from "./typing.js";

async function storedBytes(db: Db, documentId: string): Promise<{ rows: number; bytes: number }> {
  const [log] = await db
    .select({ rows: sql<number>`count(*)`.mapWith(Number), bytes: sql<number>`coalesce(sum(octet_length(${documentUpdates.update})), 0)`.mapWith(Number) })
    .from(documentUpdates)
    .where(eq(documentUpdates.documentId, documentId));
  const [snap] = await db
    .select({ bytes: sql<number>`octet_length(${documentSnapshots.state})`.mapWith(Number) })
    .from(documentSnapshots)
    .where(eq(documentSnapshots.documentId, documentId));
  return { rows: log!.rows, bytes: log!.bytes + (snap?.bytes ?? 0) };
}

async function timeLoads(db: Db, documentId: string, runs: number, expected: string) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const doc = await loadDocumentState(db, documentId);
    times.push(performance.now() - started);
    if (doc.getXmlFragment("default").toString() !== expected) throw new Error("loaded content differs from what was typed");
    doc.destroy();
  }
  return { median: percentile(times, 50), first: times[0]! };
}

/** Runs the cold-load figures on one driver. */
export async function coldLoad(driver: Driver, o: { updates: number; loads: number }) {
  const database = await benchDatabase(driver);
  try {
    const { documentIds } = await seedDocuments(database, 1);
    const documentId = documentIds[0]!;
    const { db, close } = await database.open();
    const log = new UpdateLog(db, createLogger("warn"));
    const source = typeTrace(o.updates, (u) => log.append(documentId, u, null));
    const insertStarted = performance.now();
    await log.flush();
    const insertMs = performance.now() - insertStarted;
    const stateBytes = Y.encodeStateAsUpdate(source).byteLength;
    const expected = source.getXmlFragment("default").toString();

    const before = await storedBytes(db, documentId);
    const loadBefore = await timeLoads(db, documentId, Math.min(3, o.loads), expected);
    const compactStarted = performance.now();
    await compactDocument(db, documentId);
    const compactMs = performance.now() - compactStarted;
    const after = await storedBytes(db, documentId);
    const loadAfter = await timeLoads(db, documentId, o.loads, expected);
    await close();
    return {
      updates: o.updates,
      insertMs,
      stateBytes,
      logRowsBefore: before.rows,
      storedBytesBefore: before.bytes,
      ratioBefore: before.bytes / stateBytes,
      loadBeforeMs: loadBefore.median,
      compactMs,
      storedBytesAfter: after.bytes,
      ratioAfter: after.bytes / stateBytes,
      loadAfterMs: loadAfter.median,
      loadAfterFirstMs: loadAfter.first,
    };
  } finally {
    await database.dispose();
  }
}
