/**
 * Counts failed sign-ins per account and per address in a sliding window. Kept in memory:
 * one process serves the trust, and a restart forgiving a few failures is acceptable.
 */
export interface ThrottleOptions {
  windowMs?: number;
  maxPerAccount?: number;
  maxPerAddress?: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly maxPerAccount: number;
  private readonly maxPerAddress: number;

  constructor(options: ThrottleOptions = {}) {
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.maxPerAccount = options.maxPerAccount ?? 5;
    this.maxPerAddress = options.maxPerAddress ?? 20;
  }

  /** Seconds the caller must wait, or 0 when a sign-in may be tried. */
  retryAfter(email: string, address: string): number {
    const now = Date.now();
    const wait = (key: string, max: number) => {
      const times = this.recent(key, now);
      if (times.length < max) return 0;
      return Math.ceil((times[times.length - max]! + this.windowMs - now) / 1000);
    };
    return Math.max(wait(`a:${email}`, this.maxPerAccount), wait(`ip:${address}`, this.maxPerAddress));
  }

  recordFailure(email: string, address: string): void {
    const now = Date.now();
    for (const key of [`a:${email}`, `ip:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** A successful sign-in clears the account's count, not the address's. */
  recordSuccess(email: string): void {
    this.failures.delete(`a:${email}`);
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }
}
