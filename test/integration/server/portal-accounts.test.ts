/**
 * Activation and forgotten credentials at the portal, with the trust rules' one-time codes, over real HTTP: the same
 * answer for any address, the password unchanged until the code is used, the code once only, the portal's sessions
 * ended by the change, refusals on their fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, SCHOOLS, startTestServer, type TestServer } from './harness';
import { csrfOf, lastCode, PortalBrowser, visibleText } from './portal-helpers';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the web portal: activation and one-time codes (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    }, 60_000);
    afterAll(async () => {
      await t?.stop();
    });

    it('activates a never-activated account: its credentials by mail, then the portal signs it in; a refused address is said on its field', async () => {
      const fresh = t.find((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.primaire);
      await t.db.updateTable('accounts').set({ password_hash: null }).where('login', '=', fresh.login).execute();
      const email = (await t.db.selectFrom('accounts').select('email').where('login', '=', fresh.login).executeTakeFirstOrThrow()).email ?? '';
      const b = new PortalBrowser(t.url);
      const alias = await b.submit('/activation', '/activation', { email: 'jdupont@ac-aix-marseille.fr' });
      expect(alias.status).toBe(400);
      expect(visibleText(alias.text)).toContain('Ceci est un alias');
      expect(alias.text).toContain('aria-describedby="champ-email-aide champ-email-erreur" aria-invalid="true"');
      expect(alias.text).toContain('href="#champ-email"');
      const unknown = await b.submit('/activation', '/activation', { email: 'personne.inconnue@ac-aix-marseille.fr' });
      const sent = await b.submit('/activation', '/activation', { email });
      expect(sent.status).toBe(200);
      // Same answer whether or not the account exists.
      expect(visibleText(sent.text)).toBe(visibleText(unknown.text));
      const mail = (await t.mails(email)).at(-1)?.text ?? '';
      const password = /mot de passe : (\S+)/.exec(mail)?.[1];
      expect(password).toBeTruthy();
      // The mail sends them to the portal's sign-in page.
      expect(mail).toContain(`sur le portail de l'ENT (${t.url}/connexion)`);
      const res = await b.submit('/connexion', '/connexion', { login: fresh.login, password: password ?? '' });
      expect(res.url).toBe('/espace');
    });

    it("sends a code to an account in use, keeps its password until the code is used, then ends the portal's sessions; the code works once", async () => {
      const teacher = t.find((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.elementaire);
      const email = (await t.db.selectFrom('accounts').select('email').where('login', '=', teacher.login).executeTakeFirstOrThrow()).email ?? '';
      const signedIn = new PortalBrowser(t.url);
      expect((await signedIn.submit('/connexion', '/connexion', { login: teacher.login, password: teacher.password })).url).toBe('/espace');

      const b = new PortalBrowser(t.url);
      const missing = await b.submit('/identifiants-oublies', '/identifiants-oublies', { email });
      expect(missing.status).toBe(422);
      expect(missing.text).toContain('aria-describedby="champ-compte-erreur"');
      const sent = await b.submit('/identifiants-oublies', '/identifiants-oublies', { email, compte: 'cette-annee' });
      expect(sent.status).toBe(200);
      expect(sent.text).toContain('href="/code"');
      const code = await lastCode(t, email);
      expect((await t.mails(email)).at(-1)?.text).toContain(`sur le portail de l'ENT (${t.url}/code)`);
      // The password still works: knowing an address changed nothing.
      expect((await new PortalBrowser(t.url).submit('/connexion', '/connexion', { login: teacher.login, password: teacher.password })).url).toBe('/espace');

      const mismatch = await b.submit('/code', '/code', { code, newPassword: 'Nouveau-2026!', confirmation: 'Autre-2026!' });
      expect(mismatch.status).toBe(422);
      expect(mismatch.text).toContain('aria-describedby="champ-confirmation-erreur"');
      const wrong = await b.submit('/code', '/code', { code: 'AAAA-BBBB-CCCC', newPassword: 'Nouveau-2026!', confirmation: 'Nouveau-2026!' });
      expect(wrong.status).toBe(422);
      expect(visibleText(wrong.text)).toContain('Ce code est inconnu, expiré ou déjà utilisé : demandez-en un nouveau.');
      expect(wrong.text).toContain('aria-describedby="champ-code-aide champ-code-erreur"');
      const done = await b.submit('/code', '/code', { code, newPassword: 'Nouveau-2026!', confirmation: 'Nouveau-2026!' });
      expect(done.status).toBe(200);
      expect(visibleText(done.text)).toContain(`Identifiant ${teacher.login}`);
      // The change ended the portal session opened before it.
      const after = await signedIn.get('/espace', { follow: false });
      expect(after.status).toBe(303);
      const reasons = await t.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select('sessions.revoked_reason').where('accounts.login', '=', teacher.login).execute();
      expect(reasons.every((r) => r.revoked_reason === 'password-change')).toBe(true);
      expect((await new PortalBrowser(t.url).submit('/connexion', '/connexion', { login: teacher.login, password: teacher.password })).status).toBe(401);
      expect((await new PortalBrowser(t.url).submit('/connexion', '/connexion', { login: teacher.login, password: 'Nouveau-2026!' })).url).toBe('/espace');
      const again = await b.submit('/code', '/code', { code, newPassword: 'Encore-2026!', confirmation: 'Encore-2026!' });
      expect(again.status).toBe(422);
      expect(visibleText(again.text)).toContain('inconnu, expiré ou déjà utilisé');
    });

    it("gives last year's account a code too; once used, the page says it can now be proven", async () => {
      const old = t.find((a) => a.role === 'teacher' && a.year === 'old' && a.school === SCHOOLS.rural);
      const email = (await t.db.selectFrom('accounts').select('email').where('login', '=', old.login).executeTakeFirstOrThrow()).email ?? '';
      const b = new PortalBrowser(t.url);
      const sent = await b.submit('/identifiants-oublies', '/identifiants-oublies', { email, compte: 'an-dernier' });
      expect(sent.status).toBe(200);
      const code = await lastCode(t, email);
      const page = await b.get('/code');
      const done = await b.post('/code', { code, newPassword: 'Ancien-2026!', confirmation: 'Ancien-2026!' }, { csrf: csrfOf(page.text, '/code') });
      expect(done.status).toBe(200);
      expect(visibleText(done.text)).toContain('vous pouvez maintenant prouver cet ancien compte');
      expect(visibleText(done.text)).toContain('Compte de l’an dernier');
    });
  });
}
