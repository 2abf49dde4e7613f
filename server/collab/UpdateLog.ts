/**
 * The append-only update log with a group commit: accepted updates queue in memory and are
 * written together, one multi-row INSERT per batch, so every update reaches Postgres within a
 * few milliseconds however many rooms are busy. While a batch is in flight the next one fills.
 * An update given a reserved log id (`ids`; none in production, see CollabServer) is reported
 * as accepted at once; every other gets its id from the INSERT.
 */
import type { Db } from "../db/client.js";
import { FOREIGN_KEY_VIOLATION, pgCode } from "../db/pgErrors.js";
import { documentUpdates } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { CommittedUpdate, StoredUpdate } from "./relay.js";

interface Entry {
  seq: number;
  /** The reserved log id, or null to take one from the INSERT. */
  id: number | null;
  documentId: string;
  update: Uint8Array;
  userId: string | null;
}

/** Tunables of the group commit. */
export interface UpdateLogOptions {
  /** How long an idle log waits to gather a batch; keeps small bursts in one INSERT. */
  flushDelayMs?: number;
  /** Rows per INSERT (three parameters each, far below Postgres's 65,535). */
  maxBatchRows?: number;
  /** Bytes per INSERT, so one huge paste does not drag a giant batch along. */
  maxBatchBytes?: number;
  /** How long close() keeps retrying an unreachable database before it gives up (10 s). */
  closeTimeoutMs?: number;
  /** Called after rows are stored, with how many per document (drives compaction). */
  onStored?: (documentId: string, count: number) => void;
  /** Reserved log ids; without it every row gets its id from the INSERT. */
  ids?: { take(): number | null };
  /** Called as an update with a reserved id is queued, before its commit (the update relay sends it). */
  onAccepted?: (row: StoredUpdate) => void;
  /** Called after each INSERT commits, with its rows and their ids (the update relay confirms or sends them). */
  onCommitted?: (rows: readonly CommittedUpdate[]) => void;
}

