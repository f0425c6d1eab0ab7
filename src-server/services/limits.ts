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

/**
 * One counter (a key prefix in the shared `rate_limits` table). An attempt is counted BEFORE the password is
 * checked (`take`, atomic in the store), so a burst of concurrent guesses cannot slip under the limit; a success
 * gives its point back (`give`) or clears the count (`reset`).
 */
export interface Counter {
  /** Milliseconds the key must still wait, 0 when free. */
  waitMs(key: string): Promise<number>;
  /** Counts one attempt; false (and nothing counted) when the key is over its limit. */
  take(key: string): Promise<boolean>;
  /** Gives back the point of an attempt that succeeded. */
  give(key: string): Promise<void>;
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
  // `failures` attempts fit in the window; the next one is refused and locks the key for `lockS`.
  const rl = store(raw, { keyPrefix: name, points: rule.failures, duration: rule.windowS, blockDuration: rule.lockS });
  return {
    async waitMs(key) {
      const res = await rl.get(key);
      return res && res.consumedPoints > rl.points ? Math.max(1000, res.msBeforeNext) : 0;
    },
    async take(key) {
      try {
        await rl.consume(key, 1);
        return true;
      } catch (err) {
        if (isLimitResult(err)) return false;
        throw err;
      }
    },
    async give(key) {
      await rl.reward(key, 1);
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
    ...(message ? {} : { key: 'limits.wait', params: { minutes } }),
    details: { retryAfterSeconds: seconds },
  });
}

export type Check = [Counter, string];

async function refuse(checks: Check[], message?: (minutes: number) => string): Promise<never> {
  const wait = Math.max(1000, ...(await Promise.all(checks.map(([c, k]) => c.waitMs(k)))));
  throw tooMany(wait, message?.(Math.max(1, Math.ceil(wait / 60_000))));
}

/**
 * Counts this attempt against every (counter, key) pair, atomically in the store; refuses with 429 (Retry-After)
 * when one of them is over its limit. Returns a function that gives the points back (the attempt succeeded).
 */
export async function attempt(checks: Check[], message?: (minutes: number) => string): Promise<() => Promise<void>> {
  const taken = await Promise.all(checks.map(([c, k]) => c.take(k)));
  if (taken.some((ok) => !ok)) {
    // A refused attempt is not an attempt: what it did count is given back.
    await Promise.all(checks.filter((_, i) => taken[i]).map(([c, k]) => c.give(k)));
    return refuse(checks, message);
  }
  return async () => {
    await Promise.all(checks.map(([c, k]) => c.give(k)));
  };
}

/** A request that costs one point whatever its outcome (mails, support requests). */
export async function spend(checks: Check[], message?: (minutes: number) => string): Promise<void> {
  await attempt(checks, message);
}
