/** Everything a route or service needs, built once per server. */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
import type { DialectName, RawClient } from './db/connect';
import type { Mailer } from './mail/mailer';
import type { SigningKeys } from './services/crypto';
import type { Limits } from './services/limits';

export interface ServerContext {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The driver's own handle (rate-limit store, job queue). */
  raw: RawClient;
  /** Signs access tokens and legacy grants; every instance of one deployment shares them. */
  keys: SigningKeys;
  mailer: Mailer;
  /** Failure counters and request quotas, kept in the database (shared by every instance, kept over restarts). */
  limits: Limits;
  /** Serialised new rosters by school, valid for one version (200 concurrent pulls cost one build). */
  rosterCache: Map<string, { version: string; json: Buffer }>;
  /** Public address of the ENT's web portal, written in mails (links to use a one-time code). */
  publicUrl: string;
  now(): number;
  /** Aborted when the server closes: long-lived answers (SSE) end then. */
  closing: AbortSignal;
  /** Hands an accepted merge to the job queue (inside the transaction that accepted it, when the queue can). */
  enqueueMerge(tx: Kysely<DB>, mergeId: string): Promise<void>;
}
