import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/errors';
import { integrityOk, openCache } from '../../../../src-main/core/cache/database';
import { KeyFileProvider, StaticKeyProvider } from '../../../../src-main/core/cache/keys';
import { SCHEMA_VERSION } from '../../../../src-main/core/cache/migrations';
import { tempDir } from '../tmp';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('openCache', () => {
  it('creates an encrypted WAL database at the current schema version', async () => {
    const d = dir();
    const path = join(d, 'cache.sqlite');
    const cache = await openCache({ path, keyProvider: new KeyFileProvider(d) });
    expect(cache.schemaVersion).toBe(SCHEMA_VERSION);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(cache.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    cache.db.prepare("INSERT INTO secrets (name, value, updated_at) VALUES ('probe', 'ÉLÈVE-SECRET', 'x')").run();
    expect(integrityOk(cache.db)).toBe(true);
    cache.close();
    // Encrypted at rest: neither the SQLite header nor the plaintext is in the file.
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('ÉLÈVE-SECRET'))).toBe(false);
  });

  it('keeps the key file readable only by the user and reopens with it', async () => {
    const d = dir();
    const provider = new KeyFileProvider(d);
    const first = await openCache({ path: join(d, 'c.sqlite'), keyProvider: provider });
    first.close();
    if (process.platform !== 'win32') {
      expect(statSync(provider.path).mode & 0o777).toBe(0o600);
      expect(statSync(join(d, 'c.sqlite')).mode & 0o777).toBe(0o600);
    }
    const again = await openCache({ path: join(d, 'c.sqlite'), keyProvider: new KeyFileProvider(d) });
    expect(integrityOk(again.db)).toBe(true);
    again.close();
  });

  it('refuses the wrong key with a French error', async () => {
    const d = dir();
    const path = join(d, 'c.sqlite');
    (await openCache({ path, keyProvider: new StaticKeyProvider('bon mot de passe') })).close();
    await expect(openCache({ path, keyProvider: new StaticKeyProvider('mauvais') })).rejects.toThrow(/ne peut pas être ouvert/);
  });

  it('refuses a database created by a newer version of the app', async () => {
    const d = dir();
    const path = join(d, 'c.sqlite');
    const key = new StaticKeyProvider(Buffer.alloc(32, 7));
    const cache = await openCache({ path, keyProvider: key });
    cache.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    cache.close();
    const error = await openCache({ path, keyProvider: key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/version plus récente/);
  });
});
