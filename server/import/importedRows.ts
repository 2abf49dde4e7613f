/**
 * Stores an imported plan's progress rows, which the conversion worker built with the
 * extractor's own reader and builder, so the main thread only writes them. Never rejects: a
 * failure is logged, and the rows follow when the plan's room first opens (or from a
 * re-extraction); a room opened meanwhile extracts too, which writeBlocks (one advisory lock, a
 * diff against what is stored) makes harmless.
 */
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { BlockRow } from "../progress/blockRows.js";
import { writeBlocks, type WriteResult } from "../progress/blockWriter.js";

export async function storeImportedRows(
  deps: { db: Db; logger: Logger },
  document: { id: string; schoolId: string },
  rows: readonly BlockRow[],
  actorId: string,
  onWritten?: (result: WriteResult) => void,
): Promise<void> {
  // Rows and history name the importer, as of the moment the plan was stored.
  const by = { userId: actorId, at: new Date() };
  try {
    // A turn of the event loop later (a timer, not setImmediate, which can run in the same turn), so the response goes out first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const result = await writeBlocks(deps.db, { documentId: document.id, schoolId: document.schoolId, upserts: rows, deletes: [], attribution: () => by });
    onWritten?.(result);
  } catch (err) {
    deps.logger.error("import: storing the new plan's rows failed", { documentId: document.id, err: String(err) });
  }
}
