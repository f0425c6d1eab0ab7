/**
 * The web portal at the ENT's root, over real HTTP: its pages and headers, sign-in with a printed letter's login
 * (the API's password check and rate limits), the session cookie and its revocation, CSRF refused, hostile names
 * written inert — and the `/v1` API answering as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilCredentialsResponse } from '../../../src-shared/api';
import { apiErrorBodySchema } from '../../../src-shared/api';
import { portalSignInUrl } from '../../../src-shared/portal';
import { backends, SCHOOLS, startTestServer, type TestServer } from './harness';
import { csrfOf, mergeAndLetters, PortalBrowser, radioValues, setCookies, visibleText } from './portal-helpers';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the web portal: pages, sign-in, session, CSRF (${backend.name})`, () => {
    let t: TestServer;
    let letters: PupilCredentialsResponse;
    beforeAll(async () => {
      t = await startTestServer(backend, { workerChunkSize: 2000, trustProxy: true, limits: { loginPair: { failures: 3, windowS: 3600, lockS: 600 } } });
      letters = await mergeAndLetters(t, SCHOOLS.rural);
    }, 90_000);
    afterAll(async () => {
      await t?.stop();
    });

    it('serves a French home page and one stylesheet with the strict headers; unknown pages are pages, the API stays JSON', async () => {
      const b = new PortalBrowser(t.url);
      const home = await b.get('/');
      expect(home.status).toBe(200);
      expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(home.headers.get('content-security-policy')).toBe(CSP);
      expect(home.headers.get('x-content-type-options')).toBe('nosniff');
      expect(home.headers.get('referrer-policy')).toBe('no-referrer');
      expect(home.text).toMatch(/^<!doctype html>\n<html lang="fr">/);
      expect(home.text).toContain('<link rel="stylesheet" href="/portail.css">');
      for (const href of ['/connexion', '/activation', '/identifiants-oublies']) expect(home.text).toContain(`href="${href}"`);
      expect(home.text).not.toMatch(/<script|\sstyle="|\son\w+="/i);
      const css = await b.get('/portail.css');
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(css.text).toContain(':focus-visible');
      const missing = await b.get('/nulle-part');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-security-policy')).toBe(CSP);
      expect(visibleText(missing.text)).toContain('Cette adresse ne correspond à aucune page');
      // The API is untouched: JSON 404 under /v1, and no form body accepted there.
      const api404 = await t.client().get('/v1/nulle-part');
      expect(api404.status).toBe(404);
      expect(apiErrorBodySchema.parse(api404.json).error.code).toBe('not-found');
      expect(api404.headers.get('content-security-policy')).toBeNull();
      const formToApi = await t.client().call('POST', '/v1/auth/login', { raw: 'login=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(formToApi.status).toBe(400);
      expect(apiErrorBodySchema.parse(formToApi.json).error.message).toMatch(/JSON/);
      expect(portalSignInUrl('https://ent.example.fr/')).toBe('https://ent.example.fr/connexion');
    });

    it('signs a pupil in with a printed letter’s login: an HttpOnly, SameSite=Strict cookie tied to a session row, and the landing page', async () => {
      const letter = letters.credentials[0];
      if (!letter) throw new Error('no letter');
      const b = new PortalBrowser(t.url);
      const form = await b.get('/connexion');
      expect(form.status).toBe(200);
      const formCookie = setCookies(form).find((c) => c.startsWith('portail_formulaire='));
      expect(formCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
      const res = await b.post('/connexion', { login: letter.login, password: letter.password }, { csrf: csrfOf(form.text, '/connexion'), follow: false });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/espace');
      const cookie = setCookies(res).find((c) => c.startsWith('portail_session='));
      expect(cookie).toBeDefined();
      expect(cookie).toContain('; HttpOnly');
      expect(cookie).toContain('; SameSite=Strict');
      expect(cookie).toContain('; Path=/');
      expect(cookie).not.toContain('Secure'); // plain http here
      const sessions = await t.db.selectFrom('sessions').selectAll().where('account_id', '=', letter.pupilId).execute();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.revoked_at).toBeNull();
      const space = await b.get('/espace');
      expect(space.status).toBe(200);
      const text = visibleText(space.text);
      expect(text).toContain(`Bonjour ${letter.prenom} !`);
      expect(text).toContain(`Connecté·e : ${letter.prenom} ${letter.nom}`);
      expect(text).toContain('Rien à reprendre de l’an dernier');
      expect(text).toContain(`Dans votre classe, ${letter.classLabel}`);
      expect(space.text).toContain('data-testid="pupil-class"');

      // Sign-out revokes the row: the same cookie, replayed, no longer opens anything.
      const stolen = b.cookies.get('portail_session') ?? '';
      const out = await b.post('/deconnexion', {}, { csrf: csrfOf(space.text, '/deconnexion'), follow: false });
      expect(out.status).toBe(303);
      expect(setCookies(out).find((c) => c.startsWith('portail_session='))).toMatch(/Max-Age=0/);
      expect((await t.db.selectFrom('sessions').select('revoked_reason').where('account_id', '=', letter.pupilId).executeTakeFirstOrThrow()).revoked_reason).toBe('logout');
      const replay = new PortalBrowser(t.url);
      replay.cookies.set('portail_session', stolen);
      const after = await replay.get('/espace', { follow: false });
      expect(after.status).toBe(303);
      expect(after.headers.get('location')).toBe('/connexion?message=session');
      // Signing out of an ended session only clears its cookie.
      const again = await replay.post('/deconnexion', {}, { follow: false });
      expect(again.status).toBe(303);
      expect(setCookies(again).find((c) => c.startsWith('portail_session='))).toMatch(/Max-Age=0/);
    });

    it('marks the cookie Secure when the request came over https (behind the load balancer)', async () => {
      const letter = letters.credentials[1] as PupilCredentialsResponse['credentials'][number];
      const b = new PortalBrowser(t.url);
      const https = { 'x-forwarded-proto': 'https' };
      const form = await b.get('/connexion', { headers: https });
      expect(setCookies(form).find((c) => c.startsWith('portail_formulaire='))).toContain('; Secure');
      const res = await b.post('/connexion', { login: letter.login, password: letter.password }, { csrf: csrfOf(form.text), headers: https, follow: false });
      expect(res.status).toBe(303);
      expect(setCookies(res).find((c) => c.startsWith('portail_session='))).toMatch(/; HttpOnly; SameSite=Strict; Secure; Max-Age=\d+$/);
    });

    it('refuses every POST without the page’s CSRF token or from another site, and does nothing', async () => {
      const letter = letters.credentials[2] as PupilCredentialsResponse['credentials'][number];
      const sessionsOf = async () => (await t.db.selectFrom('sessions').select('id').where('account_id', '=', letter.pupilId).execute()).length;
      const before = await sessionsOf();
      const b = new PortalBrowser(t.url);
      const form = await b.get('/connexion');
      const fields = { login: letter.login, password: letter.password };
      // No token at all, a token made up, another browser's token, the right token from another site.
      const other = new PortalBrowser(t.url);
      const othersToken = csrfOf((await other.get('/connexion')).text);
      const attempts = [
        await b.post('/connexion', fields, { follow: false }),
        await b.post('/connexion', fields, { csrf: 'x'.repeat(43), follow: false }),
        await b.post('/connexion', fields, { csrf: othersToken, follow: false }),
        await b.post('/connexion', fields, { csrf: csrfOf(form.text), headers: { origin: 'https://pirate.example' }, follow: false }),
        await b.post('/connexion', fields, { csrf: csrfOf(form.text), headers: { 'sec-fetch-site': 'cross-site' }, follow: false }),
      ];
      // Without the form cookie the token cannot match either (a forged page has no access to it).
      const noCookie = new PortalBrowser(t.url);
      attempts.push(await noCookie.post('/connexion', fields, { csrf: csrfOf(form.text), follow: false }));
      for (const res of attempts) {
        expect(res.status).toBe(403);
        expect(visibleText(res.text)).toContain('Ce formulaire a expiré');
        expect(setCookies(res).some((c) => c.startsWith('portail_session='))).toBe(false);
      }
      expect(await sessionsOf()).toBe(before);
      // Forms are small: a 20 KiB body is refused as a page.
      const big = await b.post('/connexion', { login: 'x'.repeat(20 * 1024), password: 'y' }, { csrf: csrfOf(form.text), follow: false });
      expect(big.status).toBe(413);
      expect(visibleText(big.text)).toContain('Envoi trop volumineux');
      // A JSON body is not a form: refused as a page, nothing done.
      const json = await new PortalBrowser(t.url).post('/connexion', {}, { follow: false, headers: { 'content-type': 'application/json' } });
      expect([400, 415]).toContain(json.status);
      expect(json.headers.get('content-type')).toMatch(/^text\/html/);

      // With `Referrer-Policy: no-referrer` Chromium posts our own forms with `Origin: null` and `Sec-Fetch-Site:
      // same-origin`: accepted with the token; the same null origin from another site is not.
      const crossNull = await b.post('/connexion', fields, { csrf: csrfOf(form.text), headers: { origin: 'null', 'sec-fetch-site': 'cross-site' }, follow: false });
      expect(crossNull.status).toBe(403);
      expect(await sessionsOf()).toBe(before);
      const chromium = await b.post('/connexion', fields, { csrf: csrfOf(form.text), headers: { origin: 'null', 'sec-fetch-site': 'same-origin' }, follow: false });
      expect(chromium.status).toBe(303);
      expect(await sessionsOf()).toBe(before + 1);

      // Signed in, sign-out without the session's token is refused and the session stays live.
      // (Signed in now, the form cookie's token no longer counts: forms carry the session's.)
      const refused = await b.post('/deconnexion', {}, { csrf: csrfOf(form.text), follow: false });
      expect(refused.status).toBe(403);
      expect((await b.get('/espace', { follow: false })).status).toBe(200);
    });

    it('counts wrong passwords like the API (same counters): locked after the limit, with Retry-After and a French message; the owner’s other PC is not', async () => {
      const letter = letters.credentials[3] as PupilCredentialsResponse['credentials'][number];
      const b = new PortalBrowser(t.url, '127.0.0.3');
      for (let i = 0; i < 3; i++) {
        const page = await b.get('/connexion');
        const res = await b.post('/connexion', { login: letter.login, password: `faux-${i}` }, { csrf: csrfOf(page.text) });
        expect(res.status).toBe(401);
        expect(visibleText(res.text)).toContain('Identifiant ou mot de passe incorrect.');
        // The error is the password field's, linked to it; the login is written back, the password never.
        expect(res.text).toContain('aria-describedby="champ-password-erreur" aria-invalid="true"');
        expect(res.text).toContain(`value="${letter.login}"`);
        expect(res.text).not.toContain(`faux-${i}`);
      }
      const page = await b.get('/connexion');
      const locked = await b.post('/connexion', { login: letter.login, password: letter.password }, { csrf: csrfOf(page.text) });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(visibleText(locked.text)).toMatch(/Trop d'essais de connexion depuis ce poste\. Réessayez dans \d+ minutes?/);
      // The API shares the counters: the same pair is locked there too.
      const api = await t.client(undefined, '127.0.0.3').post('/v1/auth/login', { login: letter.login, password: letter.password });
      expect(api.status).toBe(429);
      // From another PC, the right password still works.
      const elsewhere = new PortalBrowser(t.url, '127.0.0.4');
      const res = await elsewhere.submit('/connexion', '/connexion', { login: letter.login, password: letter.password });
      expect(res.url).toBe('/espace');
    });

    it('writes hostile names inert: pupils named <script> or "onmouseover= come out as text', async () => {
      const letter = letters.credentials[4] as PupilCredentialsResponse['credentials'][number];
      // « Aaron… » sorts first in its class: the teachers' class choice shows it among the class's first pupils.
      await t.db.updateTable('accounts').set({ nom: 'Aaron<script>alert(1)</script>', prenom: '"onmouseover="alert(2)' }).where('id', '=', letter.pupilId).execute();
      const b = new PortalBrowser(t.url);
      const space = await b.submit('/connexion', '/connexion', { login: letter.login, password: letter.password });
      expect(space.url).toBe('/espace');
      const teacher = t.find((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.rural);
      const tb = new PortalBrowser(t.url);
      expect((await tb.submit('/connexion', '/connexion', { login: teacher.login, password: teacher.password })).url).toBe('/espace');
      const classes = await tb.get('/enseignant/classe');
      expect(radioValues(classes.text, 'classe').length).toBeGreaterThan(0);
      // A hostile login typed in the sign-in form comes back inside its attribute, inert.
      const typed = await new PortalBrowser(t.url).submit('/connexion', '/connexion', { login: '"><script>alert(3)</script>', password: 'x' });
      expect(typed.status).toBe(401);
      for (const page of [space, classes, typed]) {
        expect(page.text).not.toMatch(/<script/i);
        expect(page.text).not.toContain('"onmouseover=');
        expect(page.text).not.toMatch(/<[^>]*\sonmouseover=/i);
      }
      expect(space.text).toContain('Bonjour &quot;onmouseover=&quot;alert(2) !');
      expect(space.text).toContain('<strong>&quot;onmouseover=&quot;alert(2) Aaron&lt;script&gt;alert(1)&lt;/script&gt;</strong>');
      expect(classes.text).toContain('&quot;onmouseover=&quot;alert(2) AARON&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;');
      expect(typed.text).toContain('value="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"');
    });
  });
}
