/** Health, OpenAPI, bad input, activation (no enumeration), support requests, sign-in, tokens, authorisation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, healthResponseSchema, meResponseSchema, tokenPairSchema } from '../../../src-shared/api';
import { backends, SCHOOLS, startTestServer, type TestServer } from './harness';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`ENT server basics (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('answers /v1/health and serves an OpenAPI document of every route', async () => {
      const health = await t.client().get('/v1/health');
      expect(health.status).toBe(200);
      expect(healthResponseSchema.parse(health.json)).toMatchObject({ status: 'ok', name: 'Passerelle — serveur ENT de référence' });
      const doc = (await t.client().get('/v1/openapi.json')).json as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toBe('3.1.0');
      for (const p of ['/v1/activation', '/v1/auth/login', '/v1/schools/{uai}/roster', '/v1/legacy/verify', '/v1/schools/{uai}/merges', '/v1/merges/{id}/events', '/v1/parents/me/candidates']) {
        expect(doc.paths[p], p).toBeDefined();
      }
    });

    it('turns every malformed input into 400 with a code and a French message, never a stack trace', async () => {
      const c = t.client();
      const cases = [
        await c.call('POST', '/v1/auth/login', { raw: '{"login": ' }),
        await c.post('/v1/auth/login', { login: 42, password: 'x' }),
        await c.post('/v1/auth/login', { login: 'a', password: 'b', admin: true }),
        await c.post('/v1/auth/login', ['a']),
        await c.call('POST', '/v1/auth/login', { raw: 'login=a', headers: { 'content-type': 'text/plain' } }),
        await c.get('/v1/health?debug=1'),
      ];
      for (const res of cases) {
        expect(res.status, res.text).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const body = apiErrorBodySchema.parse(res.json);
        expect(body.error.message).toMatch(/[a-zé]/);
        expect(res.text).not.toMatch(/at .*\.ts:\d+|node_modules|stack/i);
      }
      expect(cases[1]?.json).toMatchObject({ error: { code: 'bad-request', problems: [{ path: 'body.login' }] } });
      const big = await c.call('POST', '/v1/activation', { raw: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024) }) });
      expect(big.status).toBe(413);
      expect(apiErrorBodySchema.parse(big.json).error.code).toBe('payload-too-large');
      const unknown = await c.get('/v1/nothing-here');
      expect(unknown.status).toBe(404);
      expect(apiErrorBodySchema.parse(unknown.json).error.code).toBe('not-found');
      const badUai = await (await t.login(t.find((a) => a.role === 'referent' && a.year === 'new'))).get("/v1/schools/0131234X' OR 1=1--/roster");
      expect(badUai.status).toBe(400);
    });

    it('activation accepts only prenom.nom@ac-….fr, answers the same whether the account exists, mails the credentials of a never-activated account and a code to an account in use', async () => {
      const c = t.client();
      const alias = await c.post('/v1/activation', { email: 'jdupont@ac-aix-marseille.fr' });
      expect(alias.status).toBe(400);
      expect(alias.json).toMatchObject({ error: { code: 'invalid-email', problems: [{ path: 'email', message: expect.stringMatching(/alias/) }] } });
      const establishment = await c.post('/v1/activation', { email: 'ce.0131234X@ac-aix-marseille.fr' });
      expect(establishment.status).toBe(400);
      expect(establishment.json).toMatchObject({ error: { code: 'invalid-email', problems: [{ message: expect.stringMatching(/établissement/) }] } });
      expect((await c.post('/v1/activation', { email: 'jean.dupont@gmail.com' })).status).toBe(400);

      // A teacher whose account was never activated (no password yet) receives login and password.
      const fresh = t.find((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.elementaire);
      await t.db.updateTable('accounts').set({ password_hash: null }).where('login', '=', fresh.login).execute();
      const known = await c.post('/v1/activation', { email: fresh.email });
      const unknownAccount = await c.post('/v1/activation', { email: 'personne.inconnue@ac-aix-marseille.fr' });
      expect(known.status).toBe(202);
      expect(unknownAccount.status).toBe(202);
      expect(known.text).toBe(unknownAccount.text);
      const [mail] = await t.mails(fresh.email ?? '');
      const login = /identifiant : (\S+)/.exec(mail?.text ?? '')?.[1];
      const password = /mot de passe : (\S+)/.exec(mail?.text ?? '')?.[1];
      expect(login).toBe(fresh.login);
      expect(mail?.storedBody).not.toContain(password);
      expect((await c.post('/v1/auth/login', { login, password })).status).toBe(200);
      expect(await t.mails('personne.inconnue@ac-aix-marseille.fr')).toHaveLength(0);
    });

    it('records support requests of substitute teachers', async () => {
      const res = await t.client().post('/v1/support-requests', { nom: 'Lefèvre', prenom: 'Anne-Sophie', email: 'anne-sophie.lefevre@ac-aix-marseille.fr', schoolUai: SCHOOLS.rural, classe: 'CE2-CM1' });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ status: 'received' });
      const alias = await t.client().post('/v1/support-requests', { nom: 'Lefèvre', prenom: 'Anne', email: 'alefevre@ac-aix-marseille.fr', schoolUai: SCHOOLS.rural, classe: 'CP' });
      expect(alias.json).toMatchObject({ error: { code: 'invalid-email' } });
      const bad = await t.client().post('/v1/support-requests', { nom: '', prenom: 'A', email: 'pas-une-adresse', schoolUai: 'X', classe: 'CP' });
      expect(bad.status).toBe(400);
      expect(apiErrorBodySchema.parse(bad.json).error.problems?.length).toBeGreaterThanOrEqual(3);
    });

    it('signs in, refreshes (rotation), signs out, and describes the account', async () => {
      const director = t.find((a) => a.role === 'director' && a.year === 'new' && a.school === SCHOOLS.primaire);
      const c = t.client();
      const login = await c.post('/v1/auth/login', { login: director.login, password: director.password });
      const tokens = tokenPairSchema.parse(login.json);
      const me = meResponseSchema.parse((await c.get('/v1/me', { token: tokens.accessToken })).json);
      expect(me.roles).toContainEqual({ role: 'director', schoolUai: SCHOOLS.primaire, classId: null });
      expect(me.schools.map((s) => s.uai)).toContain(SCHOOLS.primaire);
      expect(me.year).toBe('new');
      const refreshed = await c.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      expect(refreshed.status).toBe(200);
      expect((await c.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
      const next = tokenPairSchema.parse(refreshed.json);
      expect((await c.post('/v1/auth/logout', { refreshToken: next.refreshToken })).status).toBe(204);
      expect((await c.post('/v1/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
      expect((await c.post('/v1/auth/login', { login: director.login, password: 'mauvais' })).status).toBe(401);
      const oldAccount = t.find((a) => a.year === 'old' && a.role === 'teacher');
      expect((await c.post('/v1/auth/login', { login: oldAccount.login, password: oldAccount.password })).status).toBe(401);
    });

    it('refuses missing, forged and expired tokens', async () => {
      const c = t.client();
      expect((await c.get('/v1/me')).status).toBe(401);
      expect((await c.get('/v1/me', { token: 'abc.def' })).status).toBe(401);
      const secret = Buffer.from(t.secret ?? readFileSync(join(t.dataDir, 'server-secret.key'), 'utf8').trim(), 'base64');
      const director = t.find((a) => a.role === 'director' && a.year === 'new');
      const id = (await t.db.selectFrom('accounts').select('id').where('login', '=', director.login).executeTakeFirstOrThrow()).id;
      const sign = (payload: object, key: Buffer) => {
        const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
        return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
      };
      const expired = sign({ typ: 'access', sub: id, exp: Math.floor(Date.now() / 1000) - 10 }, secret);
      const forged = sign({ typ: 'access', sub: id, exp: Math.floor(Date.now() / 1000) + 600 }, Buffer.alloc(32, 7));
      // A well-signed token is valid only for a live session of its account.
      const session = JSON.parse(Buffer.from((tokenPairSchema.parse((await c.post('/v1/auth/login', { login: director.login, password: director.password })).json).accessToken.split('.')[0] ?? ''), 'base64url').toString('utf8')) as { sid: string };
      const valid = sign({ typ: 'access', sub: id, sid: session.sid, exp: Math.floor(Date.now() / 1000) + 600 }, secret);
      const sessionless = sign({ typ: 'access', sub: id, exp: Math.floor(Date.now() / 1000) + 600 }, secret);
      const otherSession = sign({ typ: 'access', sub: id, sid: 'inventee', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
      expect((await c.get('/v1/me', { token: expired })).status).toBe(401);
      expect((await c.get('/v1/me', { token: forged })).status).toBe(401);
      expect((await c.get('/v1/me', { token: sessionless })).status).toBe(401);
      expect((await c.get('/v1/me', { token: otherSession })).status).toBe(401);
      expect((await c.get('/v1/me', { token: valid })).status).toBe(200);
    });

    it('lets a director act on their school only, a referent on their scope, and no teacher or parent on a roster', async () => {
      const director = await t.login(t.find((a) => a.role === 'director' && a.year === 'new' && a.school === SCHOOLS.rural));
      expect((await director.get(`/v1/schools/${SCHOOLS.rural}/roster`)).status).toBe(200);
      expect((await director.get(`/v1/schools/${SCHOOLS.primaire}/roster`)).status).toBe(403);
      expect((await director.get(`/v1/schools/${SCHOOLS.primaire}/spaces`)).status).toBe(403);
      const referent = await t.login(t.find((a) => a.role === 'referent' && a.year === 'new'));
      for (const uai of Object.values(SCHOOLS)) expect((await referent.get(`/v1/schools/${uai}/roster`)).status).toBe(200);
      expect((await referent.get('/v1/schools/0999999Z/roster')).status).toBe(403);
      const teacher = await t.login(t.find((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.primaire && !t.accounts.some((d) => d.role === 'director' && d.login === a.login)));
      expect((await teacher.get(`/v1/schools/${SCHOOLS.primaire}/roster`)).status).toBe(403);
      expect((await teacher.post(`/v1/schools/${SCHOOLS.primaire}/merges`, {}, { headers: { 'idempotency-key': 'abcdefgh-1' } })).status).toBeGreaterThanOrEqual(400);
      const parent = await t.login(t.find((a) => a.role === 'parent' && a.year === 'new'));
      expect((await parent.get(`/v1/schools/${SCHOOLS.primaire}/roster`)).status).toBe(403);
      expect((await parent.get('/v1/teachers/me/class-choices')).status).toBe(403);
    });
  });
}
