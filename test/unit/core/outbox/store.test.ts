import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MergeBatch } from '../../../../src-shared/api';
import { openCache, type CacheDatabase } from '../../../../src-main/core/cache/database';
import { StaticKeyProvider } from '../../../../src-main/core/cache/keys';
import { OutboxStore } from '../../../../src-main/core/outbox/store';
import { tempDir } from '../tmp';

const batch: MergeBatch = { baseVersions: { new: '1', old: '1' }, schoolSpace: null, classes: [], pupils: [{ oldPupilId: 'o', newPupilId: 'n' }], personalApps: ['messages'] };
let cache: CacheDatabase | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cache?.close();
  cleanup?.();
});

async function store(): Promise<{ outbox: OutboxStore; path: string }> {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = join(t.dir, 'c.sqlite');
  cache = await openCache({ path, keyProvider: new StaticKeyProvider('k') });
  return { outbox: new OutboxStore(cache.db), path };
}

describe('OutboxStore', () => {
  it('freezes a batch with a fresh key; a new confirmation before any attempt supersedes it', async () => {
    const { outbox } = await store();
    const first = outbox.freeze('A', batch, 3);
    expect(first).toMatchObject({ state: 'frozen', attempts: 0, journalSeq: 3, batch });
    const second = outbox.freeze('A', batch, 4);
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(outbox.byId(first.id)?.state).toBe('superseded');
    expect(outbox.active('A')?.id).toBe(second.id);
  });

  it('refuses a new confirmation once a batch may have left, and keeps its key across reopening', async () => {
    const { outbox, path } = await store();
    const entry = outbox.freeze('A', batch, 1);
    outbox.recordAttempt(entry.id);
    expect(() => outbox.freeze('A', batch, 2)).toThrow(/déjà en cours d'envoi/);
    cache?.close();
    cache = await openCache({ path, keyProvider: new StaticKeyProvider('k') });
    const reopened = new OutboxStore(cache.db);
    expect(reopened.active('A')).toMatchObject({ idempotencyKey: entry.idempotencyKey, attempts: 1 });
    reopened.markAccepted(entry.id, 'merge-1');
    expect(reopened.active('A')).toMatchObject({ state: 'accepted', mergeId: 'merge-1' });
    reopened.setState(entry.id, 'done', null);
    reopened.wipeBatches('A');
    expect(reopened.active('A')).toBeNull();
    expect(reopened.latest('A')?.batch.pupils).toEqual([]);
  });
});
