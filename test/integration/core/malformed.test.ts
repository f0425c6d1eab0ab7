/**
 * A server that answers with the wrong shape (the reference server never does, so a tiny raw node:http one):
 * a clear French error, nothing written. Plus the other typed errors: wrong password, unreachable server.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore } from './helpers';

const UAI = '0131234X';
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/v1/auth/login') return send(200, { accessToken: 'a'.repeat(20), refreshToken: 'r'.repeat(20), tokenType: 'Bearer', expiresIn: 900 });
    if (req.url === '/v1/me')
      return send(200, { id: 'u1', login: 'dir', nom: 'N', prenom: 'P', email: null, year: 'new', roles: [{ role: 'director', schoolUai: UAI, classId: null }], schools: [{ uai: UAI, name: 'École' }], classes: [], mustChooseClass: false });
    if (req.url === '/v1/legacy/verify') return send(200, { grant: 'g'.repeat(20), expiresAt: new Date(Date.now() + 3600_000).toISOString(), oldAccount: { id: 'o', login: 'o', nom: 'N', prenom: 'P' }, schoolSpaces: [], classSpaces: [], personalData: true });
    // Wrong shape: pupils is not a list, version missing.
    if (req.url === `/v1/schools/${UAI}/roster`) return send(200, { uai: UAI, name: 'École', year: 'new', classes: [], teachers: [], pupils: 'oops', parents: [] });
    if (req.url === '/v1/bad-login') return send(200, { hello: 'world' });
    return send(404, { error: { code: 'not-found', message: 'Introuvable' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('malformed and failed answers', () => {
  it('a malformed roster is a clear error and nothing is written', async () => {
    const { core, cleanup } = makeCore(url);
    try {
      await core.call('session.signIn', { login: 'dir', password: 'secret' });
      const error = await core.call('school.pull', { uai: UAI, legacy: { login: 'old', password: 'old' } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'server' });
      expect((error as Error).message).toMatch(/réponse inattendue .*Rien n'a été enregistré/);
      expect((error as { problems?: Array<{ path: string }> }).problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['version', 'pupils']));
      expect((await core.call('school.status', { uai: UAI })).phase).toBe('not-pulled');
    } finally {
      await cleanup();
    }
  });

  it('an unreachable server is `offline`; nothing is written', async () => {
    const { core, dataRoot, cleanup } = makeCore('http://127.0.0.1:9');
    try {
      await expect(core.call('session.signIn', { login: 'dir', password: 'secret' })).rejects.toMatchObject({ code: 'offline' });
      expect(existsSync(join(dataRoot, 'session.json'))).toBe(false);
      await expect(core.call('schools.list', {})).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      await cleanup();
    }
  });
});
