/**
 * `startEntServer`: the reference ENT API on a port (0 = ephemeral), with its database (SQLite file in the data
 * folder, or PostgreSQL when `databaseUrl` is set), the demo académie seeded on first run, and the merge workers.
 * With PostgreSQL any number of instances can share one database behind a load balancer: they must share the
 * signing key (`secret`, required then), rate limits and merge jobs live in the database.
 */
import { buildApp, type TlsFiles } from './app';
import type { ServerContext } from './context';
import { openDatabase } from './db/connect';
import { seedDemoIfEmpty } from './demo/seed';
import { privateDir } from './files';
import { createMailer, eraseOldMailSecrets } from './mail/mailer';
import type { Logger } from 'pino';
import { openServerLog } from './log';
import { derivedKey, loadSigningKeys, SECRET_ENV } from './services/crypto';
import { createLimits, DEFAULT_LIMITS, type LimitRules } from './services/limits';
import { expireCredentials } from './services/merge-status';
import { startPgBossQueue } from './worker/pg-boss-queue';
import { startEmbeddedQueue, type MergeQueue, type WorkerOptions } from './worker/worker';

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  /** Signing key(s) of tokens and grants (`key[,older…]`, base64 or hex, ≥ 32 bytes); default env `PASSERELLE_SERVER_SECRET`. Required with PostgreSQL. */
  secret?: string;
  /** The demo académie (default on); `schools`: that many more schools for the demo referent (`--demo-schools N`). */
  demo?: boolean | { seed?: number; schools?: number };
  /** Also write the log to standard output (or `logStream`); the files of `<dataDir>/logs` are written anyway. */
  log?: boolean;
  /** Write the log files of `<dataDir>/logs` (default true). */
  logFiles?: boolean;
  workerChunkSize?: number;
  workerIntervalMs?: number;
  /** Pause between two chunks of a job (tests use it to kill a job midway); default 0. */
  workerChunkDelayMs?: number;
  /** Merges this instance applies at the same time (different schools); default 2. */
  workerConcurrency?: number;
  /** How long a worker stays on one merge before it lets another school have a turn (ms). */
  workerSliceMs?: number;
  /** PostgreSQL: how often an instance looks for merges whose worker died (ms, default 10 s). */
  workerRescueMs?: number;
  /** Rate limits (tests shorten them); default `DEFAULT_LIMITS`. */
  limits?: Partial<LimitRules>;
  /** Behind a load balancer: trust its X-Forwarded-For (Fastify's `trustProxy`: true, or the proxies' addresses). */
  trustProxy?: boolean | string;
  /** Serve over https with this certificate and key (PEM; `--tls-cert`/`--tls-key`); default plain http. */
  tls?: TlsFiles;
  /** Public address of the ENT written in mails; default the listening address. */
  publicUrl?: string;
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
  /** The server's logger (files in `<dataDir>/logs`): the entry point logs the process's unexpected failures there. */
  logger: Logger;
}

export const DEFAULT_DEMO_SEED = 2026;
const MAINTENANCE_MS = 10 * 60 * 1000;

export async function startEntServer(opts: StartOptions): Promise<RunningServer> {
  privateDir(opts.dataDir);
  const concurrency = Math.max(1, opts.workerConcurrency ?? 2);
  const keys = loadSigningKeys({ dataDir: opts.dataDir, configured: opts.secret ?? process.env[SECRET_ENV], sharedDatabase: !!opts.databaseUrl });
  const database = await openDatabase({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, encrypt: opts.encryptDatabase, poolSize: 10 + concurrency });
  const mailer = createMailer({ smtpUrl: opts.smtpUrl ?? process.env.SMTP_URL, key: derivedKey(keys, 'mail') });
  const closing = new AbortController();
  let queue: MergeQueue | null = null;
  const ctx: ServerContext = {
    db: database.db,
    dialect: database.dialect,
    raw: database.raw,
    keys,
    mailer,
    limits: createLimits(database.raw, { ...DEFAULT_LIMITS, ...opts.limits }),
    rosterCache: new Map(),
    publicUrl: opts.publicUrl ?? '',
    now: () => Date.now(),
    closing: closing.signal,
    enqueueMerge: (tx, mergeId) => (queue ? queue.enqueue(tx, mergeId) : Promise.resolve()),
  };
  let demoAccountsFile: string | null = null;
  const log = await openServerLog({ dataDir: opts.dataDir, files: opts.logFiles ?? true, console: opts.log ?? false, ...(opts.logStream ? { stream: opts.logStream } : {}) });
  const app = buildApp(ctx, { logger: log.logger, ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}), ...(opts.tls ? { tls: opts.tls } : {}) });
  const maintenance = setInterval(() => {
    void eraseOldMailSecrets(ctx.db, ctx.now()).catch(() => undefined);
    void ctx.db.deleteFrom('rate_limits').where('expire', '<', ctx.now() - 3600_000).execute().catch(() => undefined);
    void expireCredentials(ctx).catch(() => undefined);
  }, MAINTENANCE_MS);
  maintenance.unref();
  try {
    const demo = opts.demo ?? true;
    if (demo !== false) {
      demoAccountsFile = await seedDemoIfEmpty(ctx, opts.dataDir, typeof demo === 'object' ? (demo.seed ?? DEFAULT_DEMO_SEED) : DEFAULT_DEMO_SEED, typeof demo === 'object' ? (demo.schools ?? 0) : 0);
    }
    const workerOpts: WorkerOptions = {
      concurrency,
      chunkSize: opts.workerChunkSize ?? 500,
      intervalMs: opts.workerIntervalMs ?? 200,
      ...(opts.workerChunkDelayMs ? { chunkDelayMs: opts.workerChunkDelayMs } : {}),
      ...(opts.workerSliceMs ? { sliceMs: opts.workerSliceMs } : {}),
      log: (m: string) => app.log.info(m),
    };
    queue = database.dialect === 'postgres' ? await startPgBossQueue(ctx, { ...workerOpts, ...(opts.workerRescueMs ? { rescueMs: opts.workerRescueMs } : {}) }) : startEmbeddedQueue(ctx, workerOpts);
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port ?? 0;
    const url = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    ctx.publicUrl ||= url;
    log.logger.info({ url, dialect: database.dialect, tls: Boolean(opts.tls) }, 'server.started');
    let closed: Promise<void> | null = null;
    const running: RunningServer = {
      url,
      dataDir: opts.dataDir,
      demoAccountsFile,
      logger: log.logger,
      close() {
        closed ??= (async () => {
          clearInterval(maintenance);
          closing.abort();
          log.logger.info({ url }, 'server.stopping');
          await queue?.stop();
          await app.close();
          mailer.close();
          await database.close();
          await log.close();
        })();
        return closed;
      },
    };
    return running;
  } catch (err) {
    clearInterval(maintenance);
    closing.abort();
    await queue?.stop().catch(() => undefined);
    await app.close().catch(() => undefined);
    await database.close();
    log.logger.error({ err }, 'server.start-failed');
    await log.close();
    throw err;
  }
}
