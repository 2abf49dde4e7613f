/**
 * Re-extraction from stored Yjs state: every document (or one) is loaded from its snapshot and
 * log and extracted in full. Rows already right are left alone, so it is safe while the server
 * runs; after a schema change, or with the tables emptied, it rebuilds them, which is what shows
 * they are derived data.
 */
import { asc } from "drizzle-orm";
import { loadDocumentState } from "../collab/documentStore.js";
import type { Db } from "../db/client.js";
import { documents } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import { DocumentExtractor, type FlushStats } from "./DocumentExtractor.js";
import { refreshRollups } from "./rollups.js";
import { SchoolPeople } from "./schoolPeople.js";

/** Totals of a re-extraction. */
export interface ReextractResult {
  documents: number;
  blocks: number;
  written: number;
  deleted: number;
  history: number;
  failed: string[];
}

/** Extracts one document from its stored state, in full. */
export async function reextractDocument(
  db: Db,
  logger: Logger,
  document: { id: string; schoolId: string },
  people = new SchoolPeople(db, document.schoolId),
): Promise<FlushStats> {
  const doc = await loadDocumentState(db, document.id);
  try {
    const extractor = new DocumentExtractor({ documentId: document.id, schoolId: document.schoolId, doc, db, logger, people, delayMs: 0 });
    const stats = await extractor.flush();
    // The totals are derived too: rebuilt even when no row changed (say, after the rollups table was emptied).
    await refreshRollups(db, [document.id]);
    return stats;
  } finally {
    doc.destroy();
  }
}

/** Extracts every document in turn; one failure is reported and the rest carry on. */
export async function reextractAll(db: Db, logger: Logger, onDocument?: (id: string, stats: FlushStats) => void): Promise<ReextractResult> {
  const rows = await db.select({ id: documents.id, schoolId: documents.schoolId }).from(documents).orderBy(asc(documents.createdAt), asc(documents.id));
  const people = new Map<string, SchoolPeople>();
  const total: ReextractResult = { documents: 0, blocks: 0, written: 0, deleted: 0, history: 0, failed: [] };
  for (const row of rows) {
    if (!people.has(row.schoolId)) people.set(row.schoolId, new SchoolPeople(db, row.schoolId));
    try {
      const stats = await reextractDocument(db, logger, row, people.get(row.schoolId));
      total.documents++;
      total.blocks += stats.blocks;
      total.written += stats.written;
      total.deleted += stats.deleted;
      total.history += stats.history;
      onDocument?.(row.id, stats);
    } catch {
      // The extractor has logged why.
      total.failed.push(row.id);
    }
  }
  return total;
}
