/**
 * The durable mail queue. Enqueueing inserts a row (inside the caller's transaction, so a
 * notification and its email commit together); a sender claims due rows with
 * SELECT ... FOR UPDATE SKIP LOCKED and a lease, sends, and marks them sent. A failing server
 * only moves a row's next attempt back (doubling, up to an hour); a crashed sender's lease runs
 * out and the row is sent by whoever comes next, so nothing pending is lost on restart.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { mailOutbox } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { MailTransport, OutgoingMail } from "./transport.js";

/** One email to queue. */
export interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The notification it carries (at most one email per notification). */
  notificationId?: string;
}

const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const LEASE_SECONDS = 120;
const BATCH = 20;

/** Adds an email to the outbox; pass the transaction that writes what the email is about. */
export async function enqueueMail(db: Db, mail: QueuedMail): Promise<void> {
  await db.insert(mailOutbox).values({ ...mail, notificationId: mail.notificationId ?? null }).onConflictDoNothing();
}

/** The background sender of one process. */
export class MailQueue {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly logger: Logger,
    /** First retry delay; also how often the queue looks for due rows. */
    private readonly retryMs: number,
  ) {}

  /** Starts polling; a restart picks up whatever was pending. */
  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Sends what is due soon after the current transaction commits. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  /** Stops polling and waits for an in-flight batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    this.transport.close();
  }

  /** Sends every row that is due now, batch after batch; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.sendBatch();
      if (n.claimed === 0) return sent;
      sent += n.sent;
      if (n.sent === 0) return sent;
    }
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    this.running = this.drain().catch((err) => {
      this.logger.error("mail: queue run failed", { err: String(err) });
      return 0;
    });
    await this.running;
    this.running = null;
    if (this.stopped) return;
    const delay = this.again ? 0 : Math.min(this.retryMs, 5000);
    this.again = false;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async sendBatch(): Promise<{ claimed: number; sent: number }> {
    const rows = await this.claim();
    let sent = 0;
    for (const row of rows) {
      try {
        await this.transport.send(row);
        await this.db.update(mailOutbox).set({ status: "sent", sentAt: new Date(), leaseUntil: null, lastError: null }).where(eq(mailOutbox.id, row.id));
        sent++;
      } catch (err) {
        await this.fail(row, err);
      }
    }
    return { claimed: rows.length, sent };
  }

  /** Claims due rows for this sender; SKIP LOCKED lets two processes claim different rows at once. */
  private async claim(): Promise<(OutgoingMail & { attempts: number })[]> {
    const result = await this.db.execute(sql`
      UPDATE mail_outbox SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM mail_outbox
        WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, "to", subject, text, html, attempts`);
    const list = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as (OutgoingMail & { attempts: number })[];
    return list.map((r) => ({ ...r, attempts: Number(r.attempts) }));
  }

  private async fail(row: { id: string; to: string; attempts: number }, err: unknown): Promise<void> {
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    const backoff = Math.min(MAX_BACKOFF_MS, this.retryMs * 2 ** (row.attempts - 1));
    await this.db
      .update(mailOutbox)
      .set({
        status: giveUp ? "failed" : "pending",
        leaseUntil: null,
        nextAttemptAt: new Date(Date.now() + backoff),
        lastError: String((err as Error)?.message ?? err).slice(0, 500),
      })
      .where(eq(mailOutbox.id, row.id));
    this.logger.warn(giveUp ? "mail: giving up on an email" : "mail: sending failed, will retry", { to: row.to, attempts: row.attempts, err: String((err as Error)?.message ?? err) });
  }
}
