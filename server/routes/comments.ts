/**
 * Comment threads anchored to text. They live in Postgres, not in the Y.Doc, so read-only
 * people (governors, trustees) can comment without write access to the plan.
 */
import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requireActor } from "../auth/middleware.js";
import { audit } from "../commands/auditLogger.js";
import { reply, startThread } from "../commands/commentPoster.js";
import { anchorSchema } from "../comments/anchors.js";
import { loadThreads } from "../comments/threadQueries.js";
import { comments, commentThreads } from "../db/schema/index.js";
import { requireDocument } from "../documents/requireDocument.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { eventStream } from "../http/sse.js";
import { parseBody, uuidParam } from "../http/validate.js";
import { can } from "../policies/index.js";
import { notifyMentions, notifyReply, notifyResolved } from "../notifications/commentNotifications.js";

const MAX_COMMENT_CHARS = 5000;
const body = z.string().trim().min(1, "A comment cannot be empty").max(MAX_COMMENT_CHARS, `Keep a comment under ${MAX_COMMENT_CHARS} characters`);
const mentions = z.array(z.string().uuid()).max(20).default([]);

const newThreadSchema = z.object({ body, anchor: anchorSchema, quote: z.string().max(1000).default(""), mentions });
const replySchema = z.object({ body, mentions });

/** Loads a thread and its document, checking the actor may `action` the document. */
async function requireThread(c: Parameters<typeof requireDocument>[0], threadId: string, action: "read" | "comment") {
  const [thread] = await c.var.deps.db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).limit(1);
  if (!thread) throw new HttpError(404, "not_found", "Comment not found");
  const { actor, doc } = await requireDocument(c, thread.documentId, action);
  return { actor, doc, thread };
}

async function presentOne(c: { var: AppEnv["Variables"] }, threadId: string) {
  const [thread] = await loadThreads(c.var.deps.db, { threadIds: [threadId] });
  return thread!;
}

export const commentRoutes = new Hono<AppEnv>()
  .get("/documents/:id/comments", async (c) => {
    const { doc } = await requireDocument(c, uuidParam(c, "id"), "read");
    return c.json({ threads: await loadThreads(c.var.deps.db, { documentId: doc.id }) });
  })
  .post("/documents/:id/comments", async (c) => {
    const id = uuidParam(c, "id");
    const input = await parseBody(c, newThreadSchema);
    const { actor, doc } = await requireDocument(c, id, "comment");
    const threadId = await startThread(c.var.deps.db, {
      documentId: doc.id, schoolId: doc.schoolId, authorId: actor.id, body: input.body, mentions: input.mentions,
      anchor: input.anchor, quote: input.quote,
    });
    c.var.deps.events.publish({ type: "comments", documentId: doc.id, subjectId: threadId });
    await notifyMentions(c.var.deps.notifier, { documentId: doc.id, documentTitle: doc.title, threadId, actor, body: input.body, mentions: input.mentions });
    return c.json({ thread: await presentOne(c, threadId) }, 201);
  })
  .post("/comments/:id/replies", async (c) => {
    const threadId = uuidParam(c, "id");
    const input = await parseBody(c, replySchema);
    const { actor, doc } = await requireThread(c, threadId, "comment");
    await reply(c.var.deps.db, threadId, { documentId: doc.id, schoolId: doc.schoolId, authorId: actor.id, body: input.body, mentions: input.mentions });
    c.var.deps.events.publish({ type: "comments", documentId: doc.id, subjectId: threadId });
    await notifyReply(c.var.deps.db, c.var.deps.notifier, { documentId: doc.id, documentTitle: doc.title, threadId, actor, body: input.body, mentions: input.mentions });
    return c.json({ thread: await presentOne(c, threadId) }, 201);
  })
  .post("/comments/:id/resolve", async (c) => {
    const threadId = uuidParam(c, "id");
    const { actor, doc } = await requireThread(c, threadId, "comment");
    const resolved = await c.var.deps.db
      .update(commentThreads)
      .set({ resolvedAt: new Date(), resolvedBy: actor.id })
      .where(and(eq(commentThreads.id, threadId), isNull(commentThreads.resolvedAt)))
      .returning({ id: commentThreads.id });
    c.var.deps.events.publish({ type: "comments", documentId: doc.id, subjectId: threadId });
    if (resolved.length) await notifyResolved(c.var.deps.db, c.var.deps.notifier, { documentId: doc.id, documentTitle: doc.title, threadId, actor });
    return c.json({ thread: await presentOne(c, threadId) });
  })
  .post("/comments/:id/reopen", async (c) => {
    const threadId = uuidParam(c, "id");
    const { doc } = await requireThread(c, threadId, "comment");
    await c.var.deps.db.update(commentThreads).set({ resolvedAt: null, resolvedBy: null }).where(eq(commentThreads.id, threadId));
    c.var.deps.events.publish({ type: "comments", documentId: doc.id, subjectId: threadId });
    return c.json({ thread: await presentOne(c, threadId) });
  })
  .delete("/comments/:id/entries/:entryId", async (c) => {
    const threadId = uuidParam(c, "id");
    const entryId = uuidParam(c, "entryId");
    const { actor, doc } = await requireThread(c, threadId, "read");
    const [entry] = await c.var.deps.db.select().from(comments).where(and(eq(comments.id, entryId), eq(comments.threadId, threadId))).limit(1);
    if (!entry || entry.deletedAt) throw new HttpError(404, "not_found", "Comment not found");
    const isAdmin = actor.grants.some((g) => g.role === "trust_admin");
    if (entry.authorId !== actor.id && !isAdmin) throw new HttpError(403, "forbidden", "Only its author or a trust admin can delete a comment");
    await c.var.deps.db.update(comments).set({ deletedAt: new Date(), deletedBy: actor.id }).where(eq(comments.id, entryId));
    await audit(c, "comment.deleted", { threadId, documentId: doc.id, authorId: entry.authorId }, actor.id, { type: "comment", id: entryId });
    c.var.deps.events.publish({ type: "comments", documentId: doc.id, subjectId: threadId });
    return c.body(null, 204);
  })
  .get("/documents/:id/events", async (c) => {
    const { doc, resource } = await requireDocument(c, uuidParam(c, "id"), "read");
    requireActor(c);
    // The stream ends when the person may no longer read the document (a role removed).
    return eventStream(c, (listener) => c.var.deps.events.subscribe(doc.id, listener), { stillAllowed: (actor) => can(actor, "read", resource) });
  });
