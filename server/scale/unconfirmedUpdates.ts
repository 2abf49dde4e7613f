/**
 * Updates relayed to this process ahead of their commit, held until their origin says they are
 * stored. Clients that saw such an update through this process never send it again (the room
 * here already holds it), so if its origin dies between accepting and committing it, this
 * process must store it: after a grace period with no confirmation it is inserted under the id
 * its origin reserved, and the primary key makes that a no-op when the origin got there first.
 */
import type { Db } from "../db/client.js";
import { FOREIGN_KEY_VIOLATION, pgCode } from "../db/pgErrors.js";
import { documentUpdates } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { StoredUpdate } from "../collab/relay.js";

interface Held extends StoredUpdate {
  heldAt: number;
}

export interface UnconfirmedOptions {
  /** How long a relayed update may wait for its origin's confirmation before it is stored here. */
  graceMs?: number;
  /** How often held updates are looked over. */
  checkMs?: number;
}

export class UnconfirmedUpdates {
  /** Per origin process and document, in seq order. */
  private readonly held = new Map<string, Held[]>();
  private readonly graceMs: number;
  private readonly timer: NodeJS.Timeout;
  private storing: Promise<void> | null = null;
  /** Callers waiting for some held updates to be confirmed or stored. */
  private waiters: { pending: Held[]; resolve: () => void }[] = [];
  /** Updates this process had to store for an origin that never confirmed them. */
  storedHere = 0;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    options: UnconfirmedOptions = {},
  ) {
    this.graceMs = options.graceMs ?? 3000;
    this.timer = setInterval(() => this.storeOverdue(Date.now() - this.graceMs), options.checkMs ?? 1000);
    this.timer.unref();
  }

  hold(origin: string, row: StoredUpdate): void {
    const key = keyOf(origin, row.documentId);
    const list = this.held.get(key);
    const entry = { ...row, heldAt: Date.now() };
    if (list) list.push(entry);
    else this.held.set(key, [entry]);
  }

  /** The origin has stored its updates of the document up to `through`. */
  confirm(origin: string, documentId: string, through: number): void {
    const key = keyOf(origin, documentId);
    const list = this.held.get(key);
    if (!list) return;
    let n = 0;
    while (n < list.length && list[n]!.seq <= through) n++;
    if (n === list.length) this.held.delete(key);
    else if (n) list.splice(0, n);
    if (n) this.wake();
  }

  /**
   * Resolves once every update of the document relayed here so far is stored, by its origin or
   * by this process. A "saved" notice waits for it: a client that reconnects here with an edit
   * the room already holds from the relay has sent nothing new to store, and is told it is
   * saved only when that edit is.
   */
  whenStored(documentId: string): Promise<void> {
    const pending: Held[] = [];
    for (const [key, list] of this.held) if (key.endsWith(`\u0000${documentId}`)) pending.push(...list);
    if (!pending.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pending, resolve }));
  }

  /** How many relayed updates wait for confirmation (tests and diagnostics). */
  get waiting(): number {
    let n = 0;
    for (const list of this.held.values()) n += list.length;
    return n;
  }

  /** Stops the checks and stores whatever is still unconfirmed, for shutdown. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.storing;
    await this.storeOverdue(Infinity);
  }

  /** Stores every held update held since before `before`; one pass at a time. */
  private storeOverdue(before: number): Promise<void> {
    if (this.storing) return this.storing;
    const due: Held[] = [];
    for (const list of this.held.values()) for (const h of list) if (h.heldAt <= before) due.push(h);
    if (!due.length) return Promise.resolve();
    this.storing = this.store(due).finally(() => {
      this.storing = null;
    });
    return this.storing;
  }

  private async store(due: Held[]): Promise<void> {
    const byDocument = new Map<string, Held[]>();
    for (const h of due) byDocument.set(h.documentId, [...(byDocument.get(h.documentId) ?? []), h]);
    for (const [documentId, rows] of byDocument) {
      try {
        const inserted = await this.db
          .insert(documentUpdates)
          .values(rows.map((r) => ({ id: r.seq, documentId, update: r.update, userId: r.userId })))
          .onConflictDoNothing({ target: documentUpdates.id })
          .returning({ id: documentUpdates.id });
        if (inserted.length) {
          this.storedHere += inserted.length;
          this.logger.warn("relay: stored updates another process relayed but never confirmed", { documentId, updates: inserted.length });
        }
      } catch (err) {
        // A deleted document takes its updates with it; anything else is retried next time.
        if (pgCode(err) !== FOREIGN_KEY_VIOLATION) {
          this.logger.error("relay: could not store unconfirmed updates; retrying", { documentId, err: String(err) });
          continue;
        }
      }
      this.forget(rows);
    }
  }

  private forget(rows: Held[]): void {
    const gone = new Set(rows);
    for (const [key, list] of this.held) {
      const kept = list.filter((h) => !gone.has(h));
      if (kept.length === 0) this.held.delete(key);
      else if (kept.length !== list.length) this.held.set(key, kept);
    }
    this.wake();
  }

  private wake(): void {
    if (!this.waiters.length) return;
    const live = new Set<Held>();
    for (const list of this.held.values()) for (const h of list) live.add(h);
    this.waiters = this.waiters.filter((w) => {
      if (w.pending.some((h) => live.has(h))) return true;
      w.resolve();
      return false;
    });
  }
}

function keyOf(origin: string, documentId: string): string {
  return `${origin}\u0000${documentId}`;
}
