/**
 * The merge worker: accepted merges are applied in slices of chunks (each chunk one transaction, see apply.ts).
 * Two queues with the same job semantics — a slice of one school's merge at a time per worker, several workers
 * (`concurrency`) per server, different schools in parallel, a slice resumed from the database after any crash:
 *  - PostgreSQL: pg-boss (jobs in the `pgboss` schema, shared by every instance; see pg-boss-queue.ts);
 *  - SQLite (one instance by design): an embedded queue, below, that reads unfinished merges from the database.
 */
import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { DB } from '../db/schema';
import { runOneChunk, type ChunkResult } from './apply';
import { credentialsKey, sealCredential } from '../services/merge-status';
import { PasswordPool } from './password-pool';

export interface WorkerOptions {
  /** Merges applied at the same time by this server (different schools). */
  concurrency: number;
  chunkSize: number;
  /** How often an idle worker looks for work. */
  intervalMs: number;
  /** Pause between two chunks of a job (tests use it to kill a job midway); default 0. */
  chunkDelayMs?: number;
  /** Longest run on one merge before a worker lets the others have a turn. */
  sliceMs?: number;
  log(msg: string): void;
}

export interface MergeQueue {
  /** Hands an accepted merge over, inside the transaction that accepted it when the queue can. */
  enqueue(tx: Kysely<DB>, mergeId: string): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_SLICE_MS = 3000;

/** Waits `ms`, or less when a signal aborts; leaves no listener behind (a worker sleeps millions of times). */
const sleep = (ms: number, ...signals: AbortSignal[]): Promise<void> =>
  new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve();
    const done = () => {
      clearTimeout(t);
      for (const s of signals) s.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    for (const s of signals) s.addEventListener('abort', done, { once: true });
  });

/** Applies chunks of one merge until it is done, the slice is over, or the server stops. */
export async function runSlice(ctx: ServerContext, pool: PasswordPool, mergeId: string, opts: WorkerOptions, signal: AbortSignal): Promise<ChunkResult> {
  const until = Date.now() + (opts.sliceMs ?? DEFAULT_SLICE_MS);
  const key = credentialsKey(ctx);
  const sealPassword = (clear: string) => sealCredential(key, clear);
  for (;;) {
    if ((await runOneChunk(ctx.db, mergeId, opts.chunkSize, pool, ctx.dialect, sealPassword)) === 'finished') return 'finished';
    if (signal.aborted || Date.now() >= until) return 'more';
    if (opts.chunkDelayMs) await sleep(opts.chunkDelayMs, signal);
    else await new Promise<void>((r) => setImmediate(r));
  }
}

/** The embedded queue: `concurrency` lanes, each taking the oldest unfinished merge no other lane holds. */
export function startEmbeddedQueue(ctx: ServerContext, opts: WorkerOptions): MergeQueue {
  const stop = new AbortController();
  const pool = new PasswordPool();
  const held = new Set<string>();
  let wake = new AbortController();
  const nextMerge = async (): Promise<string | null> => {
    const rows = await ctx.db.selectFrom('merges').select('id').where('status', 'in', ['accepted', 'running']).orderBy('accepted_at').limit(held.size + 1).execute();
    return rows.find((r) => !held.has(r.id))?.id ?? null;
  };
  const lane = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      let id: string | null = null;
      let mine = false;
      try {
        id = await nextMerge();
        // Another lane may have taken it while this one was reading.
        if (id && !held.has(id)) {
          held.add(id);
          mine = true;
          await runSlice(ctx, pool, id, opts, stop.signal);
        }
      } catch (err) {
        opts.log(`merge worker: chunk failed, will retry (${err instanceof Error ? err.message : 'unknown error'})`);
        await sleep(Math.max(opts.intervalMs, 1000), stop.signal);
      } finally {
        if (id && mine) held.delete(id);
      }
      if (!id) await sleep(opts.intervalMs, stop.signal, wake.signal);
    }
  };
  const lanes = Array.from({ length: Math.max(1, opts.concurrency) }, () => lane());
  return {
    async enqueue() {
      // The merge row becomes visible when the caller's transaction commits: idle lanes look again on the next turn.
      setImmediate(() => {
        wake.abort();
        wake = new AbortController();
      });
    },
    async stop() {
      stop.abort();
      await Promise.all(lanes);
    },
  };
}
