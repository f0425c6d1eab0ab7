import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache, type CacheDatabase } from '../../../../src-main/core/cache/database';
import { StaticKeyProvider } from '../../../../src-main/core/cache/keys';
import { JournalStore } from '../../../../src-main/core/journal/store';
import { tempDir } from '../tmp';

let cache: CacheDatabase | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cache?.close();
  cleanup?.();
});

describe('JournalStore', () => {
  it('appends durable rows with increasing seqs and lists them per school', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'c.sqlite');
    const key = new StaticKeyProvider(Buffer.alloc(32, 1));
    cache = await openCache({ path, keyProvider: key });
    const journal = new JournalStore(cache.db);
    const a = journal.append('A', { kind: 'link', oldId: 'o1', newId: 'n1' });
    const b = journal.append('B', { kind: 'undo' });
    const c = journal.append('A', { kind: 'opt-out', oldId: 'o1', optedOut: true });
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(c.seq).toBeGreaterThan(b.seq);
    cache.close();
    cache = await openCache({ path, keyProvider: key });
    const reopened = new JournalStore(cache.db);
    expect(reopened.list('A').map((e) => e.entry.kind)).toEqual(['link', 'opt-out']);
    reopened.deleteSchool('A');
    expect(reopened.list('A')).toEqual([]);
    expect(reopened.list('B')).toHaveLength(1);
  });

  it('refuses an invalid decision with a validation error', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    cache = await openCache({ path: join(t.dir, 'c.sqlite'), keyProvider: new StaticKeyProvider('k') });
    const journal = new JournalStore(cache.db);
    // @ts-expect-error: the runtime check is what is tested
    expect(() => journal.append('A', { kind: 'link', oldId: '' })).toThrow(/pas valide/);
  });
});
