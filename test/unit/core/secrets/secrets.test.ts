import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../../src-main/core/cache/database';
import { StaticKeyProvider } from '../../../../src-main/core/cache/keys';
import { CacheTokenStore } from '../../../../src-main/core/secrets';
import { tempDir } from '../tmp';

describe('CacheTokenStore', () => {
  it('saves, reloads after reopening, and clears tokens', async () => {
    const t = tempDir();
    const path = join(t.dir, 'c.sqlite');
    const key = new StaticKeyProvider(Buffer.alloc(32, 3));
    let cache = await openCache({ path, keyProvider: key });
    await new CacheTokenStore(cache.db).save({ accessToken: 'a', refreshToken: 'r', accessExpiresAt: null });
    cache.close();
    cache = await openCache({ path, keyProvider: key });
    const store = new CacheTokenStore(cache.db);
    expect(await store.load()).toEqual({ accessToken: 'a', refreshToken: 'r', accessExpiresAt: null });
    await store.clear();
    expect(await store.load()).toBeNull();
    cache.close();
    t.cleanup();
  });
});