/** The group-committing writer of `document_updates`. */
export class UpdateLog {
  private readonly queue: Entry[] = [];
  private inflight: Entry[] = [];
  private seq = 0;
  private storedSeq = 0;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private giveUpAt = Infinity;
  /** Updates given up on at shutdown: counted, because storedSeq moves past them all the same. */
  private unstored = 0;
  /** Rows and INSERT batches stored so far (benchmarks and diagnostics). */
  readonly totals = { rows: 0, batches: 0 };
  private readonly flushDelayMs: number;
  private readonly maxBatchRows: number;
  private readonly maxBatchBytes: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly options: UpdateLogOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 5;
    this.maxBatchRows = options.maxBatchRows ?? 1000;
    this.maxBatchBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
  }

  /** Queues an accepted update; it is stored within the flush delay plus one INSERT. */
  append(documentId: string, update: Uint8Array, userId: string | null): void {
    const id = this.options.ids?.take() ?? null;
    this.queue.push({ seq: ++this.seq, id, documentId, update, userId });
    if (id !== null) this.reportAccepted({ seq: id, documentId, update, userId });
    this.schedule(this.flushDelayMs);
  }

  /** Resolves once everything appended before the call is stored. */
  flush(): Promise<void> {
    if (this.storedSeq >= this.seq) return Promise.resolve();
    const seq = this.seq;
    const done = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    this.schedule(0);
    return done;
  }

  /**
   * Resolves once everything appended before the call is stored, without hurrying the group
   * commit (unlike flush): true when it all reached the database, false when some was given up.
   */
  whenStored(): Promise<boolean> {
    if (this.storedSeq >= this.seq) return Promise.resolve(this.unstored === 0);
    const seq = this.seq;
    return new Promise<void>((resolve) => this.waiters.push({ seq, resolve })).then(() => this.unstored === 0);
  }

  /** Updates of one document not yet known to be stored (queued or in flight). */
  pendingFor(documentId: string): Uint8Array[] {
    return [...this.inflight, ...this.queue].filter((e) => e.documentId === documentId).map((e) => e.update);
  }

  /** How many updates wait to be stored. */
  get pending(): number {
    return this.queue.length + this.inflight.length;
  }

  /**
   * Flushes for shutdown. If the database stays unreachable past `timeoutMs`, gives up and
   * returns how many updates could not be stored (their clients still hold them).
   */
  async close(timeoutMs = this.options.closeTimeoutMs ?? 10_000): Promise<number> {
    this.giveUpAt = Date.now() + timeoutMs;
    await this.flush();
    return this.pending + this.unstored;
  }

  private schedule(delayMs: number): void {
    if (this.running) return;
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .catch((err) => {
          // Not expected (inserts retry inside), but never drop what was in flight.
          this.logger.error("collab: update log writer failed", { err: String(err) });
          this.queue.unshift(...this.inflight);
          this.inflight = [];
        })
        .finally(() => {
          this.running = null;
          if (this.queue.length) this.schedule(this.flushDelayMs);
        });
    }, delayMs);
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.takeBatch();
      this.inflight = batch;
      const stored = await this.insertWithRetry(batch);
      this.inflight = [];
      this.storedSeq = batch[batch.length - 1]!.seq;
      this.resolveWaiters();
      if (!stored) continue;
      this.totals.rows += batch.length;
      this.totals.batches++;
      this.reportStored(batch);
    }
  }

  private takeBatch(): Entry[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && n < this.maxBatchRows) {
      bytes += this.queue[n]!.update.byteLength;
      if (n > 0 && bytes > this.maxBatchBytes) break;
      n++;
    }
    return this.queue.splice(0, n);
  }

  /** Inserts a batch, retrying while the database is away; false when it was given up. */
  private async insertWithRetry(batch: Entry[]): Promise<boolean> {
    let remaining: Entry[][] = [batch];
    for (let attempt = 0; ; attempt++) {
      try {
        while (remaining.length) {
          const ids = await this.insert(remaining[0]!);
          this.reportCommitted(remaining.shift()!, ids);
        }
        return true;
      } catch (err) {
        if (pgCode(err) === FOREIGN_KEY_VIOLATION) {
          // A deleted document poisons a whole batch: retry per document and drop only its updates.
          if (remaining.length === 1 && remaining[0] === batch) remaining = groupByDocument(batch);
          else this.dropDeleted(remaining.shift()!);
          attempt = -1;
          continue;
        }
        if (Date.now() >= this.giveUpAt) {
          const lost = remaining.reduce((n, entries) => n + entries.length, 0);
          this.unstored += lost;
          this.logger.error("collab: gave up storing updates at shutdown", { updates: lost, err: String(err) });
          return false;
        }
        const waitMs = Math.min(100 * 2 ** attempt, 5000);
        this.logger.error("collab: storing updates failed, retrying", { updates: batch.length, waitMs, err: String(err) });
        await new Promise((r) => setTimeout(r, Math.min(waitMs, Math.max(0, this.giveUpAt - Date.now()))));
      }
    }
  }

  private dropDeleted(entries: Entry[]): void {
    this.logger.warn("collab: dropped updates of a deleted document", {
      documentId: entries[0]?.documentId,
      updates: entries.length,
    });
  }

  /**
   * Inserts the rows and returns each one's id in the batch's order. A row with a reserved id
   * may already be there: another process that relayed it stores it when its confirmation is
   * late (see server/scale/unconfirmedUpdates.ts), so that conflict means stored.
   */
  private async insert(batch: Entry[]): Promise<number[]> {
    const rows = await this.db
      .insert(documentUpdates)
      .values(batch.map((e) => ({ ...(e.id !== null ? { id: e.id } : {}), documentId: e.documentId, update: e.update, userId: e.userId })))
      .onConflictDoNothing({ target: documentUpdates.id })
      .returning({ id: documentUpdates.id });
    const reserved = new Set(batch.flatMap((e) => (e.id !== null ? [e.id] : [])));
    // bigserial hands out ids in VALUES order; RETURNING's own order is not promised.
    const given = rows.map((r) => Number(r.id)).filter((id) => !reserved.has(id)).sort((a, b) => a - b);
    let next = 0;
    return batch.map((e) => e.id ?? given[next++] ?? 0);
  }

  private reportAccepted(row: StoredUpdate): void {
    try {
      this.options.onAccepted?.(row);
    } catch (err) {
      this.logger.error("collab: onAccepted failed", { err: String(err) });
    }
  }

  private reportCommitted(entries: Entry[], ids: number[]): void {
    if (!this.options.onCommitted) return;
    try {
      this.options.onCommitted(
        entries.map((e, i) => ({ seq: ids[i] ?? 0, documentId: e.documentId, update: e.update, userId: e.userId, relayedEarly: e.id !== null })),
      );
    } catch (err) {
      this.logger.error("collab: onCommitted failed", { err: String(err) });
    }
  }

  private resolveWaiters(): void {
    const ready = this.waiters.filter((w) => w.seq <= this.storedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.storedSeq);
    for (const w of ready) w.resolve();
  }

  private reportStored(batch: Entry[]): void {
    if (!this.options.onStored) return;
    const counts = new Map<string, number>();
    for (const e of batch) counts.set(e.documentId, (counts.get(e.documentId) ?? 0) + 1);
    for (const [documentId, count] of counts) this.options.onStored(documentId, count);
  }
}

function groupByDocument(batch: Entry[]): Entry[][] {
  const groups = new Map<string, Entry[]>();
  for (const e of batch) {
    const group = groups.get(e.documentId);
    if (group) group.push(e);
    else groups.set(e.documentId, [e]);
  }
  return [...groups.values()];
}
