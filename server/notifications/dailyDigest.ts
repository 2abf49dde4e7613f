/**
 * The daily digest: one email per person with everything they chose to hear about "in a daily
 * digest" that they have not yet read. Marking the notifications digested and queueing the
 * email happen in one transaction, so a notification is in at most one digest.
 */
import { and, eq, isNull } from "drizzle-orm";
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "../../shared/notifications.js";
import type { Db } from "../db/client.js";
import { notifications, users } from "../db/schema/index.js";
import { enqueueMail, type MailQueue } from "../mail/MailQueue.js";
import { renderEmail } from "../mail/render.js";
import { SETTINGS_PATH, type Notifier } from "./Notifier.js";
import { readersAmong } from "./visibility.js";

/** Queues today's digests; returns how many emails were queued. */
export async function sendDailyDigests(db: Db, notifier: Notifier, mail: MailQueue): Promise<number> {
  const waiting = await db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.delivery, "digest"), isNull(notifications.digestedAt), isNull(notifications.readAt)));
  let queued = 0;
  for (const { userId } of waiting) if (await digestFor(db, notifier, userId)) queued++;
  if (queued) mail.wake();
  return queued;
}

async function digestFor(db: Db, notifier: Notifier, userId: string): Promise<boolean> {
  const [person] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  if (!person) return false;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ digestedAt: new Date() })
      .where(and(eq(notifications.userId, userId), eq(notifications.delivery, "digest"), isNull(notifications.digestedAt), isNull(notifications.readAt)))
      .returning();
    // Access may have changed since: what the person can no longer read stays out of the email.
    const visible = [];
    for (const n of rows) {
      if (!n.documentId || (await readersAmong(tx as unknown as Db, [userId], { documentId: n.documentId })).length) visible.push(n);
    }
    if (!visible.length) return false;
    const ordered = [...visible].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const kinds = [...new Set(ordered.map((n) => n.kind as NotificationKind))];
    const email = renderEmail({
      name: person.name,
      subject: `Trellis: ${ordered.length} ${ordered.length === 1 ? "thing" : "things"} since yesterday`,
      lines: ["Here is what happened in Trellis that concerns you, and has not been read yet."],
      links: ordered.map((n) => ({ label: n.title || n.excerpt || "A notification", url: notifier.url(n.link ?? "/") })),
      why: `you chose a daily digest for: ${kinds.map((k) => NOTIFICATION_KIND_LABELS[k]?.label.toLowerCase() ?? k).join("; ")}`,
      settingsUrl: notifier.url(SETTINGS_PATH),
    });
    await enqueueMail(tx as unknown as Db, { to: person.email, ...email });
    return true;
  });
}

