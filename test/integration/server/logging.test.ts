/** The request log never holds a password, a token or a legacy grant. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startEntServer } from '../../../src-server/index';
import { Client, type DemoAccount } from './harness';

describe('request log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-log-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records requests without secrets', async () => {
    let log = '';
    const logStream = new Writable({ write(chunk: Buffer, _enc, done) { log += chunk.toString(); done(); } });
    const server = await startEntServer({ port: 0, dataDir, log: true, logStream });
    try {
      const accounts = (JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as { accounts: DemoAccount[] }).accounts;
      const director = accounts.find((a) => a.role === 'director' && a.year === 'new');
      const old = accounts.find((a) => a.role === 'director' && a.year === 'old');
      if (!director || !old) throw new Error('demo accounts missing');
      const c = new Client(server.url);
      const tokens = (await c.post('/v1/auth/login', { login: director.login, password: director.password })).json as { accessToken: string; refreshToken: string };
      c.token = tokens.accessToken;
      const grant = (await c.post('/v1/legacy/verify', { login: old.login, password: old.password })).json as { grant: string };
      await c.post('/v1/legacy/verify', { login: old.login, password: 'mauvais-mot-de-passe' });
      await c.get(`/v1/legacy/schools/${old.school}/roster`, { headers: { 'x-legacy-grant': grant.grant } });
      await c.call('POST', '/v1/auth/login', { raw: '{"login":"x","password":"fuite' });
      expect(log).toContain('/v1/legacy/verify');
      for (const secret of [director.password, old.password, 'mauvais-mot-de-passe', tokens.accessToken, tokens.refreshToken, grant.grant, 'fuite']) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });
});
