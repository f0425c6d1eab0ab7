import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityOk, openCache } from '../../../../src-main/core/cache/database';
import { SafeStorageKeyProvider, SafeStorageTokenStore, type SafeStorageLike } from '../../../../src-main/core/secrets/safe-storage';
import { tempDir } from '../tmp';

/** Stand-in for Electron's safeStorage: reversible, but never the plain text on disk. */
const fakeSafeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
});

describe('safeStorage-backed secrets', () => {
  it('keeps the cache key encrypted and opens the cache with it', async () => {
    const t = tempDir();
    try {
      const provider = new SafeStorageKeyProvider(t.dir, fakeSafeStorage());
      const cache = await openCache({ path: join(t.dir, 'c.sqlite'), keyProvider: provider });
      cache.close();
      const key = await new SafeStorageKeyProvider(t.dir, fakeSafeStorage()).getKey();
      expect(readFileSync(provider.path).includes(Buffer.from(key.toString('hex')))).toBe(false);
      if (process.platform !== 'win32') expect(statSync(provider.path).mode & 0o777).toBe(0o600);
      const again = await openCache({ path: join(t.dir, 'c.sqlite'), keyProvider: new SafeStorageKeyProvider(t.dir, fakeSafeStorage()) });
      expect(integrityOk(again.db)).toBe(true);
      again.close();
      await expect(new SafeStorageKeyProvider(t.dir, fakeSafeStorage(false)).getKey()).rejects.toThrow(/coffre-fort/);
    } finally {
      t.cleanup();
    }
  });

  it('stores tokens encrypted, reloads and clears them', async () => {
    const t = tempDir();
    try {
      const store = new SafeStorageTokenStore(t.dir, fakeSafeStorage());
      await store.save({ accessToken: 'access-token-value', refreshToken: 'refresh-token-value', accessExpiresAt: null });
      expect(readFileSync(store.path, 'latin1')).not.toContain('access-token-value');
      expect(await new SafeStorageTokenStore(t.dir, fakeSafeStorage()).load()).toMatchObject({ accessToken: 'access-token-value' });
      await store.clear();
      expect(await store.load()).toBeNull();
    } finally {
      t.cleanup();
    }
  });
});
