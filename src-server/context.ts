/** Everything a route or service needs, built once per server. */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
import type { DialectName } from './db/connect';
import type { Mailer } from './mail/mailer';
import type { RateLimiter } from './services/rate-limit';

export interface ServerContext {
  db: Kysely<DB>;
  dialect: DialectName;
  secret: Buffer;
  mailer: Mailer;
  /** Legacy credentials, per old login (5 failures → 15 min). */
  legacyLimiter: RateLimiter;
  /** Legacy credentials, per client address (20 failures → 15 min: one school's PC tries several accounts). */
  legacyClientLimiter: RateLimiter;
  /** Sign-in: per login and per client address. */
  loginLimiter: RateLimiter;
  /** Serialised new rosters by school, valid for one version (200 concurrent pulls cost one build). */
  rosterCache: Map<string, { version: string; json: Buffer }>;
  now(): number;
  /** Aborted when the server closes: long-lived answers (SSE) end then. */
  closing: AbortSignal;
  /** Wakes the merge worker up (a batch was just accepted). */
  wakeWorker(): void;
}
