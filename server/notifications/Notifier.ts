/**
 * Sends notifications: in the app (a row, pushed live to the person's open pages) and, by each
 * person's choice, by email at once or in the daily digest. Everyone is checked against the
 * policy module first, so nobody hears about what they cannot see.
 */
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "../../shared/notifications.js";
import type { Db } from "../db/client.js";
import { notifications } from "../db/schema/index.js";
import type { PersonEvents } from "../events/documentEvents.js";
import type { Logger } from "../logger.js";
import { enqueueMail, type MailQueue } from "../mail/MailQueue.js";
import { renderEmail } from "../mail/render.js";
import { channelsFor } from "./preferences.js";
import { readersAmong, type NotificationSubject } from "./visibility.js";

/** One thing to tell some people. */
export interface NotificationInput {
  kind: NotificationKind;
  userIds: Iterable<string>;
  /** Who caused it; never notified of their own act. */
  actorId?: string | null;
  about: NotificationSubject;
  threadId?: string | null;
  /** One line: what happened. It is the email's subject too. */
  title: string;
  excerpt?: string;
  /** The client path of the exact place. */
  link: string;
  /** Keeps a repeated event (a reminder, an ownership seen twice) to one notification per person. */
  dedupeKey?: string;
}

/** The settings page's path, linked from every notification email. */
export const SETTINGS_PATH = "/settings/notifications";

export interface NotifierOptions {
  db: Db;
  people: PersonEvents;
  mail: MailQueue;
  logger: Logger;
  /** The address people reach Trellis on, for links in emails. */
  baseUrl: () => string;
}

/** The one way notifications are made. */
export class Notifier {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: NotifierOptions) {}

  /** The mail queue, for account emails (invitations, password resets) that are not notifications. */
  get mail(): MailQueue {
    return this.options.mail;
  }

  /** The absolute URL of a client path. */
  url(path: string): string {
    return `${this.options.baseUrl().replace(/\/$/, "")}${path}`;
  }

  /** Notifies the people who may see the subject; returns who was notified. */
  async send(input: NotificationInput): Promise<string[]> {
    const { db, people, mail } = this.options;
    const wanted = [...new Set(input.userIds)].filter((id) => id && id !== input.actorId);
    if (!wanted.length) return [];
    const readers = await readersAmong(db, wanted, input.about);
    const channels = await channelsFor(db, readers.map((r) => r.id), input.kind);
    const recipients = readers.filter((r) => channels.get(r.id) !== "off");
    if (!recipients.length) return [];
    const documentId = "documentId" in input.about ? input.about.documentId : null;
    const notified = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(notifications)
        .values(recipients.map((r) => ({
          userId: r.id, kind: input.kind, documentId, threadId: input.threadId ?? null, actorId: input.actorId ?? null,
          title: input.title, excerpt: (input.excerpt ?? "").slice(0, 300), link: input.link,
          delivery: channels.get(r.id) ?? "app", dedupeKey: input.dedupeKey ?? null,
        })))
        .onConflictDoNothing()
        .returning({ id: notifications.id, userId: notifications.userId, delivery: notifications.delivery });
      for (const row of rows) {
        if (row.delivery !== "email") continue;
        const person = recipients.find((r) => r.id === row.userId)!;
        const email = renderEmail({
          name: person.name,
          subject: input.title,
          lines: input.excerpt ? [input.title, `“${input.excerpt.slice(0, 300)}”`] : [input.title],
          links: [{ label: "Open it in Trellis", url: this.url(input.link) }],
          why: NOTIFICATION_KIND_LABELS[input.kind].why,
          settingsUrl: this.url(SETTINGS_PATH),
        });
        await enqueueMail(tx as unknown as Db, { to: person.email, notificationId: row.id, ...email });
      }
      return rows;
    });
    for (const row of notified) people.publish(row.userId, { type: "notifications" });
    if (notified.some((r) => r.delivery === "email")) mail.wake();
    return notified.map((r) => r.userId);
  }

  /** Sends without making the caller wait (a request, a Yjs observer); failures are logged. */
  later(input: NotificationInput): void {
    this.track(this.send(input).catch((err) => this.options.logger.error("notifications: send failed", { kind: input.kind, err: String((err as Error)?.stack ?? err) })));
  }

  /** Keeps background work (a reset email being queued) in view, so `idle()` and shutdown wait for it. */
  track(work: Promise<unknown>): void {
    const p = work.finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when every notification handed to `later` is stored (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
