/**
 * `startEntServer`: the reference ENT API on a port (0 = ephemeral), with its database (SQLite file in the data
 * folder, or PostgreSQL when `databaseUrl` is set), the demo académie seeded on first run, and the merge worker.
 */
import { mkdirSync } from 'node:fs';
import { buildApp } from './app';
import type { ServerContext } from './context';
import { openDatabase } from './db/connect';
import { seedDemoIfEmpty } from './demo/seed';
import { createMailer } from './mail/mailer';
import { loadOrCreateSecret } from './services/crypto';
import { createRateLimiter } from './services/rate-limit';
import { startWorker } from './worker/worker';

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  demo?: boolean | { seed: number };
  log?: boolean;
  workerChunkSize?: number;
  workerIntervalMs?: number;
  /** Pause between two chunks of a job (tests use it to kill a job midway); default 0. */
  workerChunkDelayMs?: number;
  /** Where the request log goes when `log` is true (default: standard output). */
  logStream?: NodeJS.WritableStream;
  /** SQLite only: encrypted database file (`ent-encrypted.sqlite`, key in `database.key` of the data folder). */
  encryptDatabase?: boolean;
  /** SMTP URL for outgoing mail (default: env `SMTP_URL`); mails always go to the outbox table. */
  smtpUrl?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  dataDir: string;
  /** Path of the demo accounts file, when the demo is seeded. */
  demoAccountsFile: string | null;
}

export const DEFAULT_DEMO_SEED = 2026;

export async function startEntServer(opts: StartOptions): Promise<RunningServer> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const database = await openDatabase({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, encrypt: opts.encryptDatabase });
  const secret = loadOrCreateSecret(opts.dataDir);
  const mailer = createMailer({ smtpUrl: opts.smtpUrl ?? process.env.SMTP_URL });
  let wake: () => void = () => {};
  const closing = new AbortController();
  const ctx: ServerContext = {
    db: database.db,
    dialect: database.dialect,
    secret,
    mailer,
    legacyLimiter: createRateLimiter({ maxFailures: 5, lockMs: 15 * 60 * 1000 }),
    legacyClientLimiter: createRateLimiter({ maxFailures: 20, lockMs: 15 * 60 * 1000 }),
    loginLimiter: createRateLimiter({ maxFailures: 10, lockMs: 15 * 60 * 1000 }),
    rosterCache: new Map(),
    now: () => Date.now(),
    closing: closing.signal,
    wakeWorker: () => wake(),
  };
  let demoAccountsFile: string | null = null;
  try {
    const demo = opts.demo ?? true;
    if (demo !== false) {
      demoAccountsFile = await seedDemoIfEmpty(ctx, opts.dataDir, typeof demo === 'object' ? demo.seed : DEFAULT_DEMO_SEED);
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  const app = buildApp(ctx, { log: opts.log ?? false, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  const worker = startWorker(ctx, { chunkSize: opts.workerChunkSize ?? 500, intervalMs: opts.workerIntervalMs ?? 200, ...(opts.workerChunkDelayMs ? { chunkDelayMs: opts.workerChunkDelayMs } : {}), log: (m: string) => app.log.info(m) });
  wake = worker.wake;
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ port: opts.port ?? 0, host });
  } catch (err) {
    await worker.stop();
    await database.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port ?? 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    dataDir: opts.dataDir,
    demoAccountsFile,
    close() {
      closed ??= (async () => {
        closing.abort();
        await worker.stop();
        await app.close();
        mailer.close();
        await database.close();
      })();
      return closed;
    },
  };
}
