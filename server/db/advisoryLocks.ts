/**
 * PostgreSQL session advisory locks for work one process at a time must do per document
 * (extraction, compaction). Every lock of a process lives on one dedicated connection, so a
 * process that dies, SIGKILL included, drops all of them as its connection closes, and the
 * others take over. Without several processes (PGlite, or no REDIS_URL) the same interface
 * runs in memory.
 */
import postgres from "postgres";
import type { Logger } from "../logger.js";

/** Named locks held by this process. */
export interface AdvisoryLocks {
  /** Takes each free lock; returns the names this process now holds (one round trip). */
  tryLock(names: readonly string[]): Promise<Set<string>>;
  unlock(name: string): Promise<void>;
  /** Whether the locks still stand (false once the connection holding them was lost). */
  check(): Promise<boolean>;
  close(): Promise<void>;
}

/** In one process nobody competes: every free name is granted at once. */
export class LocalLocks implements AdvisoryLocks {
  private readonly held = new Set<string>();

  async tryLock(names: readonly string[]): Promise<Set<string>> {
    const granted = new Set<string>();
    for (const name of names) {
      if (this.held.has(name)) continue;
      this.held.add(name);
      granted.add(name);
    }
    return granted;
  }

  async unlock(name: string): Promise<void> {
    this.held.delete(name);
  }

  async check(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}

/**
 * Locks keyed by hashtextextended(name) on a connection of their own. postgres.js reconnects
 * a dropped connection by itself, and the new session holds nothing: each answer carries the
 * backend pid, and a change of pid means every lock was lost.
 */
export class PostgresLocks implements AdvisoryLocks {
  private readonly sql: postgres.Sql;
  private pid: number | null = null;
  private readonly held = new Set<string>();
  /** Names asked for in a query still in flight (queries on one connection overlap). */
  private readonly asking = new Set<string>();

  constructor(url: string) {
    // One connection, never recycled: a recycled connection would silently drop every lock.
    // Named, so an operator (or a test) can see in pg_locks which process holds what.
    this.sql = postgres(url, { max: 1, idle_timeout: 0, max_lifetime: 0, onnotice: () => {}, connection: { application_name: `trellis-locks ${process.pid}` } });
  }

  async tryLock(names: readonly string[]): Promise<Set<string>> {
    // A session lock is re-entrant: asking again for one we hold would need two unlocks.
    const asked = [...new Set(names)].filter((n) => !this.held.has(n) && !this.asking.has(n));
    const granted = new Set<string>();
    if (!asked.length) return granted;
    for (const n of asked) this.asking.add(n);
    let rows: { name: string; got: boolean; pid: number }[];
    try {
      rows = await this.sql<{ name: string; got: boolean; pid: number }[]>`
        select name, pg_try_advisory_lock(hashtextextended(name, 0)) as got, pg_backend_pid() as pid
        from unnest(${asked}::text[]) as name`;
    } finally {
      for (const n of asked) this.asking.delete(n);
    }
    this.notePid(rows[0]?.pid);
    for (const r of rows) {
      if (!r.got) continue;
      this.held.add(r.name);
      granted.add(r.name);
    }
    return granted;
  }

  async unlock(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    await this.sql`select pg_advisory_unlock(hashtextextended(${name}, 0))`;
  }

  async check(): Promise<boolean> {
    try {
      const [row] = await this.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      return this.notePid(row?.pid);
    } catch {
      this.lose();
      return false;
    }
  }

  async close(): Promise<void> {
    this.held.clear();
    // Ending the session releases whatever is still held.
    await this.sql.end({ timeout: 5 });
  }

  private notePid(pid: number | undefined): boolean {
    if (pid === undefined) return true;
    if (this.pid !== null && this.pid !== pid) {
      this.pid = pid;
      this.lose();
      return false;
    }
    this.pid = pid;
    return true;
  }

  private lose(): void {
    this.held.clear();
  }
}

/** The locks a process should use: PostgreSQL only when several processes may share the database. */
export function advisoryLocks(options: { databaseUrl?: string; redisUrl?: string }): AdvisoryLocks {
  return options.databaseUrl && options.redisUrl ? new PostgresLocks(options.databaseUrl) : new LocalLocks();
}

/**
 * Per-document leases on top of the locks: a holder keeps the lease while the document is
 * open here; a process that wants one it could not get is told when it frees up (polled,
 * one query for every waiting document, so a dead holder is replaced within `pollMs`).
 */
export class DocumentLeases {
  private readonly held = new Set<string>();
  private readonly waiting = new Set<string>();
  /** Who to tell when a lease is (re)granted, from take() until release(). */
  private readonly granted = new Map<string, () => void>();
  private readonly timer: NodeJS.Timeout;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly locks: AdvisoryLocks,
    private readonly logger: Logger,
    private readonly prefix: string,
    pollMs = 1000,
  ) {
    this.timer = setInterval(() => void this.poll(), pollMs);
    this.timer.unref();
  }

  /** Whether this process holds the document's lease. */
  holds(documentId: string): boolean {
    return this.held.has(documentId);
  }

  /**
   * Tries to take the lease now; when another process holds it, `granted` runs once it is
   * taken later (and again if it is lost and regained, until release()). Resolves whether it
   * is held now.
   */
  async take(documentId: string, granted: () => void): Promise<boolean> {
    this.granted.set(documentId, granted);
    if (this.held.has(documentId)) return true;
    this.waiting.add(documentId);
    const got = await this.locks.tryLock([this.key(documentId)]).catch((err) => {
      this.logger.warn("lease: could not ask for a document lease", { documentId, err: String(err) });
      return new Set<string>();
    });
    if (!got.size) return false;
    if (!this.granted.has(documentId)) {
      // Released while we asked: give it straight back.
      await this.locks.unlock(this.key(documentId)).catch(() => undefined);
      return false;
    }
    this.waiting.delete(documentId);
    this.held.add(documentId);
    return true;
  }

  /** Gives the lease up (or stops waiting for it). */
  async release(documentId: string): Promise<void> {
    this.granted.delete(documentId);
    this.waiting.delete(documentId);
    if (!this.held.delete(documentId)) return;
    await this.locks.unlock(this.key(documentId)).catch((err) => this.logger.warn("lease: unlock failed", { documentId, err: String(err) }));
  }

  /** Stops polling; the locks themselves are closed by their owner. */
  close(): void {
    clearInterval(this.timer);
  }

  private key(documentId: string): string {
    return `${this.prefix}:${documentId}`;
  }

  private poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((err) => this.logger.warn("lease: poll failed", { err: String(err) }))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    if (this.held.size && !(await this.locks.check())) {
      // The session holding our leases is gone, so they may be someone else's now: wait again.
      this.logger.warn("lease: lost the database session holding document leases", { leases: this.held.size });
      for (const id of this.held) this.waiting.add(id);
      this.held.clear();
    }
    if (!this.waiting.size) return;
    const ids = [...this.waiting];
    const got = await this.locks.tryLock(ids.map((id) => this.key(id)));
    for (const id of ids) {
      if (!got.has(this.key(id))) continue;
      const granted = this.granted.get(id);
      if (!granted) {
        await this.locks.unlock(this.key(id)).catch(() => undefined);
        continue;
      }
      this.waiting.delete(id);
      this.held.add(id);
      granted();
    }
  }
}
