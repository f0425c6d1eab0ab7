/**
 * Fresh pupil passwords, hashed ahead of need: hashing (scrypt, in libuv's thread pool) runs while the job's first
 * steps move data on the main thread, on max(2, cores − 1) threads so the moves keep most of a core. Nothing is persisted
 * here: a pair only means something once a chunk's transaction commits it to an account, so a crash loses nothing.
 */
import { availableParallelism } from 'node:os';
import { hashPassword, readablePassword } from '../services/crypto';

export interface HashedPassword { pw: string; hash: string }

export class PasswordPool {
  private readonly ready: HashedPassword[] = [];
  /** Prefetch target: passwords to keep hashed or being hashed ahead of need. */
  private wanted = 0;
  /** Passwords asked for by `take` calls still waiting (several workers share one pool). */
  private demand = 0;
  private running = 0;
  private waiters: Array<() => void> = [];
  private readonly concurrency = Math.max(2, availableParallelism() - 1);

  /** Makes sure at least `count` passwords are hashed or being hashed. */
  prepare(count: number): void {
    this.wanted = Math.max(this.wanted, Math.min(count, 5000));
    this.pump();
  }

  async take(count: number): Promise<HashedPassword[]> {
    this.demand += count;
    try {
      this.pump();
      while (this.ready.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
      this.wanted = Math.max(0, this.wanted - count);
      return this.ready.splice(0, count);
    } finally {
      this.demand -= count;
      this.pump();
    }
  }

  private pump(): void {
    while (this.running < this.concurrency && this.ready.length + this.running < Math.max(this.wanted, this.demand)) {
      this.running++;
      const pw = readablePassword(8);
      void hashPassword(pw)
        .then((hash) => this.ready.push({ pw, hash }))
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          const waiters = this.waiters.splice(0);
          for (const w of waiters) w();
          this.pump();
        });
    }
  }
}
