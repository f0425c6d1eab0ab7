/**
 * The reference server's log (Fastify's logger is pino): JSON lines in rolling files of `<data folder>/logs/`
 * (`serveur-ent.<yyyy-MM-dd>.<n>.log`, rolled daily and at 10 MB, 10 older files kept, folder 0700, files 0600),
 * plus standard output (or the given stream) with `--log`. Every line goes through the contract's redaction list
 * and sanitiser (src-shared/log-privacy.ts): no password, token, grant, login, name or birth date, a request's path
 * without its query. The desktop hosts' twin is src-main/log (the server imports the contract only).
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger, type StreamEntry } from 'pino';
import pinoRoll from 'pino-roll';
import { CENSOR, errorForLog, REDACT_PATHS, sanitizedLogArgs, scrubForLog, scrubLogLine } from '../src-shared/log-privacy';

export const SERVER_LOG_NAME = 'serveur-ent';

export interface ServerLog {
  logger: Logger;
  /** The folder of the log files, or null when they are off. */
  dir: string | null;
  close(): Promise<void>;
}

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/**
 * `files`: write `<dataDir>/logs` (default on); `console`: also standard output, or `stream` when given (tests).
 * With neither, the logger still exists and writes nothing.
 */
export async function openServerLog(options: { dataDir: string; files?: boolean; console?: boolean; stream?: NodeJS.WritableStream; level?: string }): Promise<ServerLog> {
  const streams: StreamEntry[] = [];
  let file: Awaited<ReturnType<typeof pinoRoll>> | null = null;
  const dir = options.files === false ? null : join(options.dataDir, 'logs');
  if (dir) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
    file = await pinoRoll({ file: join(dir, SERVER_LOG_NAME), extension: '.log', dateFormat: 'yyyy-MM-dd', frequency: 'daily', size: '10m', limit: { count: 10 }, sync: true, mode: 0o600 });
    streams.push({ stream: file });
  }
  if (options.console) streams.push({ stream: options.stream ?? process.stdout });
  const sanitize = { paths: [homedir()].filter((p) => p.length > 1) };
  const logger = pino(
    {
      level: streams.length === 0 ? 'silent' : (options.level ?? process.env.PASSERELLE_LOG_LEVEL ?? 'info'),
      base: { host: SERVER_LOG_NAME, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers: {
        // A request is its method and path, and the client's address and port: no header, no query string, no body.
        // The client's port tells a proxy's tunnels apart (an operator's question, and the proxy test's).
        req: (req: RequestLike) => ({ method: req.method, url: (req.url ?? '').split('?')[0], remoteAddress: req.ip ?? req.socket?.remoteAddress, remotePort: req.socket?.remotePort }),
        err: (err: unknown) => (err instanceof Error ? errorForLog(err, sanitize) : err),
      },
      // Fastify's request and reply objects are left to their serializers; everything else is scrubbed at any depth.
      formatters: { log: (object) => scrubForLog(object, { ...sanitize, skip: new Set(['req', 'res']) }) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          return method.apply(this, sanitizedLogArgs(args, sanitize) as Parameters<typeof method>);
        },
        streamWrite: (line) => scrubLogLine(line),
      },
    },
    pino.multistream(streams),
  );
  let closed = false;
  return {
    logger,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        if (!file || closed) return resolve();
        closed = true;
        file.once('close', () => resolve());
        file.end();
      }),
  };
}
