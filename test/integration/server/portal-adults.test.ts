/**
 * Adults' steps at the portal, over real HTTP: a parent confirms their identity, is offered only their own old
 * account, cannot take the other parent's by tampering the form (checked from the attacker's side: nothing moved,
 * nothing decided), and decides once; a teacher chooses their class and links their own old account, with a way
 * back, nothing written before the final step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classChoicesResponseSchema, parentCandidatesResponseSchema } from '../../../src-shared/api';
import { hashPassword } from '../../../src-server/services/crypto';
import { backends, SCHOOLS, startTestServer, type DemoAccount, type TestServer } from './harness';
import { twoParentFamilies } from './merge-helpers';
import { csrfOf, mergeAndLetters, PortalBrowser, radioValues, visibleText } from './portal-helpers';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the web portal: parents and teachers (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend, { workerChunkSize: 2000 });
      await mergeAndLetters(t, SCHOOLS.rural);
    }, 90_000);
    afterAll(async () => {
      await t?.stop();
    });

    const families = () => twoParentFamilies(t, SCHOOLS.rural);

    /** A new parent's account given a password (parents activate at their school: the test plays the school). */
    async function signIn(accountId: string): Promise<PortalBrowser> {
      const password = `Portail-${accountId.slice(-6)}-2026`;
      await t.db.updateTable('accounts').set({ password_hash: await hashPassword(password, 1 << 10) }).where('id', '=', accountId).execute();
      const { login } = await t.db.selectFrom('accounts').select('login').where('id', '=', accountId).executeTakeFirstOrThrow();
      const b = new PortalBrowser(t.url);
      const res = await b.submit('/connexion', '/connexion', { login, password });
      expect(res.url).toBe('/espace');
      return b;
    }

    const itemsOf = async (accountId: string) => (await t.db.selectFrom('items').select('id').where('space_id', '=', `sp-${accountId}`).execute()).length;
    const decisionOf = async (accountId: string) => (await t.db.selectFrom('accounts').select('personal_decision').where('id', '=', accountId).executeTakeFirstOrThrow()).personal_decision;

    it("offers a parent only their own old account; the other parent's, slipped into the form, is refused and nothing moves", async () => {
      const fam = (await families())[0];
      if (!fam) throw new Error('no family with two parents');
      const [mine, theirs] = fam.newParents as [string, string];
      const b = await signIn(mine);
      const me = await t.db.selectFrom('accounts').select(['prenom', 'nom']).where('id', '=', mine).executeTakeFirstOrThrow();
      const own = fam.oldParents.find((o) => o.prenom === me.prenom);
      const other = fam.oldParents.find((o) => o.prenom !== me.prenom);
      if (!own || !other) throw new Error('family without one old account per parent');

      // « Mon espace » → step 1: who they are, and their children.
      const space = await b.get('/espace');
      expect(space.text).toContain('href="/parent"');
      const identity = await b.get('/parent');
      expect(visibleText(identity.text)).toContain(`Parent ${me.prenom} ${me.nom.toUpperCase()}`);
      expect(identity.text).toContain('href="/parent/ancien-compte"');
      // Step 2: only their own old account, and the two other answers.
      const step2 = await b.get('/parent/ancien-compte');
      expect(radioValues(step2.text, 'compte')).toEqual([own.id, 'autre', 'aucun']);
      expect(step2.text).not.toContain(other.id);
      // Step 3 announces the decision as final, and lets them go back.
      const step3 = await b.get(`/parent/confirmation?compte=${encodeURIComponent(own.id)}`);
      expect(step3.status).toBe(200);
      expect(visibleText(step3.text)).toContain('Cette décision est définitive.');
      expect(step3.text).toContain(`href="/parent/ancien-compte?compte=${encodeURIComponent(own.id)}"`);
      expect(step3.text).toContain(`<input type="hidden" name="candidateId" value="${own.id}">`);
      // Back keeps the choice.
      expect((await b.get(`/parent/ancien-compte?compte=${encodeURIComponent(own.id)}`)).text).toMatch(new RegExp(`value="${own.id}"[^>]*checked`));

      // The attacker's side: the other parent's account in the address, then in the posted hidden value.
      const before = { theirs: await itemsOf(other.id), mine: await itemsOf(mine), claims: (await t.db.selectFrom('personal_claims').selectAll().execute()).length };
      const viaAddress = await b.get(`/parent/confirmation?compte=${encodeURIComponent(other.id)}`);
      expect(viaAddress.status).toBe(422);
      expect(viaAddress.text).not.toContain(`value="${other.id}"`);
      const tampered = await b.post('/parent/decision', { decision: 'confirm', candidateId: other.id }, { csrf: csrfOf(step3.text, '/parent/decision') });
      expect(tampered.status).toBe(422);
      expect(visibleText(tampered.text)).toContain('Ce compte ne fait pas partie des comptes reconnus comme les vôtres. Rien n’a été déplacé.');
      expect(tampered.text).toContain('aria-describedby="champ-compte-erreur"');
      // Without the page's token, even their own account is refused.
      const forged = await b.post('/parent/decision', { decision: 'confirm', candidateId: own.id });
      expect(forged.status).toBe(403);
      expect(await itemsOf(other.id)).toBe(before.theirs);
      expect(await itemsOf(mine)).toBe(before.mine);
      expect((await t.db.selectFrom('personal_claims').selectAll().execute()).length).toBe(before.claims);
      expect(await decisionOf(mine)).toBeNull();
      expect((await t.db.selectFrom('accounts').select('merged_into').where('id', '=', other.id).executeTakeFirstOrThrow()).merged_into).toBeNull();

      // Their own account, confirmed: moved once, final.
      const ownItems = await itemsOf(own.id);
      const done = await b.post('/parent/decision', { decision: 'confirm', candidateId: own.id }, { csrf: csrfOf(step3.text, '/parent/decision') });
      expect(done.status).toBe(200);
      expect(visibleText(done.text)).toContain('Votre compte de l’an dernier est repris');
      expect(await itemsOf(mine)).toBe(before.mine + ownItems);
      expect(await decisionOf(mine)).toBe('confirmed');
      const again = await b.post('/parent/decision', { decision: 'refuse' }, { csrf: csrfOf(step3.text, '/parent/decision') });
      expect(again.status).toBe(409);
      expect(visibleText(again.text)).toContain('Vous avez déjà répondu : cette décision est définitive.');
      expect(visibleText((await b.get('/espace')).text)).toContain('Vous avez repris votre compte de l’an dernier');
      // The other parent (last year's first name on this year's account too) is still offered theirs.
      await t.db.updateTable('accounts').set({ prenom: other.prenom }).where('id', '=', theirs).execute();
      const k = await signIn(theirs);
      expect(radioValues((await k.get('/parent/ancien-compte')).text, 'compte')).toEqual([other.id, 'autre', 'aucun']);
      // And the API tells the same (one set of rules).
      const apiLogin = await t.db.selectFrom('accounts').select('login').where('id', '=', theirs).executeTakeFirstOrThrow();
      const api = await t.login({ login: apiLogin.login, password: `Portail-${theirs.slice(-6)}-2026` } as DemoAccount);
      expect(parentCandidatesResponseSchema.parse((await api.get('/v1/parents/me/candidates')).json).candidates.map((c) => c.id)).toEqual([other.id]);
    });

    it('lets a parent refuse, or prove another old account with its password (wrong password: refused on its field, nothing decided)', async () => {
      const fam = (await families())[1];
      if (!fam) throw new Error('no second family');
      const b = await signIn(fam.newParents[0] as string);
      const step3 = await b.get('/parent/confirmation?compte=autre');
      expect(step3.text).toContain('name="login"');
      const wrong = await b.post('/parent/decision', { decision: 'prove', login: 'quelquun', password: 'devine' }, { csrf: csrfOf(step3.text, '/parent/decision') });
      expect(wrong.status).toBe(401);
      expect(visibleText(wrong.text)).toContain("Identifiants de l'an dernier incorrects.");
      expect(wrong.text).toContain('aria-describedby="champ-password-erreur" aria-invalid="true"');
      expect(await decisionOf(fam.newParents[0] as string)).toBeNull();
      const refuse = await b.get('/parent/confirmation?compte=aucun');
      expect(visibleText(refuse.text)).toContain('Vous ne reprenez rien de l’an dernier');
      const done = await b.post('/parent/decision', { decision: 'refuse' }, { csrf: csrfOf(refuse.text, '/parent/decision') });
      expect(done.status).toBe(200);
      expect(visibleText(done.text)).toContain('C’est noté : vous ne reprenez rien de l’an dernier.');
      expect(await decisionOf(fam.newParents[0] as string)).toBe('refused');
    });

    it("walks a teacher through their class (first pupils shown), their own old account by e-mail, with a way back; nothing is written before the final step", async () => {
      const emilie = t.find((a) => a.year === 'new' && a.role === 'teacher' && a.login === 'emilie.haddad');
      const b = new PortalBrowser(t.url);
      expect((await b.submit('/connexion', '/connexion', { login: emilie.login, password: emilie.password })).url).toBe('/espace');
      const api = await t.login(emilie);
      const offered = classChoicesResponseSchema.parse((await api.get('/v1/teachers/me/class-choices')).json);
      const step1 = await b.get('/enseignant/classe');
      expect(radioValues(step1.text, 'classe')).toEqual(offered.classes.map((c) => c.id));
      const target = offered.classes[0];
      if (!target) throw new Error('no class');
      const first = target.firstPupils[0];
      if (first) expect(visibleText(step1.text)).toContain(`${first.prenom} ${first.nom.toUpperCase()}`);
      // Tampered class (another school's): back to step 1 with the error on the field.
      const foreign = await t.db.selectFrom('classes').select('id').where('school_uai', '=', SCHOOLS.primaire).where('year', '=', 'new').executeTakeFirstOrThrow();
      const wrongClass = await b.get(`/enseignant/ancien-compte?classe=${encodeURIComponent(foreign.id)}`);
      expect(wrongClass.status).toBe(422);
      expect(wrongClass.text).toContain('aria-describedby="champ-classe-aide champ-classe-erreur"');
      // Step 2: the old account with the same academic e-mail, and a way back to step 1 that keeps the class.
      const step2 = await b.get(`/enseignant/ancien-compte?classe=${encodeURIComponent(target.id)}`);
      expect(visibleText(step2.text)).toContain('(identifiant ehaddad)');
      expect(radioValues(step2.text, 'ancien')).toEqual(['courriel', 'identifiants', 'aucun']);
      const back = step2.text.match(/href="(\/enseignant\/classe\?classe=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&') ?? '';
      expect(back).toBe(`/enseignant/classe?classe=${encodeURIComponent(target.id)}`);
      expect((await b.get(back)).text).toMatch(new RegExp(`value="${target.id}"[^>]*checked`));
      // Step 3: the summary, the warning, and nothing written yet.
      const step3 = await b.get(`/enseignant/confirmation?classe=${encodeURIComponent(target.id)}&ancien=courriel`);
      expect(visibleText(step3.text)).toContain(`Votre classe ${target.label}`);
      expect(visibleText(step3.text)).toContain('Le lien avec votre ancien compte est définitif.');
      const me0 = await t.db.selectFrom('accounts').select(['chosen_class_id', 'personal_decision']).where('login', '=', emilie.login).executeTakeFirstOrThrow();
      expect(me0).toEqual({ chosen_class_id: null, personal_decision: null });
      const oldId = (await t.db.selectFrom('accounts').select('id').where('login', '=', 'ehaddad').executeTakeFirstOrThrow()).id;
      const oldItems = await itemsOf(oldId);
      expect(oldItems).toBeGreaterThan(0);
      const done = await b.post('/enseignant/confirmation', { classe: target.id, ancien: 'courriel' }, { csrf: csrfOf(step3.text, '/enseignant/confirmation') });
      expect(done.status).toBe(200);
      expect(visibleText(done.text)).toContain(`Votre classe est enregistrée : ${target.label}.`);
      expect(done.text).toContain('data-testid="moved"');
      const me1 = await t.db.selectFrom('accounts').select(['id', 'chosen_class_id', 'personal_decision']).where('login', '=', emilie.login).executeTakeFirstOrThrow();
      expect(me1.chosen_class_id).toBe(target.id);
      expect(me1.personal_decision).toBe('linked');
      expect(await itemsOf(me1.id)).toBeGreaterThanOrEqual(oldItems);
      expect(await itemsOf(oldId)).toBe(0);
      expect((await api.get('/v1/me')).json).toMatchObject({ mustChooseClass: false });
      expect(visibleText((await b.get('/espace')).text)).toContain('Votre compte de l’an dernier est relié.');
    });

    it("refuses a teacher's wrong old password on its field and a colleague's account without proof; the class stays chosen", async () => {
      const delphine = t.find((a) => a.year === 'new' && a.role === 'teacher' && a.login === 'delphine.le-goff');
      const b = new PortalBrowser(t.url);
      await b.submit('/connexion', '/connexion', { login: delphine.login, password: delphine.password });
      const step1 = await b.get('/enseignant/classe');
      const classe = radioValues(step1.text, 'classe')[0] ?? '';
      const step3 = await b.get(`/enseignant/confirmation?classe=${encodeURIComponent(classe)}&ancien=identifiants`);
      expect(step3.text).toContain('name="password"');
      // A colleague's old login with a guessed password: 401 on the password field, nothing moved.
      const celineOld = t.find((a) => a.year === 'old' && a.role === 'teacher' && a.login === 'cthiery');
      const before = await t.db.selectFrom('items').select('id').where('space_id', '=', `sp-${(await t.db.selectFrom('accounts').select('id').where('login', '=', celineOld.login).executeTakeFirstOrThrow()).id}`).execute();
      const res = await b.post('/enseignant/confirmation', { classe, ancien: 'identifiants', login: celineOld.login, password: 'devine' }, { csrf: csrfOf(step3.text, '/enseignant/confirmation') });
      expect(res.status).toBe(401);
      expect(visibleText(res.text)).toContain("Identifiants de l'an dernier incorrects.");
      expect(res.text).toContain('aria-describedby="champ-password-erreur" aria-invalid="true"');
      expect((await t.db.selectFrom('items').select('id').where('space_id', '=', `sp-${(await t.db.selectFrom('accounts').select('id').where('login', '=', celineOld.login).executeTakeFirstOrThrow()).id}`).execute()).length).toBe(before.length);
      // The class is chosen; the old account step stays open (it is not final until linked).
      expect((await t.db.selectFrom('accounts').select('chosen_class_id').where('login', '=', delphine.login).executeTakeFirstOrThrow()).chosen_class_id).toBe(classe);
      expect((await b.get('/enseignant', { follow: false })).headers.get('location')).toBe('/enseignant/ancien-compte');
      // An answer the page does not offer is refused on its field.
      const forced = await b.get('/enseignant/confirmation?ancien=le-sien');
      expect(forced.status).toBe(422);
      expect(forced.text).toContain('aria-describedby="champ-ancien-erreur"');
    });
  });
}
