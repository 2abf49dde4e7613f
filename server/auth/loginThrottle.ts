/**
 * Sign-in throttling on rate-limiter-flexible. Each attempt consumes a point *before* the
 * password is checked, in one atomic store operation, so parallel guesses cannot all slip in
 * under the limit. Accounts and addresses count separately: the per-account limit is what
 * stops guessing; the per-address one is high, so one person's typos behind a school's NAT
 * never lock out their colleagues. Password-reset emails are limited the same way, per account
 * and per address, so nobody can flood a person's inbox through the reset form. The store is
 * shared by every process: Redis when REDIS_URL is set, otherwise the `rate_limits` table.
 */
import { lt } from "drizzle-orm";
import { Redis } from "ioredis";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "../db/client.js";
import { rateLimits } from "../db/schema/index.js";

export interface ThrottleOptions {
  windowSeconds?: number;
  /** Attempts per account per window: what stops password guessing. */
  maxPerAccount?: number;
  /** Attempts per address per window: high, because a whole school may share one address. */
  maxPerAddress?: number;
  /** Prefix of every key; tests use their own so runs never share counters. */
  keyPrefix?: string;
  /** Password-reset emails per account per `resetWindowSeconds`. */
  maxResetsPerAccount?: number;
  /** Password-reset requests per address per window: enough for a school's office, not for a flood. */
  maxResetsPerAddress?: number;
  resetWindowSeconds?: number;
}

export interface ThrottleStore {
  /** The database every process shares. */
  db: Db;
  /** When set, counters live in Redis instead of the database. */
  redisUrl?: string;
}

const DEFAULTS = { windowSeconds: 15 * 60, maxPerAccount: 5, maxPerAddress: 200, keyPrefix: "trellis:login", maxResetsPerAccount: 3, maxResetsPerAddress: 30, resetWindowSeconds: 60 * 60 } as const;

const waitSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Counts sign-in attempts per account and per address; see the module comment. */
export class LoginThrottle {
  readonly store: "redis" | "database";
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly resetsByAccount: RateLimiterAbstract;
  private readonly resetsByAddress: RateLimiterAbstract;
  private readonly redis: Redis | null;
  private readonly db: Db;
  private lastPrune = 0;

  constructor(backing: ThrottleStore, options: ThrottleOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    // Commands queue while Redis connects; once a command fails (Redis down) each process counts in memory, so sign-in keeps working and is still throttled.
    const insurance = (points: number, duration: number) => new RateLimiterMemory({ points, duration });
    this.redis = backing.redisUrl ? new Redis(backing.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    this.redis?.on("error", () => {}); // ioredis reconnects by itself; the insurance limiter covers the gap.
    const make = (kind: string, points: number, duration = o.windowSeconds): RateLimiterAbstract => {
      const common = { points, duration, keyPrefix: `${o.keyPrefix}:${kind}` };
      if (this.redis) return new RateLimiterRedis({ ...common, storeClient: this.redis, insuranceLimiter: insurance(points, duration) });
      // Pruning runs below, on our own schedule, so no timer outlives the database.
      return new RateLimiterDrizzle({ ...common, storeClient: backing.db, schema: rateLimits, clearExpiredByTimeout: false });
    };
    this.store = this.redis ? "redis" : "database";
    this.byAccount = make("account", o.maxPerAccount);
    this.byAddress = make("address", o.maxPerAddress);
    this.resetsByAccount = make("reset-account", o.maxResetsPerAccount, o.resetWindowSeconds);
    this.resetsByAddress = make("reset-address", o.maxResetsPerAddress, o.resetWindowSeconds);
    this.db = backing.db;
  }

  /**
   * Reserves one attempt for this account and address. Returns 0 when the password may be
   * checked, else the seconds to wait. Call before checking the password.
   */
  async begin(email: string, address: string): Promise<number> {
    await this.prune();
    try {
      await this.byAccount.consume(email);
    } catch (err) {
      if (err instanceof RateLimiterRes) return waitSeconds(err);
      throw err;
    }
    try {
      await this.byAddress.consume(address);
    } catch (err) {
      // The account's point was not the reason; give it back.
      await this.byAccount.reward(email).catch(() => {});
      if (err instanceof RateLimiterRes) return waitSeconds(err);
      throw err;
    }
    return 0;
  }

  /** A successful sign-in clears the account's count and returns the address's point. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.delete(email), this.byAddress.reward(address)]);
  }

  /**
   * Whether a password-reset email may go to this address now (one point each from the
   * account and the requester's address). The caller answers the same either way.
   */
  async allowReset(email: string, address: string): Promise<boolean> {
    await this.prune();
    try {
      await this.resetsByAddress.consume(address);
      await this.resetsByAccount.consume(email);
      return true;
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      throw err;
    }
  }

  /** Closes the Redis connection, if any. */
  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  // The database store keeps expired rows until someone deletes them: at most every five minutes, by whoever signs in.
  private async prune(): Promise<void> {
    if (this.store !== "database" || Date.now() - this.lastPrune < 5 * 60 * 1000) return;
    this.lastPrune = Date.now();
    await this.db.delete(rateLimits).where(lt(rateLimits.expire, new Date())).catch(() => {});
  }
}
