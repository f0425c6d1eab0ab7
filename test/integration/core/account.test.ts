/**
 * What a director does before signing in, against the real reference server: activate this year's account,
 * ask for access as a substitute teacher, recover last year's credentials. Refused addresses arrive as
 * `invalid-email` with the server's French explanation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, startTestServer, type TestCore, type TestServer } from './helpers';

let ent: TestServer;
let t: TestCore;
beforeAll(async () => {
  ent = await startTestServer();
  t = makeCore(ent.server.url);
});
afterAll(async () => {
  await t.cleanup();
  await ent.close();
});

describe('account requests without sign-in', () => {
  it('activates with a full academic address, the same answer whether the account exists or not', async () => {
    expect(t.core.session.account()).toBeNull();
    const known = await t.core.call('account.activate', { email: 'benedicte.garnier@ac-aix-marseille.fr' });
    expect(known).toEqual({ status: 'accepted', message: expect.stringMatching(/courriel/) });
    expect(await t.core.call('account.activate', { email: 'personne.inconnue@ac-aix-marseille.fr' })).toEqual(known);
  });

  it('refuses an alias and an establishment address with invalid-email, saying which form to use', async () => {
    const alias = await t.core.call('account.activate', { email: 'bgarnier@ac-aix-marseille.fr' }).catch((e: unknown) => e);
    expect(alias).toMatchObject({ code: 'invalid-email', message: expect.stringMatching(/prenom\.nom@ac-/) });
    expect((alias as { problems?: Array<{ message: string }> }).problems?.[0]?.message).toMatch(/alias/);
    const school = await t.core.call('account.activate', { email: 'ce.0131234X@ac-aix-marseille.fr' }).catch((e: unknown) => e);
    expect(school).toMatchObject({ code: 'invalid-email' });
    expect((school as { problems?: Array<{ message: string }> }).problems?.[0]?.message).toMatch(/adresse de l'établissement/);
    await expect(t.core.call('legacy.forgot', { email: 'jdupont@ac-aix-marseille.fr' })).rejects.toMatchObject({ code: 'invalid-email' });
  });

  it('sends a support request and a forgotten-credentials request', async () => {
    const request = await t.core.call('account.supportRequest', { nom: 'Durand', prenom: 'Julie', email: 'julie.durand@ac-aix-marseille.fr', schoolUai: '0131234X', classe: 'CE1', message: 'Remplacement jusqu’en décembre' });
    expect(request).toEqual({ id: expect.any(String), status: 'received', message: expect.stringMatching(/référent ENT/) });
    await expect(t.core.call('account.supportRequest', { nom: 'Durand', prenom: 'Julie', email: 'ce.0131234X@ac-aix-marseille.fr', schoolUai: '0131234X', classe: 'CE1' })).rejects.toMatchObject({ code: 'invalid-email' });
    expect(await t.core.call('legacy.forgot', { email: 'benedicte.garnier@ac-aix-marseille.fr' })).toMatchObject({ status: 'accepted' });
  });

  it('says the server does not answer when it is down', async () => {
    const down = makeCore('http://127.0.0.1:9', { timeoutMs: 1000 });
    try {
      await expect(down.core.call('account.activate', { email: 'benedicte.garnier@ac-aix-marseille.fr' })).rejects.toMatchObject({ code: 'offline' });
    } finally {
      await down.cleanup();
    }
  });
});
