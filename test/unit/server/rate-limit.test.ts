/** Lock-out after repeated failures, released after the lock time, reset by a success. */
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src-server/services/rate-limit';

describe('rate limiter', () => {
  it('locks a key for 15 minutes after 5 failures', () => {
    const rl = createRateLimiter({ maxFailures: 5, lockMs: 15 * 60_000 });
    for (let i = 0; i < 4; i++) rl.fail('a', 1000);
    expect(rl.lockedFor('a', 1000)).toBe(0);
    rl.fail('a', 1000);
    expect(rl.lockedFor('a', 1000)).toBe(15 * 60_000);
    expect(rl.lockedFor('b', 1000)).toBe(0);
    expect(rl.lockedFor('a', 1000 + 15 * 60_000)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const rl = createRateLimiter({ maxFailures: 2, lockMs: 1000 });
    rl.fail('a', 0);
    rl.succeed('a');
    rl.fail('a', 0);
    expect(rl.lockedFor('a', 0)).toBe(0);
  });
});
