/** The pool of pre-hashed pupil passwords serves several workers at once (a worker waiting never starves). */
import { describe, expect, it } from 'vitest';
import { PasswordPool } from '../../../src-server/worker/password-pool';
import { verifyPassword } from '../../../src-server/services/crypto';

describe('password pool', () => {
  it('answers concurrent takes of several workers, each with its own distinct, verifiable passwords', async () => {
    const pool = new PasswordPool();
    pool.prepare(6);
    const [a, b, c] = await Promise.all([pool.take(3), pool.take(3), pool.take(2)]);
    const all = [...(a ?? []), ...(b ?? []), ...(c ?? [])];
    expect(all).toHaveLength(8);
    expect(new Set(all.map((p) => p.pw)).size).toBe(8);
    const first = all[0];
    expect(first && (await verifyPassword(first.pw, first.hash))).toBe(true);
  }, 20_000);
});
