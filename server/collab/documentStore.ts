/**
 * Reading a document's stored state (snapshot plus the log after it) and compacting the log
 * into the snapshot. Both are safe against each other and against concurrent appends: a
 * read sees snapshot and log in one statement, and compaction deletes only the rows it folded.
 */
import { and, eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import { documentSnapshots, documentUpdates } from "../db/schema/index.js";
import type { Logger } from "../logger.js";

/** A document's stored state as a Y.Doc, with how many log rows sit past its snapshot. */
export interface StoredState {
  doc: Y.Doc;
  tailRows: number;
}

/** A document's stored rows: the snapshot, and the log past it in id order. */
export interface StoredRows {
  snapshot: Uint8Array | null;
  snapshotUpToId: number;
  updates: { id: number; update: Uint8Array }[];
}

/** The origin of updates replayed from storage, so observers can tell a load from an edit. */
export const LOAD_ORIGIN = Object.freeze({ source: "load" as const });

/**
 * Loads a document's stored state: snapshot plus tail. The progress extractor uses this to
 * re-extract a document whose room is not open.
 */
export async function loadDocumentState(db: Db, documentId: string): Promise<Y.Doc> {
  return (await loadStoredState(db, documentId)).doc;
}

/** Loads snapshot plus tail, also reporting the tail length (compaction is due past a threshold). */
export async function loadStoredState(db: Db, documentId: string, logger?: Logger): Promise<StoredState> {
  const rows = await readRows(db, documentId);
  const doc = new Y.Doc();
  applyAll(doc, rows, documentId, logger);
  return { doc, tailRows: rows.updates.length };
}

/** Applies stored updates in one transaction, so observers and merges run once, not per row. */
export function applyAll(doc: Y.Doc, rows: StoredRows, documentId: string, logger?: Logger, extra: Uint8Array[] = []): void {
  const updates = [...(rows.snapshot ? [rows.snapshot] : []), ...rows.updates.map((r) => r.update), ...extra];
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch (err) {
        // Only validated updates are stored, so this means damage at rest: keep the rest readable.
        logger?.error("collab: stored update failed to apply", { documentId, err: String(err) });
      }
    }
  }, LOAD_ORIGIN);
}

/**
 * Snapshot and log in one statement: READ COMMITTED gives each statement one view, so a
 * compaction committing between two separate reads could not hide rows from us.
 */
export async function readRows(db: Db, documentId: string): Promise<StoredRows> {
  const rows = await db
    .select({ kind: sql<number>`0`.mapWith(Number), id: documentSnapshots.upToId, data: documentSnapshots.state })
    .from(documentSnapshots)
    .where(eq(documentSnapshots.documentId, documentId))
    .unionAll(
      db
        .select({ kind: sql<number>`1`.mapWith(Number), id: documentUpdates.id, data: documentUpdates.update })
        .from(documentUpdates)
        .where(eq(documentUpdates.documentId, documentId)),
    );
  let snapshot: Uint8Array | null = null;
  let snapshotUpToId = 0;
  const updates: { id: number; update: Uint8Array }[] = [];
  for (const row of rows) {
    if (Number(row.kind) === 0) {
      snapshot = row.data;
      snapshotUpToId = Number(row.id);
    } else updates.push({ id: Number(row.id), update: row.data });
  }
  updates.sort((a, b) => a.id - b.id);
  return { snapshot, snapshotUpToId, updates };
}

/** Folds updates (snapshot first) into one state: on this thread, or a worker's (MergeWorker). */
export type MergeUpdates = (updates: Uint8Array[]) => Promise<{ state: Uint8Array; failed: number }>;

/** The merge on the calling thread (tests, benches, one-off scripts). */
export async function mergeHere(updates: Uint8Array[]): Promise<{ state: Uint8Array; failed: number }> {
  const doc = new Y.Doc();
  let failed = 0;
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        failed++;
      }
    }
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, failed };
}

/** What a compaction did. */
export interface CompactionResult {
  folded: number;
  snapshotBytes: number;
}

/**
 * Folds the log into the snapshot. The merge runs outside any transaction; the short write
 * transaction then locks the document row (so compactions of one document queue up, while
 * appends, which only take a key-share lock, carry on) and checks that every folded row is
 * still there. If another compaction took some, this one stands down and nothing is lost.
 * Rows appended meanwhile are not in the folded set, so they stay in the log.
 */
export async function compactDocument(db: Db, documentId: string, logger?: Logger, merge: MergeUpdates = mergeHere): Promise<CompactionResult | null> {
  const rows = await readRows(db, documentId);
  if (rows.updates.length === 0) return null;
  const merged = await merge([...(rows.snapshot ? [rows.snapshot] : []), ...rows.updates.map((r) => r.update)]);
  // Only validated updates are stored, so this means damage at rest: the rest stays readable.
  if (merged.failed) logger?.error("collab: stored update failed to apply", { documentId, updates: merged.failed });
  const { state } = merged;
  const ids = rows.updates.map((r) => r.id);
  const upToId = Math.max(rows.snapshotUpToId, ids[ids.length - 1]!);
  const idList = ids.join(",");
  const folded = sql`${documentUpdates.id} = ANY(string_to_array(${idList}, ',')::bigint[])`;
  const done = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM documents WHERE id = ${documentId} FOR NO KEY UPDATE`);
    const [present] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), folded));
    if ((present?.n ?? 0) !== ids.length) return false;
    await tx
      .insert(documentSnapshots)
      .values({ documentId, state, upToId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: documentSnapshots.documentId, set: { state, upToId, updatedAt: new Date() } });
    await tx.delete(documentUpdates).where(and(eq(documentUpdates.documentId, documentId), folded));
    return true;
  });
  return done ? { folded: ids.length, snapshotBytes: state.byteLength } : null;
}
