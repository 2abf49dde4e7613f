/**
 * Decides when a document's log is folded into its snapshot: once more than `threshold` rows
 * sit past the snapshot. Counts only documents with an open room; a closed one is checked
 * again when it next loads. One compaction per document at a time.
 */
import { LocalLocks, type AdvisoryLocks } from "../db/advisoryLocks.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { compactDocument } from "./documentStore.js";
import { MergeWorker } from "./MergeWorker.js";

/** Schedules and tracks compactions. */
export class Compactor {
  private readonly counts = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  /** The merge runs here, off the event loop every room shares. */
  private readonly worker = new MergeWorker();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly threshold: number,
    /** With several processes, a PostgreSQL advisory lock: one of them compacts a document at a time. */
    private readonly locks: AdvisoryLocks = new LocalLocks(),
  ) {}

  /** Starts counting a document whose room just loaded with `tailRows` rows past its snapshot. */
  track(documentId: string, tailRows: number): void {
    this.counts.set(documentId, tailRows);
    this.maybeCompact(documentId);
  }

  /** Stops counting a document whose room unloaded. */
  untrack(documentId: string): void {
    this.counts.delete(documentId);
  }

  /** Called by the update log after it stored `count` rows for a document. */
  noteStored(documentId: string, count: number): void {
    const current = this.counts.get(documentId);
    if (current === undefined) return;
    this.counts.set(documentId, current + count);
    this.maybeCompact(documentId);
  }

  /** Resolves when no compaction is running (shutdown waits for this). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  /** Waits for running compactions, then stops the merge worker (shutdown). */
  async close(): Promise<void> {
    await this.idle();
    await this.worker.close();
  }

  private maybeCompact(documentId: string): void {
    if (this.running.has(documentId) || (this.counts.get(documentId) ?? 0) <= this.threshold) return;
    const job = this.compact(documentId).then((folded) => {
      this.running.delete(documentId);
      // Rows stored while the merge ran may already pass the threshold again, and no later
      // write may come to notice it: look once more. Not after a failure, or it would spin.
      if (folded) this.maybeCompact(documentId);
    });
    this.running.set(documentId, job);
  }

  /** Folds the log into the snapshot; true when it folded something. Never rejects. */
  private async compact(documentId: string): Promise<boolean> {
    const started = performance.now();
    const lock = `compact:${documentId}`;
    try {
      // Another process is folding this log: its merge would be the same work twice.
      if (!(await this.locks.tryLock([lock])).size) return false;
      const result = await compactDocument(this.db, documentId, this.logger, (updates) => this.worker.merge(updates)).finally(() => this.locks.unlock(lock));
      if (!result) return false;
      const left = (this.counts.get(documentId) ?? result.folded) - result.folded;
      if (this.counts.has(documentId)) this.counts.set(documentId, Math.max(0, left));
      this.logger.debug("collab: compacted", { documentId, ...result, ms: Math.round(performance.now() - started) });
      return result.folded > 0;
    } catch (err) {
      this.logger.error("collab: compaction failed", { documentId, err: String(err) });
      return false;
    }
  }
}
