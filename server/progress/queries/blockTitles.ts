/** Titles of the priorities and targets a page of rows points at, looked up by primary key after paging. */
import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { priorities, targets } from "../../db/schema/index.js";

/** `documentId|key` -> the block's id and text. */
export type TitleMap = Map<string, { id: string; title: string }>;

/**
 * Looks up the referenced blocks of one table. Joining before the LIMIT would hash every
 * priority or target of the trust for fifty rows; afterwards it is a handful of index probes.
 */
export async function blockTitles(db: Db, table: typeof priorities | typeof targets, refs: { documentId: string; key: string | null }[]): Promise<TitleMap> {
  const wanted = refs.filter((r): r is { documentId: string; key: string } => r.key !== null);
  const out: TitleMap = new Map();
  if (!wanted.length) return out;
  const rows = await db
    .select({ documentId: table.documentId, key: table.blockKey, blockId: table.blockId, text: table.text })
    .from(table)
    .where(and(inArray(table.documentId, [...new Set(wanted.map((r) => r.documentId))]), inArray(table.blockKey, [...new Set(wanted.map((r) => r.key))])));
  for (const r of rows) out.set(`${r.documentId}|${r.key}`, { id: r.blockId ?? r.key, title: r.text });
  return out;
}
