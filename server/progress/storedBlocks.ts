/** The progress tables as the extractor sees them: which table holds each block type, and stored rows read back as BlockRows. */
import { and, eq, inArray } from "drizzle-orm";
import type { BlockType } from "../../shared/blocks/schema.js";
import { BLOCK_TYPES } from "../../shared/blocks/schema.js";
import type { Db } from "../db/client.js";
import { actions, findings, judgements, priorities, targets } from "../db/schema/index.js";
import { typeKey, type BlockRow } from "./blockRows.js";

/** The table of each block type. */
export const BLOCK_TABLES = { priority: priorities, target: targets, action: actions, judgement: judgements, finding: findings } as const;
export type BlockTable = (typeof BLOCK_TABLES)[BlockType];

/** The type-specific columns of each table, by drizzle field name. */
export const TYPE_FIELDS: Record<BlockType, readonly string[]> = {
  priority: ["area"],
  target: ["priorityKey", "area", "measure", "baseline", "goal", "current", "due", "owners", "rag", "outcome", "carriedFrom"],
  action: ["priorityKey", "targetKey", "findingId", "area", "owners", "start", "due", "rag", "status", "cost", "successCriteria", "carriedFrom"],
  judgement: ["framework", "area", "grade"],
  finding: ["area", "kind"],
};

/** A stored row: the block as last extracted, with when it was deleted (null while in the document). */
export interface StoredRow extends BlockRow {
  deletedAt: Date | null;
  gradedAt: Date | null;
}

function toStored(type: BlockType, r: Record<string, unknown>): StoredRow {
  const fields: Record<string, unknown> = {};
  for (const f of TYPE_FIELDS[type]) fields[f] = r[f] ?? null;
  return {
    type,
    key: r.blockKey as string,
    blockId: (r.blockId as string | null) ?? null,
    position: Number(r.position),
    text: r.text as string,
    placeholder: r.placeholder as boolean,
    warnings: (r.warnings as StoredRow["warnings"]) ?? [],
    fields,
    deletedAt: (r.deletedAt as Date | null) ?? null,
    gradedAt: (r.gradedAt as Date | null | undefined) ?? null,
  };
}

/**
 * A document's stored rows, deleted ones included, by `typeKey`. With `keys`, only those
 * blocks of each type are read (the primary key serves the lookup).
 */
export async function loadStoredRows(db: Db, documentId: string, keys?: Partial<Record<BlockType, string[]>>): Promise<Map<string, StoredRow>> {
  const out = new Map<string, StoredRow>();
  for (const type of BLOCK_TYPES) {
    const wanted = keys?.[type];
    if (keys && !wanted?.length) continue;
    const table = BLOCK_TABLES[type];
    const where = wanted ? and(eq(table.documentId, documentId), inArray(table.blockKey, wanted)) : eq(table.documentId, documentId);
    const rows = (await db.select().from(table).where(where)) as Record<string, unknown>[];
    for (const r of rows) {
      const row = toStored(type, r);
      out.set(typeKey(type, row.key), row);
    }
  }
  return out;
}
