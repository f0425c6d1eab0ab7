/**
 * Rate limits that stop attackers, not owners (rate-limiter-flexible, counters in the server's own database:
 * SQLite by default, PostgreSQL when configured — so they survive restarts and hold across instances).
 *
 * Password checks (sign-in, last year's credentials) count failures three ways:
 *  - per (account, client): a few consecutive failures lock that pair; a success resets it;
 *  - per account, all clients: a slower throttle that only holds back clients the account has never succeeded
 *    from — a stranger spraying from elsewhere never locks the owner out on their own PC;
 *  - per client, all accounts: a high ceiling against one address trying many accounts (a school's NAT stays far
 *    below it: it is per hour and decays).
 * Mail-sending requests (activation, forgotten credentials, support, one-time codes) count per address and per client.
 */
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import type { RawClient } from '../db/connect';
import { HttpError } from '../http/errors';

/** `failures` within `windowS` seconds lock the key for `lockS` seconds. */
export interface FailureRule { failures: number; windowS: number; lockS: number }

export interface LimitRules {
  loginPair: FailureRule;
  loginAccount: FailureRule;
  loginClient: FailureRule;
  legacyPair: FailureRule;
  legacyAccount: FailureRule;
  legacyCaller: FailureRule;
  legacyClient: FailureRule;
  /** Mails asked for one address (activation, forgot, codes). */
  mailAddress: FailureRule;
  /** Mail-sending requests from one client, and support requests. */
  mailClient: FailureRule;
  /** Wrong one-time codes from one client. */
  codeClient: FailureRule;
  /** How long a client stays "known" for an account after a success. */
  knownForDays: number;
}

export const DEFAULT_LIMITS: LimitRules = {
  loginPair: { failures: 10, windowS: 3600, lockS: 15 * 60 },
  loginAccount: { failures: 30, windowS: 3600, lockS: 3600 },
  loginClient: { failures: 100, windowS: 3600, lockS: 15 * 60 },
  legacyPair: { failures: 5, windowS: 3600, lockS: 15 * 60 },
  legacyAccount: { failures: 20, windowS: 3600, lockS: 3600 },
  legacyCaller: { failures: 20, windowS: 3600, lockS: 15 * 60 },
  legacyClient: { failures: 50, windowS: 3600, lockS: 15 * 60 },
  mailAddress: { failures: 3, windowS: 3600, lockS: 3600 },
  mailClient: { failures: 20, windowS: 3600, lockS: 3600 },
  codeClient: { failures: 10, windowS: 15 * 60, lockS: 15 * 60 },
  knownForDays: 90,
};

type RuleName = Exclude<keyof LimitRules, 'knownForDays'>;

/** One counter (a key prefix in the shared `rate_limits` table). */
export interface Counter {
  /** Milliseconds the key must still wait, 0 when free. */
  waitMs(key: string): Promise<number>;
  /** Counts one event; true when this event made the key wait. */
  hit(key: string): Promise<boolean>;
  reset(key: string): Promise<void>;
}

export interface Limits {
  counter(name: RuleName): Counter;
  /** A client that succeeded for this account recently ("my own PC"). */
  isKnown(scope: 'login' | 'legacy', account: string, client: string): Promise<boolean>;
  remember(scope: 'login' | 'legacy', account: string, client: string): Promise<void>;
  rules: LimitRules;
}

/** Keys are hashed: the table holds neither logins nor addresses, and every key fits the store's column. */
export function limitKey(...parts: string[]): string {
  return createHash('sha256').update(parts.map((p) => p.toLowerCase()).join('\u0000')).digest('base64url').slice(0, 32);
}

function store(raw: RawClient, opts: { keyPrefix: string; points: number; duration: number; blockDuration?: number }): RateLimiterStoreAbstract {
  const common = { ...opts, tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false };
  return raw.dialect === 'postgres'
    ? new RateLimiterPostgres({ ...common, storeClient: raw.pool, storeType: 'pool' })
    : new RateLimiterSQLite({ ...common, storeClient: raw.sqlite, storeType: 'better-sqlite3' });
}

/** The library rejects with its result object when a key is over its points, and with an Error when the store fails. */
function isLimitResult(v: unknown): v is { msBeforeNext: number } {
  return typeof v === 'object' && v !== null && 'msBeforeNext' in v && !(v instanceof Error);
}

function counterOf(raw: RawClient, name: string, rule: FailureRule): Counter {
  // The lock starts with the `failures`-th failure: the store blocks once more than `points` were consumed.
  const rl = store(raw, { keyPrefix: name, points: Math.max(1, rule.failures - 1), duration: rule.windowS, blockDuration: rule.lockS });
  return {
    async waitMs(key) {
      const res = await rl.get(key);
      return res && res.consumedPoints > rl.points ? Math.max(1000, res.msBeforeNext) : 0;
    },
    async hit(key) {
      try {
        await rl.consume(key, 1);
        return false;
      } catch (err) {
        if (isLimitResult(err)) return true;
        throw err;
      }
    },
    async reset(key) {
      await rl.delete(key);
    },
  };
}

export function createLimits(raw: RawClient, rules: LimitRules = DEFAULT_LIMITS): Limits {
  const counters = new Map<RuleName, Counter>();
  const known = store(raw, { keyPrefix: 'known', points: 1, duration: rules.knownForDays * 86_400 });
  return {
    rules,
    counter(name) {
      let c = counters.get(name);
      if (!c) {
        c = counterOf(raw, name, rules[name]);
        counters.set(name, c);
      }
      return c;
    },
    async isKnown(scope, account, client) {
      return (await known.get(limitKey(scope, account, client))) !== null;
    },
    async remember(scope, account, client) {
      await known.set(limitKey(scope, account, client), 1, rules.knownForDays * 86_400);
    },
  };
}

/** 429 with `Retry-After` (the error handler sets the header from `retryAfterSeconds`). */
export function tooMany(waitMs: number, message?: string): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new HttpError('rate-limited', {
    message: message ?? `Trop d'essais. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    details: { retryAfterSeconds: seconds },
  });
}

/** Refuses with 429 when any of the (counter, key) pairs must wait. */
export async function assertFree(checks: Array<[Counter, string]>, message?: (minutes: number) => string): Promise<void> {
  const waits = await Promise.all(checks.map(([c, k]) => c.waitMs(k)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) throw tooMany(wait, message?.(Math.max(1, Math.ceil(wait / 60_000))));
}

/** Counts one request against each pair, then refuses with 429 if one of them is now over its limit. */
export async function spend(checks: Array<[Counter, string]>, message?: (minutes: number) => string): Promise<void> {
  await assertFree(checks, message);
  await Promise.all(checks.map(([c, k]) => c.hit(k)));
}
