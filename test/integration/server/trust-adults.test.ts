/**
 * Adults move only their own data (finding 2): the other parent's old account is never offered nor taken, a
 * parent's decision is final even under concurrent confirms, a teacher links only an account proven theirs, and
 * each old account goes to one new account — concurrent claims give exactly one success, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, mergeReceiptSchema, parentCandidatesResponseSchema, teacherOldAccountResponseSchema } from '../../../src-shared/api';
import { hashPassword } from '../../../src-server/services/crypto';
import { backends, SCHOOLS, startTestServer, type Client, type DemoAccount, type TestServer } from './harness';
import { prepareMerge, twoParentFamilies, waitDone, type Family } from './merge-helpers';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`adults move only their own data (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend, { workerChunkSize: 2000 });
      // Parents choose at their login, after the school's merge: merge the rural school first.
      const { director, grant, batch } = await prepareMerge(t, SCHOOLS.rural);
      const res = await director.post(`/v1/schools/${SCHOOLS.rural}/merges`, batch, { headers: { 'idempotency-key': crypto.randomUUID(), 'x-legacy-grant': grant } });
      expect(res.status).toBe(202);
      await waitDone(director, mergeReceiptSchema.parse(res.json).id, 60_000);
    }, 90_000);
    afterAll(async () => {
      await t?.stop();
    });

    const families = () => twoParentFamilies(t, SCHOOLS.rural);

    const known = new Map<string, string>();
    async function signInAs(accountId: string): Promise<Client> {
      let pw = known.get(accountId);
      if (!pw) {
        pw = `Essai-${accountId.slice(-6)}-2026`;
        await t.db.updateTable('accounts').set({ password_hash: await hashPassword(pw, 1 << 10) }).where('id', '=', accountId).execute();
        known.set(accountId, pw);
      }
      const a = await t.db.selectFrom('accounts').select('login').where('id', '=', accountId).executeTakeFirstOrThrow();
      return t.login({ login: a.login, password: pw } as DemoAccount);
    }

    it("offers a parent only their own old account, never the other parent's, and refuses to move the other one", async () => {
      const fams = await families();
      expect(fams.length).toBeGreaterThan(0);
      const fam = fams[0] as Family;
      const [elodie, karim] = fam.newParents as [string, string];
      const c = await signInAs(elodie);
      const me = await t.db.selectFrom('accounts').select('prenom').where('id', '=', elodie).executeTakeFirstOrThrow();
      const candidates = parentCandidatesResponseSchema.parse((await c.get('/v1/parents/me/candidates')).json).candidates;
      const othersOld = fam.oldParents.filter((o) => o.prenom !== me.prenom);
      for (const o of othersOld) expect(candidates.map((x) => x.id)).not.toContain(o.id);
      expect(JSON.stringify(candidates)).not.toMatch(/compte de/);
      const before = await t.db.selectFrom('items').select('id').where('space_id', '=', `sp-${othersOld[0]?.id ?? ''}`).execute();
      const steal = await c.post('/v1/parents/me/decision', { decision: 'confirm', candidateId: othersOld[0]?.id });
      expect(steal.status).toBe(422);
      expect(await t.db.selectFrom('items').select('id').where('space_id', '=', `sp-${othersOld[0]?.id ?? ''}`).execute()).toHaveLength(before.length);
      expect((await t.db.selectFrom('accounts').select('personal_decision').where('id', '=', elodie).executeTakeFirstOrThrow()).personal_decision).toBeNull();
      // The other parent's view does not offer Élodie's account either.
      const k = await signInAs(karim);
      const theirs = parentCandidatesResponseSchema.parse((await k.get('/v1/parents/me/candidates')).json).candidates;
      for (const cand of candidates) expect(theirs.map((x) => x.id)).not.toContain(cand.id);
    });

    it('gives exactly one success to concurrent confirms of one parent, who absorbs at most one old account', async () => {
      const fams = await families();
      const fam = fams[1] ?? fams[0];
      if (!fam) throw new Error('no family with two parents');
      const parent = fam.newParents[0] as string;
      const c = await signInAs(parent);
      const [own] = parentCandidatesResponseSchema.parse((await c.get('/v1/parents/me/candidates')).json).candidates;
      // The second old parent, proven with a password the attacker was given: the decision is still one.
      const other = fam.oldParents.find((o) => o.id !== own?.id) as { id: string };
      await t.db.updateTable('accounts').set({ password_hash: await hashPassword('partage-2026', 1 << 10) }).where('id', '=', other.id).execute();
      const otherLogin = (await t.db.selectFrom('accounts').select('login').where('id', '=', other.id).executeTakeFirstOrThrow()).login;
      const answers = await Promise.all([
        c.post('/v1/parents/me/decision', { decision: 'confirm', candidateId: own?.id }),
        c.post('/v1/parents/me/decision', { decision: 'prove', login: otherLogin, password: 'partage-2026' }),
        c.post('/v1/parents/me/decision', { decision: 'confirm', candidateId: own?.id }),
        c.post('/v1/parents/me/decision', { decision: 'prove', login: otherLogin, password: 'partage-2026' }),
      ]);
      expect(answers.map((a) => a.status).filter((s) => s === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);
      const claims = await t.db.selectFrom('personal_claims').selectAll().where('new_account_id', '=', parent).execute();
      expect(claims).toHaveLength(1);
      const absorbed = await t.db.selectFrom('accounts').select('id').where('merged_into', '=', parent).execute();
      expect(absorbed).toHaveLength(1);
    });

    it('gives an old account to one new account only, even when two claim it at once with its password', async () => {
      const fams = await families();
      const a = await signInAs((fams[2] ?? fams[0])?.newParents[1] as string);
      const b = await signInAs((fams[3] ?? fams[0])?.newParents[1] as string);
      const target = (await t.db.selectFrom('accounts').innerJoin('roles', 'roles.account_id', 'accounts.id').leftJoin('personal_claims', 'personal_claims.old_account_id', 'accounts.id').select(['accounts.id', 'accounts.login']).where('roles.role', '=', 'parent').where('accounts.year', '=', 'old').where('accounts.school_uai', '=', SCHOOLS.elementaire).where('personal_claims.old_account_id', 'is', null).executeTakeFirstOrThrow());
      await t.db.updateTable('accounts').set({ password_hash: await hashPassword('fuite-2026', 1 << 10) }).where('id', '=', target.id).execute();
      const body = { decision: 'prove', login: target.login, password: 'fuite-2026' };
      const [ra, rb] = await Promise.all([a.post('/v1/parents/me/decision', body), b.post('/v1/parents/me/decision', body)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      expect(await t.db.selectFrom('personal_claims').selectAll().where('old_account_id', '=', target.id).execute()).toHaveLength(1);
      const loser = ra.status === 409 ? a : b;
      expect(apiErrorBodySchema.parse((ra.status === 409 ? ra : rb).json).error.message).toMatch(/déjà été récupérées/);
      // The losing parent's decision stays open: nothing was decided for them.
      expect(parentCandidatesResponseSchema.parse((await loser.get('/v1/parents/me/candidates')).json).decision).toBeNull();
    });

    it("lets a teacher link their own old account (same academic e-mail, or its password), once, and never a colleague's without proof", async () => {
      const teacherOf = (year: 'new' | 'old', login: string) => t.find((a) => a.year === year && a.role === 'teacher' && a.login === login);
      const emilie = await t.login(teacherOf('new', 'emilie.haddad'));
      const delphine = await t.login(teacherOf('new', 'delphine.le-goff'));
      const view = teacherOldAccountResponseSchema.parse((await emilie.get('/v1/teachers/me/old-account')).json);
      expect(view.byEmail?.login).toBe('ehaddad');
      // Delphine cannot take Émilie's old account without its password, nor by her own e-mail.
      expect((await delphine.post('/v1/teachers/me/link-old-account', { login: 'ehaddad', password: 'devine' })).status).toBe(401);
      const emilieItems = await t.db.selectFrom('items').select('id').where('space_id', '=', `sp-${view.byEmail?.id ?? ''}`).execute();
      const linked = await emilie.post('/v1/teachers/me/link-old-account', { method: 'email' });
      expect(linked.status).toBe(200);
      expect(linked.json).toMatchObject({ decision: 'linked', moved: { messages: expect.any(Number) } });
      expect(Object.values((linked.json as { moved: Record<string, number> }).moved).reduce((a, b) => a + b, 0)).toBe(emilieItems.length);
      // Once: a second old account never goes to the same person.
      const other = teacherOf('old', 'cthiery');
      expect((await emilie.post('/v1/teachers/me/link-old-account', { login: other.login, password: other.password })).status).toBe(409);
      expect(teacherOldAccountResponseSchema.parse((await emilie.get('/v1/teachers/me/old-account')).json)).toEqual({ byEmail: null, decision: 'linked' });
      // Céline proves hers by its password while Delphine, who was given it, tries at the same moment: one wins.
      const celine = await t.login(teacherOf('new', 'celine.thiery'));
      const [rc, rd] = await Promise.all([
        celine.post('/v1/teachers/me/link-old-account', { login: other.login, password: other.password }),
        delphine.post('/v1/teachers/me/link-old-account', { login: other.login, password: other.password }),
      ]);
      expect([rc.status, rd.status].sort()).toEqual([200, 409]);
      expect(await t.db.selectFrom('accounts').select('id').where('login', '=', other.login).where('merged_into', 'is not', null).execute()).toHaveLength(1);
    });
  });
}
