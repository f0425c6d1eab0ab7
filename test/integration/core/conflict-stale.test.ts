/**
 * 409: a second person sends a batch for a school already reconciled → told who and when, nothing sent again.
 * 412: the roster changed after the pull → a new pull, decisions kept, confirmation asked again, then sent.
 */
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, settleReview, startTestServer, type TestServer } from './helpers';

let ent: TestServer;
beforeAll(async () => {
  ent = await startTestServer();
});
afterAll(async () => {
  await ent.close();
});

describe('409 and 412', () => {
  it('409: reports who reconciled the school and when', async () => {
    const uai = '0131234X';
    const director = ent.director(uai);
    const referentAccount = ent.accounts.find((a) => a.role === 'referent' && a.year === 'new' && a.school === uai);
    if (!referentAccount) throw new Error('no referent in the demo');
    const first = makeCore(ent.server.url);
    const second = makeCore(ent.server.url);
    try {
      await first.core.call('session.signIn', { login: director.login, password: director.password });
      await second.core.call('session.signIn', { login: referentAccount.login, password: referentAccount.password });
      for (const { core } of [first, second]) {
        await core.call('school.pull', { uai, legacy: director.legacy });
        await core.call('school.acceptAuto', { uai });
        await settleReview(core, uai);
        await core.call('school.confirm', { uai });
      }
      expect((await first.core.call('school.push', { uai })).outcome).toBe('done');
      const error = await second.core.call('school.push', { uai }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'conflict' });
      expect((error as Error).message).toMatch(/déjà été rapprochée par .+ \(direction\) le \d+/);
      const status = await second.core.call('school.status', { uai });
      expect(status.outbox?.state).toBe('rejected');
      expect(status.phase).toBe('reconciled-elsewhere');
      expect(status.outbox?.conflictMessage).toBe((error as Error).message);
      // The ENT's statement is fetched with the 409 (who, when), and the losing batch's receipt says it was refused.
      expect(status.ent).toMatchObject({ status: 'done', acceptedByRole: 'director' });
      expect((await second.core.call('school.receipt', { uai })).state).toBe('refused');
      expect((await first.core.call('school.receipt', { uai })).state).not.toBe('refused');
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });

  it('a school never downloaded here is named as the account lists it, in its status and its letters', async () => {
    const uai = '0131234X';
    const referentAccount = ent.accounts.find((a) => a.role === 'referent' && a.year === 'new' && a.school === uai);
    if (!referentAccount) throw new Error('no referent in the demo');
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      await core.call('session.signIn', { login: referentAccount.login, password: referentAccount.password });
      const listed = (await core.call('schools.list', {})).find((s) => s.uai === uai);
      expect(listed?.name).toMatch(/\S/);
      expect(listed?.name).not.toBe(uai);
      const status = await core.call('school.status', { uai });
      expect(status.name).toBe(listed?.name);
      expect(status.phase).toBe('reconciled-elsewhere');
      expect((await core.call('school.credentials', { uai })).schoolName).toBe(listed?.name);
    } finally {
      await cleanup();
    }
  });

  it('412: pulls again, keeps the decisions, asks for confirmation again, then sends', async () => {
    const uai = '0134567K';
    const director = ent.director(uai);
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      await core.call('session.signIn', { login: director.login, password: director.password });
      const pulled = await core.call('school.pull', { uai, legacy: director.legacy });
      const ack = await core.call('school.acceptAuto', { uai });
      const linked = ack.accepted + (await settleReview(core, uai));
      await core.call('school.confirm', { uai });

      // ONDE adds a pupil after the pull: the roster's version changes on the server.
      const http = axios.create({ baseURL: ent.server.url, validateStatus: () => true });
      const token = (await http.post<{ accessToken: string }>('/v1/auth/login', { login: director.login, password: director.password })).data.accessToken;
      const headers = { Authorization: `Bearer ${token}` };
      const roster = (await http.get<{ classes: Array<{ id: string }> }>(`/v1/schools/${uai}/roster`, { headers })).data;
      const added = await http.post(`/v1/schools/${uai}/roster/pupils`, { nom: 'Nouvelle', prenom: 'Élève', dateNaissance: '2019-05-04', sexe: 'F', niveau: 'CP', classId: roster.classes[0]?.id }, { headers });
      expect(added.status).toBe(201);

      const outcome = await core.call('school.push', { uai });
      expect(outcome.outcome).toBe('rebased');
      if (outcome.outcome !== 'rebased') return;
      expect(outcome.preview.flagged).toEqual([]);
      expect(outcome.preview.summary.counts.linked).toBe(linked);
      const rebased = await core.call('school.status', { uai });
      expect(rebased.phase).toBe('pulled');
      expect(rebased.counts?.newPupils).toBe((pulled.counts?.newPupils ?? 0) + 1);
      expect(rebased.rosterVersions?.new).not.toBe(pulled.rosterVersions?.new);
      await expect(core.call('school.push', { uai })).rejects.toMatchObject({ code: 'bad-request' });

      await core.call('school.confirm', { uai });
      const done = await core.call('school.push', { uai });
      expect(done.outcome).toBe('done');
    } finally {
      await cleanup();
    }
  });
});
