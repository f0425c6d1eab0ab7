/**
 * Where the ENT tokens live. The Electron host provides a `safeStorage`-backed TokenStore; the browser host
 * and the CLI use the encrypted cache (this file). Old-account passwords never reach any store.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { nowIso } from '../cache/database';

export const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** ISO date at which the access token expires, when the server said so. */
  accessExpiresAt: z.string().nullable(),
});
export type StoredTokens = z.infer<typeof storedTokensSchema>;

export interface TokenStore {
  load(): Promise<StoredTokens | null>;
  save(tokens: StoredTokens): Promise<void>;
  clear(): Promise<void>;
}

const TOKENS_KEY = 'ent.tokens';

export class CacheTokenStore implements TokenStore {
  constructor(private readonly db: Database) {}

  async load(): Promise<StoredTokens | null> {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE name = ?').get(TOKENS_KEY);
    if (!row) return null;
    let json: unknown;
    try {
      json = JSON.parse(row.value);
    } catch {
      return null;
    }
    const parsed = storedTokensSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  async save(tokens: StoredTokens): Promise<void> {
    this.db
      .prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(TOKENS_KEY, JSON.stringify(storedTokensSchema.parse(tokens)), nowIso());
  }

  async clear(): Promise<void> {
    this.db.prepare('DELETE FROM secrets WHERE name = ?').run(TOKENS_KEY);
  }
}

/** Keeps tokens in memory only (tests, or a host that forgets on exit). */
export class MemoryTokenStore implements TokenStore {
  private tokens: StoredTokens | null = null;
  async load(): Promise<StoredTokens | null> {
    return this.tokens;
  }
  async save(tokens: StoredTokens): Promise<void> {
    this.tokens = tokens;
  }
  async clear(): Promise<void> {
    this.tokens = null;
  }
}

/** Other small encrypted values of the user's cache (legacy grants, last known account), as JSON. */
export class CacheSecretStore {
  constructor(private readonly db: Database) {}

  get<S extends z.ZodType>(name: string, schema: S): z.output<S> | null {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE name = ?').get(name);
    if (!row) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  set(name: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO secrets (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(name, JSON.stringify(value), nowIso());
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
  }
}
