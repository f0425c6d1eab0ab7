/**
 * Merge jobs on PostgreSQL with pg-boss (pinned 10.x: the last major that runs on Node 20). Every instance runs
 * `concurrency` workers on the `merges` queue; a job is one slice of one school's merge, and a slice that did not
 * finish the merge sends the next one ("short" policy: at most one queued job per merge, so chains never multiply).
 * - The first job is inserted in the very transaction that accepts the batch (pg-boss's `db` option): an accepted
 *   batch always has its job, a refused one never does.
 * - One worker at a time per merge: a slice holds a session advisory lock named after the merge; a duplicate job
 *   (a rescue, an expired job retried) that finds it taken simply ends — the holder sends the continuation.
 *   A killed instance's connection closes, PostgreSQL releases its locks, and the merge is picked up again by the
 *   rescue sweep (every `rescueMs`, any instance) or by pg-boss's own retry of the expired job.
 * - Exactly-once is not the queue's business: every chunk is one transaction that marks its operations done
 *   (apply.ts), so a slice run twice applies nothing twice.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { ServerContext } from '../context';
import type { DB } from '../db/schema';
import { PasswordPool } from './password-pool';
import { runSlice, type MergeQueue, type WorkerOptions } from './worker';

const QUEUE = 'merges';
const RESCUE_MS = 10_000;

interface MergeJob { mergeId: string }

/** pg-boss runs its statements through this adapter to take part in our kysely transaction. */
function inTransaction(tx: Kysely<DB>): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const res = await tx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: res.rows as unknown[] };
    },
  };
}

export async function startPgBossQueue(ctx: ServerContext, opts: WorkerOptions & { rescueMs?: number }): Promise<MergeQueue> {
  if (ctx.raw.dialect !== 'postgres') throw new Error('pg-boss needs PostgreSQL');
  const { pool: pgPool, url } = ctx.raw;
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 3, application_name: 'passerelle-ent-worker', supervise: true, schedule: false, maintenanceIntervalSeconds: 10 });
  boss.on('error', (err: Error) => opts.log(`merge queue: ${err.message}`));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, policy: 'short', expireInSeconds: 60, retryLimit: 1000, retryDelay: 1 });
  const stop = new AbortController();
  const passwords = new PasswordPool();
  const send = (mergeId: string, db?: PgBoss.Db) => boss.send(QUEUE, { mergeId } satisfies MergeJob, { singletonKey: mergeId, ...(db ? { db } : {}) });

  const handle = async (jobs: Array<PgBoss.Job<MergeJob>>): Promise<void> => {
    for (const job of jobs) {
      const { mergeId } = job.data;
      const client = await pgPool.connect();
      let result: 'more' | 'finished' | 'held elsewhere';
      try {
        const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 42)) AS ok', [mergeId]);
        // Another worker holds this merge: it sends the next slice itself.
        if (!locked.rows[0]?.ok) result = 'held elsewhere';
        else {
          try {
            result = await runSlice(ctx, passwords, mergeId, opts, stop.signal);
          } finally {
            await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 42))', [mergeId]);
          }
        }
      } finally {
        client.release();
      }
      if (result === 'more') await send(mergeId);
    }
  };
  const workers: string[] = [];
  for (let i = 0; i < Math.max(1, opts.concurrency); i++) {
    workers.push(await boss.work<MergeJob>(QUEUE, { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, opts.intervalMs / 1000) }, handle));
  }
  // Merges accepted before this instance started, or whose worker died: send them again (deduplicated by pg-boss).
  const rescue = async (): Promise<void> => {
    const unfinished = await ctx.db.selectFrom('merges').select('id').where('status', 'in', ['accepted', 'running']).execute();
    for (const m of unfinished) await send(m.id);
  };
  await rescue();
  const timer = setInterval(() => void rescue().catch((err: unknown) => opts.log(`merge queue rescue: ${err instanceof Error ? err.message : 'error'}`)), opts.rescueMs ?? RESCUE_MS);
  timer.unref();
  return {
    async enqueue(tx, mergeId) {
      await send(mergeId, inTransaction(tx));
      // The job is visible once the transaction commits: wake this instance's idle workers just after.
      setTimeout(() => {
        for (const id of workers) boss.notifyWorker(id);
      }, 20).unref();
    },
    async stop() {
      clearInterval(timer);
      stop.abort();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
