/**
 * A document's stored rows with the author of each, for a room catching up on updates other
 * processes stored while their relay did not reach it: replayed with their authors, so
 * extraction on this process still credits the right person.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { documentSnapshots, documentUpdates } from "../db/schema/index.js";

export interface RowsWithAuthors {
  snapshot: Uint8Array | null;
  updates: { id: number; update: Uint8Array; userId: string | null }[];
}

/** Snapshot and log in one statement, so a compaction committing meanwhile hides nothing. */
export async function readRowsWithAuthors(db: Db, documentId: string): Promise<RowsWithAuthors> {
  const rows = await db
    .select({ kind: sql<number>`0`.mapWith(Number), id: documentSnapshots.upToId, data: documentSnapshots.state, userId: sql<string | null>`null::uuid` })
    .from(documentSnapshots)
    .where(eq(documentSnapshots.documentId, documentId))
    .unionAll(
      db
        .select({ kind: sql<number>`1`.mapWith(Number), id: documentUpdates.id, data: documentUpdates.update, userId: documentUpdates.userId })
        .from(documentUpdates)
        .where(eq(documentUpdates.documentId, documentId)),
    );
  let snapshot: Uint8Array | null = null;
  const updates: RowsWithAuthors["updates"] = [];
  for (const row of rows) {
    if (Number(row.kind) === 0) snapshot = row.data;
    else updates.push({ id: Number(row.id), update: row.data, userId: row.userId ?? null });
  }
  updates.sort((a, b) => a.id - b.id);
  return { snapshot, updates };
}
