/**
 * After the merge, against the real reference server: the generated credentials of new pupils (given once by
 * the ENT) are fetched, stored encrypted, returned again offline and after a restart, then forgotten. Before
 * that, a per-class app choice (`class-apps`) changes the frozen batch for that class only.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeBatchSchema, type MergeBatch } from '../../../src-shared/api';
import { KeyFileProvider } from '../../../src-main/core';
import { createPasserelleApp, type PasserelleApp as Core } from '../../../src-main/app';
import { EntClient } from '../../../src-main/core/ent/client';
import { MemoryTokenStore } from '../../../src-main/core/secrets';
import { makeCore, settleReview, startTestServer, type TestServer } from './helpers';

let ent: TestServer;
let serverOpen = true;
beforeAll(async () => {
  ent = await startTestServer();
});
afterAll(async () => {
  if (serverOpen) await ent.close();
});

/** The batch the core froze at confirmation, read from the encrypted cache as it is on disk. */
async function frozenBatch(dataDir: string, uai: string): Promise<MergeBatch> {
  const db = new Database(join(dataDir, 'cache.sqlite'), { readonly: true });
  try {
    db.pragma(`hexkey = '${(await new KeyFileProvider(dataDir).getKey()).toString('hex')}'`);
    const row = db.prepare("SELECT batch FROM outbox WHERE uai = ? AND state = 'frozen' ORDER BY id DESC LIMIT 1").get(uai) as { batch: string };
    return mergeBatchSchema.parse(JSON.parse(row.batch));
  } finally {
    db.close();
  }
}

async function signInAndPull(core: Core, uai: string): Promise<void> {
  const director = ent.director(uai);
  await core.call('session.signIn', { login: director.login, password: director.password });
  await core.call('school.pull', { uai, legacy: director.legacy });
  await core.call('school.acceptAuto', { uai });
  await settleReview(core, uai);
}

describe('credentials of new pupils after the merge', () => {
  it('class-apps changes one class; credentials are fetched once, kept offline and across a restart, then forgotten', async () => {
    const uai = '0131234X';
    const { core, dataRoot, cleanup } = makeCore(ent.server.url);
    let restarted: Core | null = null;
    try {
      await signInAndPull(core, uai);
      await expect(core.call('school.credentials', { uai })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/pas encore rapprochée/) });

      // One class keeps only its blog; the others keep the `class-spaces` choice (here: media and blog).
      const before = await frozenBatchOf(core, dataRoot, uai);
      const recovered = before.classes.filter((c) => c.action === 'recover');
      expect(recovered.length).toBeGreaterThan(1);
      const [target] = recovered;
      await core.call('school.decide', { uai, decision: { kind: 'choose-apps', target: 'class-spaces', appIds: ['media', 'blog'] } });
      await core.call('school.decide', { uai, decision: { kind: 'class-apps', oldClassId: target!.oldClassId, appIds: ['blog'] } });
      await expect(core.call('school.decide', { uai, decision: { kind: 'class-apps', oldClassId: target!.oldClassId, appIds: ['messages'] } })).rejects.toMatchObject({ code: 'validation' });
      const workspace = await core.call('school.workspace', { uai });
      expect(workspace.classApps).toEqual([{ oldClassId: target!.oldClassId, appIds: ['blog'] }]);
      await core.call('school.confirm', { uai });
      const batch = await frozenBatch(core.session.account()!.dataDir, uai);
      for (const c of batch.classes) {
        if (c.action !== 'recover') continue;
        expect(c.apps, c.oldClassId).toEqual(c.oldClassId === target!.oldClassId ? ['blog'] : ['blog', 'media']);
      }

      const outcome = await core.call('school.push', { uai });
      expect(outcome.outcome).toBe('done');

      const letters = await core.call('school.credentials', { uai });
      const linked = new Set(batch.pupils.map((p) => p.newPupilId));
      const expected = workspace.newRoster.pupils.filter((p) => !linked.has(p.id));
      expect(expected.length).toBeGreaterThan(0);
      expect(letters).toMatchObject({ uai, schoolName: workspace.newRoster.name, signInUrl: ent.server.url });
      expect(Number.isNaN(Date.parse(letters.fetchedAt))).toBe(false);
      expect(letters.credentials.map((c) => c.pupilId).sort()).toEqual(expected.map((p) => p.id).sort());
      for (const c of letters.credentials) {
        const pupil = expected.find((p) => p.id === c.pupilId)!;
        expect([c.nom, c.prenom, c.classLabel]).toEqual([pupil.nom, pupil.prenom, pupil.classLabel]);
        expect(c.login.length).toBeGreaterThan(0);
        expect(c.password.length).toBeGreaterThanOrEqual(6);
      }
      const order = letters.credentials.map((c) => `${c.classLabel}|${c.nom}|${c.prenom}`);
      expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base', numeric: true })));

      // Any manager of the school gets them too, until the letters are marked printed…
      const elsewhere = new EntClient({ serverUrl: ent.server.url, tokens: new MemoryTokenStore() });
      const referent = ent.accounts.find((a) => a.role === 'referent' && a.year === 'new');
      if (!referent || outcome.outcome !== 'done') throw new Error('no referent');
      await elsewhere.login(referent.login, referent.password);
      expect((await elsewhere.call('mergeCredentials', { params: { id: outcome.mergeId } })).credentials.map((c) => c.login).sort()).toEqual(letters.credentials.map((c) => c.login).sort());
      // …and the stored copy answers: with the server stopped, and after a restart.
      await ent.close();
      serverOpen = false;
      expect(await core.call('school.credentials', { uai })).toEqual(letters);
      await core.close();
      restarted = createPasserelleApp({ host: 'cli', dataDir: dataRoot, serverUrl: ent.server.url });
      expect(await restarted.call('session.restore', {})).not.toBeNull();
      expect(await restarted.call('school.credentials', { uai })).toEqual(letters);

      await restarted.call('school.forgetCredentials', { uai });
      await expect(restarted.call('school.credentials', { uai })).rejects.toMatchObject({ code: 'offline' });
    } finally {
      await restarted?.close();
      await cleanup();
    }
  });
});

/** The batch as it would be frozen now (confirmed then read), without changing what the test decides next. */
async function frozenBatchOf(core: Core, dataRoot: string, uai: string): Promise<MergeBatch> {
  await core.call('school.confirm', { uai });
  expect(core.session.account()!.dataDir.startsWith(dataRoot)).toBe(true);
  return frozenBatch(core.session.account()!.dataDir, uai);
}
