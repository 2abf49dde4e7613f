/** What is still open on a document: unresolved comment threads and blocks with warnings, shown before approval and counted with it. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { BLOCK_TYPES } from "../../shared/blocks/schema.js";
import type { Db } from "../db/client.js";
import { comments, commentThreads } from "../db/schema/index.js";
import { BLOCK_TABLES } from "../progress/storedBlocks.js";

/** One open thread, as the approval form lists it. */
export interface OpenThread {
  id: string;
  quote: string;
  firstComment: string;
}

/** One block whose values did not pass validation. */
export interface WarnedBlock {
  id: string;
  type: string;
  text: string;
  messages: string[];
}

/** The open threads and warned blocks of a document. */
export async function openChallenges(db: Db, documentId: string): Promise<{ threads: OpenThread[]; warnings: WarnedBlock[] }> {
  const threadRows = await db
    .select({ id: commentThreads.id, quote: commentThreads.quote, createdAt: commentThreads.createdAt })
    .from(commentThreads)
    .where(and(eq(commentThreads.documentId, documentId), isNull(commentThreads.resolvedAt)))
    .orderBy(asc(commentThreads.createdAt));
  const threads: OpenThread[] = [];
  for (const t of threadRows) {
    const [first] = await db.select({ body: comments.body }).from(comments).where(and(eq(comments.threadId, t.id), isNull(comments.deletedAt))).orderBy(asc(comments.createdAt)).limit(1);
    threads.push({ id: t.id, quote: t.quote, firstComment: first?.body.slice(0, 200) ?? "" });
  }
  const warnings: WarnedBlock[] = [];
  for (const type of BLOCK_TYPES) {
    const table = BLOCK_TABLES[type];
    const rows = await db
      .select({ blockId: table.blockId, blockKey: table.blockKey, text: table.text, warnings: table.warnings })
      .from(table)
      .where(and(eq(table.documentId, documentId), isNull(table.deletedAt), sql`jsonb_array_length(${table.warnings}) > 0`));
    for (const r of rows) warnings.push({ id: r.blockId ?? r.blockKey, type, text: r.text, messages: r.warnings.map((w) => w.message) });
  }
  return { threads, warnings };
}
