import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MergeBatch, PupilCredentialsResponse } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { openCache, type CacheDatabase } from '../../../src-main/core/cache/database';
import { StaticKeyProvider } from '../../../src-main/core/cache/keys';
import { SnapshotStore } from '../../../src-main/core/cache/snapshots';
import type { EntClient } from '../../../src-main/core/ent/client';
import { credentialLetters, forgetCredentialLetters, sortCredentials, type LetterDependencies } from '../../../src-main/core/letters';
import { OutboxStore } from '../../../src-main/core/outbox/store';
import { CacheSecretStore } from '../../../src-main/core/secrets';
import { tempDir } from './tmp';

const c = (pupilId: string, classLabel: string, nom: string, prenom: string) => ({ pupilId, classLabel, nom, prenom, login: `l${pupilId}`, password: `p${pupilId}` });
const batch: MergeBatch = { baseVersions: { new: '1', old: '1' }, schoolSpace: null, classes: [], pupils: [], personalApps: [] };

let cache: CacheDatabase | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cache?.close();
  cleanup?.();
});

/** A real encrypted cache; the ENT answers with `answer` once, then 410 like the reference server. */
async function setup(answer: PupilCredentialsResponse['credentials']): Promise<{ deps: LetterDependencies; outbox: OutboxStore; calls: () => number }> {
  const t = tempDir();
  cleanup = t.cleanup;
  cache = await openCache({ path: join(t.dir, 'c.sqlite'), keyProvider: new StaticKeyProvider('k') });
  let calls = 0;
  const client = {
    serverUrl: 'https://ent.example.fr',
    async call(name: string, input: { params: { id: string } }): Promise<PupilCredentialsResponse> {
      if (name !== 'mergeCredentials') throw new Error(`unexpected ${name}`);
      calls += 1;
      if (calls > 1) throw new AppError('not-found', 'déjà récupérés');
      return { mergeId: input.params.id, credentials: answer };
    },
  } as unknown as EntClient;
  const outbox = new OutboxStore(cache.db);
  const deps: LetterDependencies = { client, outbox, secrets: new CacheSecretStore(cache.db), snapshots: new SnapshotStore(cache.db), now: () => Date.parse('2026-09-04T10:00:00Z') };
  return { deps, outbox, calls: () => calls };
}

describe('credential letters', () => {
  it('sorts by class, then surname, then first name, the French way', () => {
    const sorted = sortCredentials([c('1', 'CP', 'Zola', 'Anna'), c('2', 'CE1', 'Martin', 'Léo'), c('3', 'CP', 'Élie', 'Chloé'), c('4', 'CP', 'élie', 'Adam'), c('5', 'CE1', 'Martin', 'Inès')]);
    expect(sorted.map((p) => p.pupilId)).toEqual(['5', '2', '4', '3', '1']);
  });

  it('says what to do while the school is not reconciled or the merge is running', async () => {
    const { deps, outbox, calls } = await setup([]);
    await expect(credentialLetters(deps, '0131234X')).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/pas encore rapprochée/) });
    const entry = outbox.freeze('0131234X', batch, 1);
    outbox.markAccepted(entry.id, 'm1');
    await expect(credentialLetters(deps, '0131234X')).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/pas encore terminé/) });
    outbox.setState(entry.id, 'rejected', 'conflict');
    await expect(credentialLetters(deps, '0131234X')).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/autre/) });
    expect(calls()).toBe(0);
  });

  it('fetches once, stores before returning, answers from the store, and explains a second fetch after forgetting', async () => {
    const { deps, outbox, calls } = await setup([c('2', 'CP', 'Zola', 'Anna'), c('1', 'CE1', 'Abel', 'Léo')]);
    const entry = outbox.freeze('0131234X', batch, 1);
    outbox.markAccepted(entry.id, 'm1');
    outbox.setState(entry.id, 'done', null);
    const letters = await credentialLetters(deps, '0131234X');
    expect(letters).toEqual({ uai: '0131234X', schoolName: '0131234X', signInUrl: 'https://ent.example.fr', fetchedAt: '2026-09-04T10:00:00.000Z', credentials: [c('1', 'CE1', 'Abel', 'Léo'), c('2', 'CP', 'Zola', 'Anna')] });
    expect(await credentialLetters(deps, '0131234X')).toEqual(letters);
    expect(calls()).toBe(1);
    forgetCredentialLetters(deps, '0131234X');
    await expect(credentialLetters(deps, '0131234X')).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/effacés le 4 septembre 2026, après impression/) });
  });

  it('explains letters another manager already marked printed (the ENT erased them)', async () => {
    const { deps, outbox } = await setup([c('1', 'CP', 'A', 'B')]);
    const entry = outbox.freeze('0131234X', batch, 1);
    outbox.markAccepted(entry.id, 'm1');
    outbox.setState(entry.id, 'done', null);
    await deps.client.call('mergeCredentials', { params: { id: 'm1' } }); // the ENT now answers 410 (printed elsewhere)
    await expect(credentialLetters(deps, '0131234X')).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/déjà été marquées imprimées/) });
  });

  it("fetches the letters of a school reconciled from another account, by the ENT's merge id", async () => {
    const { deps, calls } = await setup([c('1', 'CP', 'A', 'B')]);
    const entMerge = { id: 'm-referent', status: 'done' as const, acceptedAt: '2026-09-03T08:00:00Z', acceptedByRole: 'referent' as const, acceptedByName: 'Bénédicte Garnier', finishedAt: '2026-09-03T08:05:00Z', progress: { done: 10, total: 10 }, credentialsAvailable: true, credentialsReleasedAt: null };
    await expect(credentialLetters({ ...deps, entMerge: { ...entMerge, status: 'running' } }, '0131234X')).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/pas encore terminé/) });
    const letters = await credentialLetters({ ...deps, entMerge }, '0131234X');
    expect(letters.credentials).toHaveLength(1);
    expect(calls()).toBe(1);
  });
});
