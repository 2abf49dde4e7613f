/**
 * Writes extracted rows: upserts keyed by (document, block key), soft deletes, and the
 * status_history appends. Everything happens in one transaction under a per-document advisory
 * lock and is compared with what is stored at that moment, so running it twice, or from two
 * processes at once, writes the same rows and never appends the same change twice.
 */
import { and, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { isBlockId, type BlockType } from "../../shared/blocks/schema.js";
import type { Db } from "../db/client.js";
import { statusHistory } from "../db/schema/index.js";
import { sameStoredValues, TRACKED_FIELDS, typeKey, type BlockRow } from "./blockRows.js";
import { COUNTED_FIELDS, refreshRollups } from "./rollups.js";
import { BLOCK_TABLES, loadStoredRows, TYPE_FIELDS, type StoredRow } from "./storedBlocks.js";

/** Who changed a block (or one of its fields), and when. */
export interface Attribution {
  userId: string | null;
  at: Date;
}

/** One batch of changes for one document. */
export interface BlockWrite {
  documentId: string;
  schoolId: string;
  upserts: readonly BlockRow[];
  deletes: readonly { type: BlockType; key: string }[];
  /** Who made the change to a block's field (or to the block, without a field); null when unknown. */
  attribution?: (typeKey: string, field?: string) => Attribution | null;
  /** Rebuild the document's totals even if no counted value moved (a full re-extraction). */
  refreshRollup?: boolean;
}

/** What a write did. */
export interface WriteResult {
  written: number;
  deleted: number;
  history: number;
}

const CHUNK = 500;
// Rows per INSERT. Drizzle's SQL building grows faster than the row count (about 50 ms of CPU for
// 200 actions, 8 ms for 50), and on PGlite the statement runs on the main thread too (25 actions
// take 10-20 ms there), so a 40-page import written in 500-row statements held the event loop for
// hundreds of ms; between statements the loop is let go (see `breathe`).
const INSERT_CHUNK = 25;
/** Lets the event loop run between statements of a long write: PGlite's queries resolve as microtasks, which never let it. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
// Values a block starts with: a new block only gets a history row when it starts with something else.
const STARTING_VALUES = new Set<unknown>([null, "", "none", "not_started"]);

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Applies a batch; rows equal to the stored ones are skipped, so a repeated batch writes nothing. */
export async function writeBlocks(db: Db, batch: BlockWrite): Promise<WriteResult> {
  const result: WriteResult = { written: 0, deleted: 0, history: 0 };
  if (!batch.upserts.length && !batch.deletes.length && !batch.refreshRollup) return result;
  const { documentId, schoolId } = batch;
  const who = (tk: string, field?: string): Attribution | null => {
    const found = (field ? batch.attribution?.(tk, field) : null) ?? batch.attribution?.(tk) ?? null;
    // Only a real user id is recorded; anything else (a test's local edit) counts as unknown.
    return found && found.userId !== null && !isBlockId(found.userId) ? { ...found, userId: null } : found;
  };

  await db.transaction(async (tx) => {
    // Serialises extraction of one document across processes; readers are never blocked.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`progress:${documentId}`}, 0))`);
    const keys: Partial<Record<BlockType, string[]>> = {};
    for (const row of batch.upserts) {
      keys[row.type] ??= [];
      keys[row.type]?.push(row.key);
    }
    const stored = await loadStoredRows(tx as unknown as Db, documentId, keys);
    const lastLogged = await lastHistory(tx, documentId, batch.upserts.filter((r) => TRACKED_FIELDS[r.type] && !stored.has(typeKey(r.type, r.key))).map((r) => r.key));

    const history: (typeof statusHistory.$inferInsert)[] = [];
    // Deleting a live action or target changes the totals; a write only when a counted value moved.
    let recount = batch.deletes.some((d) => d.type === "action" || d.type === "target");
    const byType = new Map<BlockType, Record<string, unknown>[]>();
    for (const row of batch.upserts) {
      const tk = typeKey(row.type, row.key);
      const before = stored.get(tk);
      if (before && before.deletedAt === null && sameStoredValues(before, row)) continue;
      if (!recount && (row.type === "action" || row.type === "target")) recount = countsMove(row, before);
      const changed = trackedChanges(row, before, lastLogged);
      for (const c of changed) {
        const by = who(tk, c.field);
        history.push({
          documentId, schoolId, blockKey: row.key, blockId: row.blockId, blockType: row.type, field: c.field,
          oldValue: c.from, newValue: c.to, changedAt: by?.at ?? new Date(), changedBy: by?.userId ?? null,
        });
      }
      const values: Record<string, unknown> = {
        documentId, blockKey: row.key, blockId: row.blockId, schoolId, position: row.position, text: row.text,
        placeholder: row.placeholder, warnings: row.warnings, updatedBy: who(tk)?.userId ?? null,
        updatedAt: sql`now()`, deletedAt: null, ...row.fields,
      };
      if (row.type === "judgement") {
        const regraded = changed.some((c) => c.field === "grade");
        values.gradedAt = row.fields.grade === null ? null : regraded ? (who(tk, "grade")?.at ?? new Date()) : (before?.gradedAt ?? new Date());
      }
      const list = byType.get(row.type) ?? [];
      list.push(values);
      byType.set(row.type, list);
    }

    const long = batch.upserts.length > INSERT_CHUNK;
    for (const [type, rows] of byType) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        if (long) await breathe();
        await upsert(tx, type, rows.slice(i, i + INSERT_CHUNK));
      }
      result.written += rows.length;
    }
    result.deleted = await softDelete(tx, documentId, batch.deletes);
    for (let i = 0; i < history.length; i += INSERT_CHUNK) {
      if (long || i) await breathe();
      await tx.insert(statusHistory).values(history.slice(i, i + INSERT_CHUNK));
    }
    result.history = history.length;
    if (long) await breathe();
    if (recount || batch.refreshRollup) await refreshRollups(tx as unknown as Db, [documentId]);
  });
  return result;
}

