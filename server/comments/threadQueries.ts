/** Reads comment threads with their entries and authors, shaped for the wire. */
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { comments, commentThreads, users } from "../db/schema/index.js";

export type ThreadRow = typeof commentThreads.$inferSelect;

/** The threads of a document (or the listed threads), oldest first, with every entry. */
export async function loadThreads(db: Db, where: { documentId: string } | { threadIds: string[] }) {
  const threads = await db
    .select()
    .from(commentThreads)
    .where("documentId" in where ? eq(commentThreads.documentId, where.documentId) : inArray(commentThreads.id, where.threadIds))
    .orderBy(asc(commentThreads.createdAt));
  if (!threads.length) return [];
  const entries = await db
    .select()
    .from(comments)
    .where(inArray(comments.threadId, threads.map((t) => t.id)))
    .orderBy(asc(comments.createdAt));
  const userIds = [...new Set([...threads.flatMap((t) => [t.createdBy, t.resolvedBy]), ...entries.map((e) => e.authorId)].filter((id): id is string => !!id))];
  const names = new Map<string, string>();
  if (userIds.length) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))) names.set(u.id, u.name);
  }
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "Former member" } : null);
  return threads.map((t) => ({
    id: t.id,
    documentId: t.documentId,
    anchor: { from: t.anchorFrom, to: t.anchorTo },
    quote: t.quote,
    createdAt: t.createdAt.toISOString(),
    createdBy: person(t.createdBy),
    resolved: t.resolvedAt !== null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    resolvedBy: person(t.resolvedBy),
    comments: entries
      .filter((e) => e.threadId === t.id)
      .map((e) => ({
        id: e.id,
        author: person(e.authorId),
        body: e.deletedAt ? "" : e.body,
        deleted: e.deletedAt !== null,
        createdAt: e.createdAt.toISOString(),
      })),
  }));
}

export type PresentedThread = Awaited<ReturnType<typeof loadThreads>>[number];
