/**
 * No password reset by strangers, sessions that end when they should, secrets at rest (findings 3, 4, 5):
 * activation and "forgot" of an account in use leave its password working until the mailed one-time code is used;
 * a code works once; sign-out, a password change and a replayed refresh token end sessions at once; mails keep no
 * password in clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, legacyGrantSchema, passwordResetResponseSchema, tokenPairSchema } from '../../../src-shared/api';
import { backends, SCHOOLS, startTestServer, type DemoAccount, type TestServer } from './harness';

const codeIn = (text: string): string => /code à usage unique : ([A-Z0-9-]+)/.exec(text)?.[1] ?? '';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`accounts and sessions (${backend.name})`, () => {
    let t: TestServer;
    const signIn = (a: { login: string; password: string }) => t.client().post('/v1/auth/login', { login: a.login, password: a.password });
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => {
      await t?.stop();
    });

    it("activation of an account in use mails a code and leaves the password working; the code changes it once and ends every session", async () => {
      const teacher = t.find((a) => a.year === 'new' && a.role === 'teacher' && a.login === 'isabelle.perrin');
      const session = tokenPairSchema.parse((await signIn(teacher)).json);
      const stranger = t.client();
      const answers = await Promise.all([stranger.post('/v1/activation', { email: teacher.email }), stranger.post('/v1/activation', { email: 'personne.du-tout@ac-aix-marseille.fr' })]);
      expect(answers.map((a) => a.status)).toEqual([202, 202]);
      expect(answers[0]?.text).toBe(answers[1]?.text);
      // The owner's password still works: nothing changed by knowing the address.
      expect((await signIn(teacher)).status).toBe(200);
      const mails = await t.mails(teacher.email ?? '');
      expect(mails).toHaveLength(1);
      const code = codeIn(mails[0]?.text ?? '');
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(mails[0]?.storedBody).not.toContain(code);
      expect(mails[0]?.text).toContain(`identifiant : ${teacher.login}`);

      const wrong = await stranger.post('/v1/password-resets', { code: 'AAAA-BBBB-CCCC', newPassword: 'Nouveau-2026!' });
      expect(wrong.status).toBe(422);
      expect((await signIn(teacher)).status).toBe(200);
      const used = await stranger.post('/v1/password-resets', { code: code.toLowerCase().replace(/-/g, ' '), newPassword: 'Nouveau-2026!' });
      expect(used.status).toBe(200);
      expect(passwordResetResponseSchema.parse(used.json)).toMatchObject({ login: teacher.login, year: 'new' });
      expect((await stranger.post('/v1/password-resets', { code, newPassword: 'Encore-2026!' })).status).toBe(422);
      expect((await signIn(teacher)).status).toBe(401);
      expect((await signIn({ login: teacher.login, password: 'Nouveau-2026!' })).status).toBe(200);
      // Tokens issued before the change no longer work, access or refresh.
      expect((await t.client(session.accessToken).get('/v1/me')).status).toBe(401);
      expect((await stranger.post('/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    });

    it('"forgot my old credentials" keeps the old password (the proof the merge relies on) until its code is used; then older grants die', async () => {
      const oldDirector = t.find((a) => a.year === 'old' && a.role === 'director' && a.school === SCHOOLS.elementaire);
      const director = await t.login(t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.elementaire));
      const grant = legacyGrantSchema.parse((await director.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password })).json).grant;
      for (let i = 0; i < 2; i++) expect((await t.client().post('/v1/legacy/forgot', { email: oldDirector.email })).status).toBe(202);
      expect((await director.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password })).status).toBe(200);
      const mails = await t.mails(oldDirector.email ?? '');
      const [first, second] = mails.filter((m) => m.subject.includes("l'an dernier")).map((m) => codeIn(m.text));
      expect(first).toBeTruthy();
      // A newer code replaces the older one.
      expect((await t.client().post('/v1/password-resets', { code: first, newPassword: 'Ancien-change-1' })).status).toBe(422);
      const res = await t.client().post('/v1/password-resets', { code: second, newPassword: 'Ancien-change-1' });
      expect(passwordResetResponseSchema.parse(res.json).year).toBe('old');
      expect((await director.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password })).status).toBe(401);
      expect((await director.get(`/v1/legacy/schools/${SCHOOLS.elementaire}/roster`, { headers: { 'x-legacy-grant': grant } })).status).toBe(401);
      expect((await director.post('/v1/legacy/verify', { login: oldDirector.login, password: 'Ancien-change-1' })).status).toBe(200);
    });

    it('limits mails per address and per client, with Retry-After', async () => {
      const target = t.find((a) => a.year === 'new' && a.role === 'teacher' && a.login === 'marc.texier');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const res = await t.client().post('/v1/activation', { email: target.email });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(60);
      expect(await t.mails(target.email ?? '')).toHaveLength(3);
      expect((await signIn(target)).status).toBe(200);
    });

    it('ends a session at sign-out, and a replayed refresh token ends its whole family', async () => {
      const director = t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.rural);
      const c = t.client();
      const a = tokenPairSchema.parse((await signIn(director)).json);
      expect((await c.post('/v1/auth/logout', { refreshToken: a.refreshToken })).status).toBe(204);
      expect((await t.client(a.accessToken).get('/v1/me')).status).toBe(401);

      const b = tokenPairSchema.parse((await signIn(director)).json);
      const rotated = tokenPairSchema.parse((await c.post('/v1/auth/refresh', { refreshToken: b.refreshToken })).json);
      expect((await t.client(rotated.accessToken).get('/v1/me')).status).toBe(200);
      // A thief replays the old refresh token: refused, and the owner's successor tokens die with it.
      const replay = await c.post('/v1/auth/refresh', { refreshToken: b.refreshToken });
      expect(replay.status).toBe(401);
      expect(apiErrorBodySchema.parse(replay.json).error.code).toBe('unauthorized');
      expect((await t.client(rotated.accessToken).get('/v1/me')).status).toBe(401);
      expect((await c.post('/v1/auth/refresh', { refreshToken: rotated.refreshToken })).status).toBe(401);
      // Other sessions of the account are untouched.
      expect((await signIn(director)).status).toBe(200);
    });

    it('keeps no password in clear in the mail outbox, and erases mail secrets after the retention', async () => {
      const fresh = t.find((a) => a.year === 'new' && a.role === 'teacher' && a.login === 'marc.helias') as DemoAccount;
      await t.db.updateTable('accounts').set({ password_hash: null }).where('login', '=', fresh.login).execute();
      await t.client().post('/v1/activation', { email: fresh.email });
      const [mail] = await t.mails(fresh.email ?? '');
      const password = /mot de passe : (\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
      expect(password.length).toBeGreaterThan(6);
      const rows = await t.db.selectFrom('mail_outbox').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(password);
      const { eraseOldMailSecrets } = await import('../../../src-server/mail/mailer');
      expect(await eraseOldMailSecrets(t.db, Date.now() + 25 * 3600 * 1000)).toBeGreaterThan(0);
      const [erased] = await t.mails(fresh.email ?? '');
      expect(erased?.secret).toBeNull();
      expect(erased?.text).not.toContain(password);
    });
  });
}
