/**
 * Reading a document's stored state (snapshot plus the log after it) and compacting the log
 * into the snapshot. Both are safe against each other and against concurrent appends: a
 * read sees snapshot and log in one statement, and compaction deletes only the rows it folded.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
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

/** Log rows per read, and folded ids per DELETE: each statement short, the event loop free between. */
const PAGE_ROWS = 250;
/** Bytes of snapshot per write: PGlite runs each statement on the event loop, whole. */
const SNAPSHOT_CHUNK_BYTES = 64 * 1024;

/** Lets timers, sockets and other rooms run between two database statements. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** StoredRows plus the snapshot row's version (its xmin; null when there is none). */
interface PagedRows extends StoredRows {
  snapshotVersion: string | null;
}

/**
 * The snapshot, then the log in pages by id. Unlike readRows this spans several
 * statements, so a compaction committing in between could hide rows from us: the snapshot's
 * version is kept, and the write stands down unless it is unchanged.
 */
async function readRowsInPages(db: Db, documentId: string): Promise<PagedRows> {
  const [snap] = await db
    .select({ state: documentSnapshots.state, upToId: documentSnapshots.upToId, version: sql<string>`xmin::text` })
    .from(documentSnapshots)
    .where(eq(documentSnapshots.documentId, documentId));
  const updates: { id: number; update: Uint8Array }[] = [];
  for (let after = 0; ; ) {
    await breathe();
    const page = await db
      .select({ id: documentUpdates.id, update: documentUpdates.update })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.id, after)))
      .orderBy(asc(documentUpdates.id))
      .limit(PAGE_ROWS);
    for (const row of page) updates.push({ id: Number(row.id), update: row.update });
    if (page.length < PAGE_ROWS) break;
    after = updates[updates.length - 1]!.id;
  }
  return { snapshot: snap?.state ?? null, snapshotUpToId: Number(snap?.upToId ?? 0), snapshotVersion: snap?.version ?? null, updates };
}

/** Thrown inside the write transaction to roll it back when another compaction got there first. */
class StandDown extends Error {}

/**
 * Folds the log into the snapshot. The reads and the merge run outside any transaction; the
 * write transaction then locks the document row (so compactions of one document queue up,
 * while appends, which only take a key-share lock, carry on), checks that the snapshot is the
 * one merged and that every folded row is still there. If another compaction got there first,
 * this one stands down and nothing is lost. Rows appended meanwhile are not in the folded set,
 * so they stay in the log. Every statement is small (pages of rows, chunks of the snapshot),
 * with the event loop free between them: on PGlite each one blocks it for its whole length.
 */
export async function compactDocument(db: Db, documentId: string, logger?: Logger, merge: MergeUpdates = mergeHere): Promise<CompactionResult | null> {
  const rows = await readRowsInPages(db, documentId);
  if (rows.updates.length === 0) return null;
  const merged = await merge([...(rows.snapshot ? [rows.snapshot] : []), ...rows.updates.map((r) => r.update)]);
  // Only validated updates are stored, so this means damage at rest: the rest stays readable.
  if (merged.failed) logger?.error("collab: stored update failed to apply", { documentId, updates: merged.failed });
  const { state } = merged;
  const ids = rows.updates.map((r) => r.id);
  const upToId = Math.max(rows.snapshotUpToId, ids[ids.length - 1]!);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM documents WHERE id = ${documentId} FOR NO KEY UPDATE`);
      const [current] = await tx
        .select({ version: sql<string>`xmin::text` })
        .from(documentSnapshots)
        .where(eq(documentSnapshots.documentId, documentId));
      if ((current?.version ?? null) !== rows.snapshotVersion) throw new StandDown();
      for (let at = 0; at < ids.length; at += PAGE_ROWS) {
        await breathe();
        const idList = ids.slice(at, at + PAGE_ROWS).join(",");
        const gone = await tx
          .delete(documentUpdates)
          .where(and(eq(documentUpdates.documentId, documentId), sql`${documentUpdates.id} = ANY(string_to_array(${idList}, ',')::bigint[])`))
          .returning({ id: documentUpdates.id });
        if (gone.length !== Math.min(PAGE_ROWS, ids.length - at)) throw new StandDown();
      }
      await breathe();
      const first = state.subarray(0, SNAPSHOT_CHUNK_BYTES);
      await tx
        .insert(documentSnapshots)
        .values({ documentId, state: first, upToId, updatedAt: new Date() })
        .onConflictDoUpdate({ target: documentSnapshots.documentId, set: { state: first, upToId, updatedAt: new Date() } });
      for (let at = SNAPSHOT_CHUNK_BYTES; at < state.byteLength; at += SNAPSHOT_CHUNK_BYTES) {
        await breathe();
        const chunk = state.subarray(at, at + SNAPSHOT_CHUNK_BYTES);
        await tx
          .update(documentSnapshots)
          .set({ state: sql`${documentSnapshots.state} || ${Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)}::bytea` })
          .where(eq(documentSnapshots.documentId, documentId));
      }
    });
  } catch (err) {
    if (err instanceof StandDown) return null;
    throw err;
  }
  return { folded: ids.length, snapshotBytes: state.byteLength };
}
