/**
 * The new RPC methods as the renderer calls them: the browser host over real HTTP, in front of real reference
 * ENT servers. Requests without sign-in (activation, support, forgotten credentials), the PDF capability absent
 * from the browser, and the server address setting (switch, event, restore, startup precedence).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasserelleApp } from '../../../src-main/app';
import { runBrowserHost } from '../../../src-main/host/main';
import type { BrowserHost } from '../../../src-main/host/server';
import { startEntServer, type RunningServer } from '../../../src-server/index';
import { startTestServer, type TestServer } from '../core/helpers';
import { listenToEvents } from './event-stream';

interface Answer {
  ok: boolean;
  value?: any;
  error?: { code: string; message: string; problems?: Array<{ path: string; message: string }> };
}

describe('account requests and server setting through the RPC spine (browser host)', () => {
  let ent: TestServer;
  let other: RunningServer;
  let otherDir: string;
  let host: BrowserHost;
  let dataDir: string;

  async function rpc(method: string, input: unknown = {}): Promise<Answer> {
    const res = await fetch(`${host.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Answer;
  }

  beforeAll(async () => {
    ent = await startTestServer();
    otherDir = mkdtempSync(join(tmpdir(), 'passerelle-ent2-'));
    other = await startEntServer({ port: 0, dataDir: otherDir, demo: false });
    dataDir = mkdtempSync(join(tmpdir(), 'passerelle-settings-'));
    host = await runBrowserHost({ serverUrl: ent.server.url, dataDir, staticDir: dataDir });
  });
  afterAll(async () => {
    await host.close();
    await other.close();
    await ent.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('activates, refuses alias and establishment addresses with invalid-email, sends support and forgot requests', async () => {
    expect(await rpc('account.activate', { email: ' benedicte.garnier@ac-aix-marseille.fr ' })).toMatchObject({ ok: true, value: { status: 'accepted' } });
    for (const email of ['bgarnier@ac-aix-marseille.fr', 'ce.0131234X@ac-aix-marseille.fr']) {
      const refused = await rpc('account.activate', { email });
      expect(refused, email).toMatchObject({ ok: false, error: { code: 'invalid-email', message: expect.stringMatching(/prenom\.nom@ac-/) } });
      expect(refused.error?.problems?.[0]?.path).toBe('email');
    }
    const support = await rpc('account.supportRequest', { nom: 'Durand', prenom: 'Julie', email: 'julie.durand@ac-aix-marseille.fr', schoolUai: '0131234X', classe: 'CE1' });
    expect(support).toMatchObject({ ok: true, value: { status: 'received' } });
    expect(await rpc('account.supportRequest', { nom: 'Durand', prenom: 'Julie', email: 'ce.0131234X@ac-aix-marseille.fr', schoolUai: '0131234X', classe: 'CE1' })).toMatchObject({ ok: false, error: { code: 'invalid-email' } });
    expect(await rpc('legacy.forgot', { email: 'benedicte.garnier@ac-aix-marseille.fr' })).toMatchObject({ ok: true, value: { status: 'accepted' } });
  });

  it('has no PDF export in the browser: the print dialog is the way', async () => {
    expect(await rpc('letters.savePdf', { uai: '0131234X' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/Imprimer/) } });
  });

  it('switches to another server (event, app info, remembered), closes the user there, restores them back home', async () => {
    const director = ent.director('0131234X');
    expect(await rpc('session.signIn', { login: director.login, password: director.password })).toMatchObject({ ok: true });

    const events = await listenToEvents(host);

    const switched = await rpc('app.setServer', { url: `${other.url}/` });
    expect(switched).toMatchObject({ ok: true, value: { url: other.url, reachable: true, name: expect.any(String) } });
    const stream = await events.close();
    expect(stream).toContain('event: server.status');
    expect(stream).toContain(`"url":"${other.url}"`);
    expect((await rpc('app.info')).value.server).toMatchObject({ url: other.url, reachable: true });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ serverUrl: other.url });

    // The user was closed (not logged out of the ENT): nobody is signed in on this server.
    expect(await rpc('session.restore')).toEqual({ ok: true, value: null });
    expect(await rpc('schools.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    expect(await rpc('app.setServer', { url: ent.server.url })).toMatchObject({ ok: true, value: { url: ent.server.url, reachable: true } });
    expect(await rpc('session.restore')).toMatchObject({ ok: true, value: { login: director.login, serverUrl: ent.server.url } });
    expect((await rpc('schools.list')).value.map((s: { uai: string }) => s.uai)).toContain('0131234X');
  });

  it('gives the credential letters after the merge, from the cache the second time, and forgets them', async () => {
    const uai = '0131234X';
    expect(await rpc('school.credentials', { uai })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await rpc('school.pull', { uai, legacy: ent.director(uai).legacy })).toMatchObject({ ok: true });
    expect(await rpc('school.acceptAuto', { uai })).toMatchObject({ ok: true });
    // The pairs to check block the confirmation until each is decided (here: one class's "tout confirmer" at once).
    expect(await rpc('school.confirm', { uai })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const undecided = (await rpc('school.preview', { uai })).value.review.undecided as Array<{ old: { id: string }; new: { id: string } }>;
    expect(await rpc('school.decide', { uai, decision: { kind: 'accept-pairs', pairs: undecided.map((u) => ({ oldId: u.old.id, newId: u.new.id })) } })).toMatchObject({ ok: true, value: { status: { counts: { undecided: 0 } } } });
    expect(await rpc('school.confirm', { uai })).toMatchObject({ ok: true });
    expect(await rpc('school.push', { uai })).toMatchObject({ ok: true, value: { outcome: 'done' } });
    const letters = await rpc('school.credentials', { uai });
    expect(letters).toMatchObject({ ok: true, value: { uai, signInUrl: ent.server.url, schoolName: expect.stringMatching(/École/) } });
    expect(letters.value.credentials.length).toBeGreaterThan(0);
    expect(await rpc('school.credentials', { uai })).toEqual(letters);
    expect(await rpc('school.forgetCredentials', { uai })).toEqual({ ok: true, value: { forgotten: true } });
    expect(await rpc('school.credentials', { uai })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/effacés le .*après impression/) } });
  });

  it('refuses an address that is not http or https, and changes nothing', async () => {
    for (const url of ['ftp://ent.example.fr', 'pas une adresse', 'javascript:alert(1)']) {
      expect(await rpc('app.setServer', { url }), url).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/adresse|http/i) } });
    }
    expect(await rpc('app.setServer', { url: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await rpc('app.info')).value.server.url).toBe(ent.server.url);
  });

  it('starts on the address given by the host, else the one remembered in the settings', async () => {
    expect(await rpc('app.setServer', { url: other.url })).toMatchObject({ ok: true });
    const fromSettings = createPasserelleApp({ host: 'browser', dataDir });
    const explicit = createPasserelleApp({ host: 'browser', dataDir, serverUrl: ent.server.url });
    try {
      expect(await fromSettings.router.call('app.info', {})).toMatchObject({ ok: true, value: { server: { url: other.url } } });
      expect(await explicit.router.call('app.info', {})).toMatchObject({ ok: true, value: { server: { url: ent.server.url } } });
      // The explicit server is the last session's: its user is restored.
      expect(await explicit.router.call('session.restore', {})).toMatchObject({ ok: true, value: { serverUrl: ent.server.url } });
    } finally {
      await fromSettings.close();
      await explicit.close();
    }
  });
});
