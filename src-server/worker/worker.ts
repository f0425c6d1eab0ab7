/** The merge worker of the server process: applies chunks while there is work, sleeps otherwise; stops between chunks. */
import type { ServerContext } from '../context';
import { runOneChunk } from './apply';
import { PasswordPool } from './password-pool';

export interface Worker { wake(): void; stop(): Promise<void> }

export function startWorker(ctx: ServerContext, opts: { chunkSize: number; intervalMs: number; chunkDelayMs?: number; log(msg: string): void }): Worker {
  let stopped = false;
  const pool = new PasswordPool();
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });
  const loop = (async () => {
    while (!stopped) {
      let worked = false;
      try {
        worked = await runOneChunk(ctx.db, opts.chunkSize, pool, ctx.dialect);
      } catch (err) {
        opts.log(`merge worker: chunk failed, will retry (${err instanceof Error ? err.message : 'unknown error'})`);
        if (!stopped) await sleep(Math.max(opts.intervalMs, 1000));
      }
      if (stopped) break;
      if (worked && !opts.chunkDelayMs) {
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      await sleep(worked ? (opts.chunkDelayMs ?? 0) : opts.intervalMs);
    }
  })();
  return {
    wake() {
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
  };
}
