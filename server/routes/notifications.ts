/** A person's in-app notifications: the badge count and the list, with links to the thread. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { requireActor } from "../auth/middleware.js";
import { documents, notifications, users } from "../db/schema/index.js";
import type { AppEnv } from "../http/context.js";
import { HttpError } from "../http/errors.js";
import { eventStream } from "../http/sse.js";
import { uuidParam } from "../http/validate.js";

export const notificationRoutes = new Hono<AppEnv>()
  // Pushes "notifications" when someone @mentions the signed-in person, so the badge updates at once.
  .get("/notifications/events", (c) => {
    const actor = requireActor(c);
    return eventStream(c, (listener) => c.var.deps.people.subscribe(actor.id, listener));
  })
  .get("/notifications", async (c) => {
    const actor = requireActor(c);
    const { db } = c.var.deps;
    const rows = await db
      .select({ n: notifications, documentTitle: documents.title, actorName: users.name })
      .from(notifications)
      .leftJoin(documents, eq(documents.id, notifications.documentId))
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(eq(notifications.userId, actor.id))
      .orderBy(desc(notifications.createdAt))
      .limit(50);
    const [unread] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
    return c.json({
      unread: unread?.n ?? 0,
      notifications: rows.map(({ n, documentTitle, actorName }) => ({
        id: n.id, kind: n.kind, documentId: n.documentId, documentTitle, threadId: n.threadId, actorName, excerpt: n.excerpt,
        createdAt: n.createdAt.toISOString(), read: n.readAt !== null,
        link: n.documentId ? `/documents/${n.documentId}${n.threadId ? `#thread-${n.threadId}` : ""}` : null,
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
