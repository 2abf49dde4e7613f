/** A person's in-app notifications: the badge count and the list, each linking to the exact place. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import { documents, notifications, users } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { eventStream } from "../http/sse.js";
import { uuidParam } from "../http/validate.js";
import { can, type Actor } from "../policies/index.js";

/** A notification about a document is shown only while its person may still read that document. */
function readable(actor: Actor, doc: { id: string | null; schoolId: string | null; status: string | null } | null): boolean {
  if (!doc?.id || !doc.schoolId) return false;
  return can(actor, "read", { type: "document", id: doc.id, schoolId: doc.schoolId, status: doc.status ?? "draft" });
}

export const notificationRoutes = new Hono<AppEnv>()
  // Pushes "notifications" whenever the signed-in person gets one (server/notifications), so the badge updates at once.
  .get("/notifications/events", (c) => {
    const actor = requireActor(c);
    return eventStream(c, (listener) => c.var.deps.people.subscribe(actor.id, listener));
  })
  .get("/notifications", async (c) => {
    const actor = requireActor(c);
    const { db } = c.var.deps;
    const rows = await db
      .select({ n: notifications, documentTitle: documents.title, doc: { id: documents.id, schoolId: documents.schoolId, status: documents.status }, actorName: users.name })
      .from(notifications)
      .leftJoin(documents, eq(documents.id, notifications.documentId))
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(eq(notifications.userId, actor.id))
      .orderBy(desc(notifications.createdAt))
      .limit(50);
    // Counted per document, so the badge leaves out what the list hides.
    const unreadByDocument = await db
      .select({ doc: { id: documents.id, schoolId: documents.schoolId, status: documents.status }, documentId: notifications.documentId, n: sql<number>`count(*)::int` })
      .from(notifications)
      .leftJoin(documents, eq(documents.id, notifications.documentId))
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
      .groupBy(notifications.documentId, documents.id, documents.schoolId, documents.status);
    const unread = unreadByDocument.reduce((sum, r) => sum + (r.documentId === null || readable(actor, r.doc) ? r.n : 0), 0);
    // A notification about a document the person can no longer read is hidden, title and excerpt and all.
    const visible = rows.filter((r) => r.n.documentId === null || readable(actor, r.doc));
    return c.json({
      unread,
      notifications: visible.map(({ n, documentTitle, actorName }) => ({
        id: n.id, kind: n.kind, documentId: n.documentId, documentTitle, threadId: n.threadId, actorName, excerpt: n.excerpt,
        title: n.title, createdAt: n.createdAt.toISOString(), read: n.readAt !== null,
        // The exact place (a block, a thread, a school); older rows link to the document or its thread.
        link: n.link ?? (n.documentId ? `/documents/${n.documentId}${n.threadId ? `#thread-${n.threadId}` : ""}` : null),
      })),
    });
  })
  .post("/notifications/:id/read", async (c) => {
    const actor = requireActor(c);
    const id = uuidParam(c, "id");
    const [row] = await c.var.deps.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
      .returning({ id: notifications.id });
    if (!row) throw new HttpError(404, "not_found", "Notification not found");
    return c.body(null, 204);
  })
  .post("/notifications/read-all", async (c) => {
    const actor = requireActor(c);
    await c.var.deps.db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
    return c.body(null, 204);
  });
