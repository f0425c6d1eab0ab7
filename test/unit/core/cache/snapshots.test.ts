import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LegacyRosterResponse, RosterResponse } from '../../../../src-shared/api';
import { openCache, type CacheDatabase } from '../../../../src-main/core/cache/database';
import { StaticKeyProvider } from '../../../../src-main/core/cache/keys';
import { SnapshotStore } from '../../../../src-main/core/cache/snapshots';
import { tempDir } from '../tmp';

const newRoster = (version: string): RosterResponse => ({
  uai: '0131234X', name: 'École', year: 'new', version,
  classes: [{ id: 'k1', label: 'CP', levels: ['CP'], teacherIds: ['t1'] }],
  teachers: [{ id: 't1', nom: 'T', prenom: 'E', email: 't@ac.fr' }],
  pupils: [{ id: 'n1', nom: 'A', prenom: 'B', dateNaissance: '2019-01-02', sexe: 'F', niveau: 'CP', classId: 'k1', classLabel: 'CP' }],
  parents: [{ id: 'p1', nom: 'A', prenom: 'C', childIds: ['n1'] }],
});
const oldRoster: LegacyRosterResponse = {
  uai: '0131234X', name: 'École', year: 'old', version: '7', schoolSpace: { spaceId: 's', apps: { blog: 2 } },
  classes: [{ id: 'c1', label: 'GS', levels: ['GS'], teacherIds: [], spaceId: 'sc', apps: {}, licences: 1 }],
  teachers: [],
  pupils: [{ id: 'o1', nom: 'A', prenom: 'B', dateNaissance: null, sexe: null, niveau: 'GS', classId: 'c1', classLabel: 'GS', personalData: { messages: 4 } }],
};
const matching = { pairs: [{ old: 'o1', new: 'n1', score: 9, status: 'auto' as const, evidence: [] }], unmatchedOld: [], unmatchedNew: [], classMappings: [] };

let cache: CacheDatabase | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cache?.close();
  cleanup?.();
});

describe('SnapshotStore', () => {
  it('stores a pull atomically, reloads it identical, keeps only the latest snapshots, wipes to a summary', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    cache = await openCache({ path: join(t.dir, 'c.sqlite'), keyProvider: new StaticKeyProvider('k') });
    const store = new SnapshotStore(cache.db);
    store.savePull({ uai: '0131234X', name: 'École', newRoster: newRoster('1'), oldRoster, matching });
    store.savePull({ uai: '0131234X', name: 'École', newRoster: newRoster('2'), oldRoster, matching });
    const loaded = store.load('0131234X');
    expect(loaded?.newRoster).toEqual(newRoster('2'));
    expect(loaded?.oldRoster).toEqual(oldRoster);
    expect(loaded?.matching).toEqual(matching);
    expect(cache.db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 2 });

    store.wipe('0131234X', { linked: 1 });
    expect(store.load('0131234X')).toBeNull();
    expect(store.school('0131234X')).toMatchObject({ phase: 'merged', summary: { linked: 1 } });
    expect(cache.db.prepare('SELECT count(*) AS n FROM snapshot_rows').get()).toEqual({ n: 0 });
  });

  it('a failing write leaves the previous pull intact', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    cache = await openCache({ path: join(t.dir, 'c.sqlite'), keyProvider: new StaticKeyProvider('k') });
    const store = new SnapshotStore(cache.db);
    store.savePull({ uai: '0131234X', name: 'École', newRoster: newRoster('1'), oldRoster, matching });
    const duplicated = { ...newRoster('2'), pupils: [...newRoster('2').pupils, ...newRoster('2').pupils] };
    expect(() => store.savePull({ uai: '0131234X', name: 'École', newRoster: duplicated, oldRoster, matching })).toThrow();
    expect(store.load('0131234X')?.newRoster.version).toBe('1');
  });
});
