/**
 * Log sequence numbers reserved ahead of the INSERT, so an update can be relayed to the other
 * processes the moment it is accepted, under the id its row will have, instead of waiting for
 * its commit (whose fsync tail would then be every cross-process reader's tail too). The ids
 * come from the log's own sequence, a block at a time; ids are never reused, and nothing
 * reads the log in id order, so reserved ids committing out of order are harmless. A block is
 * used for a few seconds at most, so an id never commits long after higher ones (a reader that
 * watches max(id), as the dashboard's stamps do, sees every commit within that).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import type { Logger } from "../logger.js";

export interface LogIdPoolOptions {
  /** Ids fetched per round trip. */
  block?: number;
  /** How long reserved ids stay usable. */
  maxAgeMs?: number;
}

export class LogIdPool {
  private ids: number[] = [];
  /** When each id in `ids` was reserved. */
  private reservedAt: number[] = [];
  private refilling: Promise<void> | null = null;
  private readonly block: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    options: LogIdPoolOptions = {},
  ) {
    this.block = options.block ?? 256;
    this.maxAgeMs = options.maxAgeMs ?? 5000;
  }

  /** A reserved id, or null when none is to hand (the row then gets its id on INSERT). */
  take(): number | null {
    const oldest = Date.now() - this.maxAgeMs;
    let stale = 0;
    while (stale < this.reservedAt.length && this.reservedAt[stale]! < oldest) stale++;
    if (stale) {
      this.ids.splice(0, stale);
      this.reservedAt.splice(0, stale);
    }
    const id = this.ids.shift() ?? null;
    this.reservedAt.shift();
    // A fresh block arrives before this one runs low or runs out of time, so a busy room never waits on one.
    const newest = this.reservedAt[this.reservedAt.length - 1] ?? 0;
    if (this.ids.length < this.block / 2 || newest < Date.now() - this.maxAgeMs / 2) this.refill();
    return id;
  }

  /** Fetches the first block; start-up waits for it so the first updates go out early too. */
  async ready(): Promise<void> {
    this.refill();
    await this.refilling;
  }

  private refill(): void {
    this.refilling ??= this.db
      .execute(sql`SELECT nextval(pg_get_serial_sequence('document_updates', 'id'))::float8 AS id FROM generate_series(1, ${this.block})`)
      .then((result) => {
        const fresh = rowsOf<{ id: number | string }>(result).map((r) => Number(r.id)).sort((a, b) => a - b);
        // A later block is always above the ids still held: nextval only climbs.
        this.ids.push(...fresh);
        const at = Date.now();
        for (let i = 0; i < fresh.length; i++) this.reservedAt.push(at);
      })
      .catch((err) => this.logger.warn("collab: could not reserve log ids; updates are relayed after their commit meanwhile", { err: String(err) }))
      .finally(() => {
        this.refilling = null;
      });
  }
}
