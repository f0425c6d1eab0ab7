/**
 * Structured logs of the Node hosts (the Electron main, the browser host, the CLI): pino writing JSON lines into
 * rolling files of `<data folder>/logs/` (pino-roll as a plain in-process stream: see docs/TOOLCHAIN.md), with
 * the shared redaction list and sanitiser (src-shared/log-privacy.ts) applied to every line, and unexpected
 * errors and unhandled rejections written before anything else happens. The reference server has its own twin
 * (src-server/log.ts: the server imports the contract only).
 */
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger, type LoggerOptions } from 'pino';
import pinoRoll from 'pino-roll';
import { CENSOR, errorForLog, REDACT_PATHS, sanitizedLogArgs, scrubForLog, scrubLogLine } from '../../src-shared/log-privacy';
import type { CoreLogger } from '../core';

export const LOGS_FOLDER = 'logs';
/** A file is rolled at midnight or at this size; this many older files are kept per host. */
export const LOG_FILE_SIZE = '5m';
export const LOG_FILES_KEPT = 6;

export type LogHost = 'electron' | 'navigateur' | 'cli';

export function logsDirOf(dataRoot: string): string {
  return join(dataRoot, LOGS_FOLDER);
}

const HOME = ((): string[] => {
  try {
    const home = homedir();
    return home.length > 1 ? [home] : [];
  } catch {
    return [];
  }
})();

/** pino options shared by every host: no machine name, redaction list, our serializers, sanitised messages. */
export function loggerOptions(host: string, level = process.env.PASSERELLE_LOG_LEVEL ?? 'info'): LoggerOptions {
  const options = { paths: HOME };
  return {
    level,
    base: { host, pid: process.pid },
    redact: { paths: [...REDACT_PATHS], censor: CENSOR },
    // `formatters.log` (below) runs first and has already reduced an error to plain data: the serializers only
    // meet an error logged some other way (a child logger's bindings).
    serializers: { err: (err: unknown) => (err instanceof Error ? errorForLog(err, options) : err), error: (err: unknown) => (err instanceof Error ? errorForLog(err, options) : err) },
    formatters: { log: (object) => scrubForLog(object, options) as Record<string, unknown> },
    hooks: {
      // The message itself (an event name, by our convention) is sanitised too; the line last.
      logMethod(args, method) {
        return method.apply(this, sanitizedLogArgs(args, options) as Parameters<typeof method>);
      },
      streamWrite: (line) => scrubLogLine(line),
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export interface HostLog {
  /** `<data folder>/logs`. */
  dir: string;
  logger: Logger;
  /** The same logger as the core's interface. */
  core: CoreLogger;
  /** Writes what is buffered (the file stream is synchronous: a no-op kept for the shutdown paths). */
  flush(): void;
  close(): Promise<void>;
}

export function coreLoggerOf(logger: Logger): CoreLogger {
  return {
    info: (fields, event) => logger.info(fields, event),
    warn: (fields, event) => logger.warn(fields, event),
    error: (fields, event) => logger.error(fields, event),
  };
}

/**
 * Opens `<dir>/<host>.<yyyy-MM-dd>.<n>.log` (rolled daily and at 5 MB, 6 older files kept), folder 0700, files
 * 0600. Writes are synchronous: the line of an unexpected error is on disk before the process goes down, and the
 * volume (a line per operation) makes the cost negligible.
 */
export async function openHostLog(options: { dir: string; host: LogHost | string; level?: string; also?: NodeJS.WritableStream }): Promise<HostLog> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(options.dir, 0o700);
  const file = await pinoRoll({
    file: join(options.dir, options.host),
    extension: '.log',
    dateFormat: 'yyyy-MM-dd',
    frequency: 'daily',
    size: LOG_FILE_SIZE,
    limit: { count: LOG_FILES_KEPT },
    sync: true,
    mode: 0o600,
  });
  const destination = options.also ? pino.multistream([{ stream: file }, { stream: options.also }]) : file;
  const logger = pino(loggerOptions(options.host, options.level), destination);
  let closed = false;
  return {
    dir: options.dir,
    logger,
    core: coreLoggerOf(logger),
    flush: () => {
      try {
        file.flushSync();
      } catch {
        // Nothing buffered, or the file is gone: nothing to lose.
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        file.once('close', () => resolve());
        file.end();
      }),
  };
}

/**
 * Unexpected errors and unhandled rejections of the process, logged (as `errorForLog` has them) before the host
 * reacts: `onFatal` after an uncaught exception (the process must then end), nothing more for a rejection (logged
 * as an error; the hosts that stay open keep running). Returns the uninstall.
 */
export function logProcessFailures(log: Pick<HostLog, 'logger' | 'flush'>, onFatal: (err: unknown) => void): () => void {
  const uncaught = (err: unknown): void => {
    log.logger.fatal({ err }, 'process.uncaught-exception');
    log.flush();
    onFatal(err);
  };
  const rejected = (reason: unknown): void => {
    log.logger.error({ err: reason }, 'process.unhandled-rejection');
    log.flush();
  };
  process.on('uncaughtException', uncaught);
  process.on('unhandledRejection', rejected);
  return () => {
    process.off('uncaughtException', uncaught);
    process.off('unhandledRejection', rejected);
  };
}

/** The log files of a folder, newest first (every host of a data folder writes there). */
export function logFiles(dir: string): Array<{ path: string; bytes: number; modifiedAt: number }> {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.log'))
      .map((name) => {
        const path = join(dir, name);
        const stat = statSync(path);
        return { path, bytes: stat.size, modifiedAt: stat.mtimeMs };
      })
      .sort((a, b) => b.modifiedAt - a.modifiedAt);
  } catch {
    return [];
  }
}
