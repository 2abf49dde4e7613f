/** A document's extracted blocks in document order, placeholders flagged, each with its warnings. */
import { and, eq, isNull } from "drizzle-orm";
import { BLOCK_TYPES, type BlockType } from "../../../shared/blocks/schema.js";
import type { Db } from "../../db/client.js";
import type { DocumentBlock } from "../apiTypes.js";
import { BLOCK_TABLES, TYPE_FIELDS } from "../storedBlocks.js";
import { ownerNames } from "./people.js";

/** Keys are internal: grouping links are shown by block id, as the editor knows them. */
const LINK_FIELDS = new Set(["priorityKey", "targetKey"]);

/** Every live block of the document, in the order the document shows them. */
export async function documentBlocks(db: Db, documentId: string): Promise<DocumentBlock[]> {
  const all: { type: BlockType; row: Record<string, unknown> & { blockKey: string; blockId: string | null } }[] = [];
  for (const type of BLOCK_TYPES) {
    const table = BLOCK_TABLES[type];
    const rows = await db.select().from(table).where(and(eq(table.documentId, documentId), isNull(table.deletedAt)));
    for (const row of rows) all.push({ type, row: row as never });
  }
  all.sort((a, b) => (a.row.position as number) - (b.row.position as number));
  const idOfKey = new Map(all.map(({ row }) => [row.blockKey, row.blockId ?? row.blockKey]));
  const names = await ownerNames(db, all.map(({ row }) => ({ owners: (row.owners as string[] | undefined) ?? [] })));
  return all.map(({ type, row }) => {
    const attrs: Record<string, unknown> = {};
    for (const f of TYPE_FIELDS[type]) if (!LINK_FIELDS.has(f)) attrs[f] = row[f] ?? null;
    const priorityKey = row.priorityKey as string | null | undefined;
    const targetKey = row.targetKey as string | null | undefined;
    return {
      id: row.blockId ?? row.blockKey,
      key: row.blockKey,
      type,
      position: row.position as number,
      text: row.text as string,
      placeholder: row.placeholder as boolean,
      warnings: row.warnings as DocumentBlock["warnings"],
      priorityId: priorityKey ? (idOfKey.get(priorityKey) ?? priorityKey) : null,
      targetId: targetKey ? (idOfKey.get(targetKey) ?? targetKey) : null,
      attrs,
      ...(Array.isArray(row.owners) ? { owners: names(row.owners as string[]) } : {}),
      updatedAt: (row.updatedAt as Date).toISOString(),
    };
  });
}