/** Whether the row enters, leaves or moves within the document's totals. */
function countsMove(row: BlockRow, before: StoredRow | undefined): boolean {
  const counted = (r: BlockRow | StoredRow | undefined) => !!r && !r.placeholder && !("deletedAt" in r && r.deletedAt !== null);
  if (counted(row) !== counted(before)) return true;
  if (!counted(row)) return false;
  return COUNTED_FIELDS.some((f) => (row.fields[f] ?? null) !== (before!.fields[f] ?? null));
}

/** The tracked fields whose value differs from the stored row (or that a new block starts with). */
function trackedChanges(row: BlockRow, before: StoredRow | undefined, logged: Map<string, string | null>): { field: string; from: string | null; to: string | null }[] {
  const out: { field: string; from: string | null; to: string | null }[] = [];
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  for (const field of TRACKED_FIELDS[row.type] ?? []) {
    const to = text(row.fields[field]);
    if (before) {
      const from = text(before.fields[field]);
      if (from !== to) out.push({ field, from, to });
      continue;
    }
    // No row, but history from before the tables were emptied: carry on from the last value logged.
    const key = `${row.key}|${field}`;
    if (logged.has(key)) {
      const from = logged.get(key)!;
      if (from !== to) out.push({ field, from, to });
    } else if (!STARTING_VALUES.has(to)) {
      out.push({ field, from: null, to });
    }
  }
  return out;
}

/** The last logged value of each tracked field of blocks that have no row: `key|field` -> value. */
async function lastHistory(tx: Tx, documentId: string, keys: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await tx
      .selectDistinctOn([statusHistory.blockKey, statusHistory.field], { key: statusHistory.blockKey, field: statusHistory.field, value: statusHistory.newValue })
      .from(statusHistory)
      .where(and(eq(statusHistory.documentId, documentId), inArray(statusHistory.blockKey, keys.slice(i, i + CHUNK))))
      .orderBy(statusHistory.blockKey, statusHistory.field, desc(statusHistory.changedAt), desc(statusHistory.id));
    for (const r of rows) out.set(`${r.key}|${r.field}`, r.value);
  }
  return out;
}

async function upsert(tx: Tx, type: BlockType, rows: Record<string, unknown>[]): Promise<void> {
  const table = BLOCK_TABLES[type];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names = ["blockId", "schoolId", "position", "text", "placeholder", "warnings", "updatedBy", "updatedAt", "deletedAt", ...TYPE_FIELDS[type]];
  if (type === "judgement") names.push("gradedAt");
  const set: Record<string, SQL> = {};
  for (const n of names) set[n] = sql.raw(`excluded."${columns[n]!.name}"`);
  await tx
    .insert(table)
    .values(rows as never[])
    .onConflictDoUpdate({ target: [table.documentId, table.blockKey], set });
}

async function softDelete(tx: Tx, documentId: string, deletes: readonly { type: BlockType; key: string }[]): Promise<number> {
  let count = 0;
  const byType = new Map<BlockType, string[]>();
  for (const d of deletes) byType.set(d.type, [...(byType.get(d.type) ?? []), d.key]);
  for (const [type, keys] of byType) {
    const table = BLOCK_TABLES[type];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const done = await tx
        .update(table)
        .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(table.documentId, documentId), inArray(table.blockKey, keys.slice(i, i + CHUNK)), isNull(table.deletedAt)))
        .returning({ key: table.blockKey });
      count += done.length;
    }
  }
  return count;
}
