/** Failure counter with lock-out: `maxFailures` failures within the window lock the key for `lockMs`. In memory. */
export interface RateLimiter {
  /** Milliseconds left before the key is unlocked, 0 when free. */
  lockedFor(key: string, now: number): number;
  fail(key: string, now: number): void;
  succeed(key: string): void;
}

export function createRateLimiter(opts: { maxFailures: number; lockMs: number }): RateLimiter {
  const entries = new Map<string, { failures: number; lockedUntil: number }>();
  return {
    lockedFor(key, now) {
      const e = entries.get(key);
      if (!e || e.lockedUntil <= now) {
        if (e && e.lockedUntil !== 0 && e.lockedUntil <= now) entries.delete(key);
        return 0;
      }
      return e.lockedUntil - now;
    },
    fail(key, now) {
      const e = entries.get(key) ?? { failures: 0, lockedUntil: 0 };
      e.failures += 1;
      if (e.failures >= opts.maxFailures) {
        e.lockedUntil = now + opts.lockMs;
        e.failures = 0;
      }
      entries.set(key, e);
      if (entries.size > 100_000) entries.clear();
    },
    succeed(key) {
      entries.delete(key);
    },
  };
}
