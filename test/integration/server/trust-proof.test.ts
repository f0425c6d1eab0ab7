/**
 * Nobody moves a child's data without proof (issue "Reference ENT", finding 1), tried from the attacker's side over
 * HTTP: a grantless batch, a grant that does not cover what the batch moves, a teacher's grant, a grant of another
 * session, legacy verification by a pupil or a parent. Every refusal is checked to have written nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, legacyGrantSchema, legacyRosterResponseSchema, mergeReceiptSchema, rosterResponseSchema, type MergeBatch } from '../../../src-shared/api';
import { generateDemoSchools } from '../../../src-server/demo/academie';
import { DEFAULT_DEMO_SEED } from '../../../src-server/index';
import { backends, SCHOOLS, startTestServer, type DemoAccount, type TestServer } from './harness';
import { prepareMerge, waitDone } from './merge-helpers';

/** What a merge would change: the school's merge row, last year's accounts, and where every item lives. */
async function fingerprint(t: TestServer, uai: string): Promise<string> {
  const merges = await t.db.selectFrom('merges').select('id').where('school_uai', '=', uai).execute();
  const accounts = await t.db.selectFrom('accounts').select(['id', 'login', 'password_hash', 'merged_into', 'disabled']).where('school_uai', '=', uai).orderBy('id').execute();
  const items = await t.db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(['items.space_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('spaces.school_uai', '=', uai)
    .groupBy('items.space_id')
    .orderBy('items.space_id')
    .execute();
  const licences = await t.db.selectFrom('licences').select(['id', 'class_id']).where('school_uai', '=', uai).orderBy('id').execute();
  return JSON.stringify({ merges, accounts, items: items.map((i) => [i.space_id, Number(i.n)]), licences });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`no move without proof (${backend.name})`, () => {
    let t: TestServer;
    const key = () => ({ 'idempotency-key': randomUUID() });
    const find = (pred: (a: DemoAccount) => boolean) => t.find(pred);
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('refuses a batch that links pupils or moves spaces without a grant (403), before reading or writing anything', async () => {
      const { director, batch } = await prepareMerge(t, SCHOOLS.elementaire);
      const before = await fingerprint(t, SCHOOLS.elementaire);
      const url = `/v1/schools/${SCHOOLS.elementaire}/merges`;
      // The attack of the issue: only pupils and personal data, no space, no grant.
      const pupilsOnly = { ...batch, schoolSpace: null, classes: batch.classes.map((c) => ({ action: 'skip' as const, oldClassId: c.oldClassId })) };
      const res = await director.post(url, pupilsOnly, { headers: key() });
      expect(res.status).toBe(403);
      const body = apiErrorBodySchema.parse(res.json);
      expect(body.error.message).toMatch(/ancien compte/);
      // Nothing about last year leaks: no version, no change, no problem naming an old account.
      expect(body.error.details).toBeUndefined();
      expect(res.text).not.toContain(batch.baseVersions.old === '1' ? '"old":"1"' : batch.baseVersions.old);
      // Same with a wrong old version: still 403, never a 412 that would tell the current one.
      expect((await director.post(url, { ...pupilsOnly, baseVersions: { ...batch.baseVersions, old: '999' } }, { headers: key() })).status).toBe(403);
      expect(await fingerprint(t, SCHOOLS.elementaire)).toBe(before);
    });

    it("a batch that moves nothing of last year needs no grant, and its 412 never reveals the old roster's version", async () => {
      const { director, batch, roster } = await prepareMerge(t, SCHOOLS.elementaire);
      const nothingOld: MergeBatch = { ...batch, baseVersions: { new: String(Number(roster.version) + 5), old: 'inconnue' }, schoolSpace: null, classes: [], pupils: [] };
      const res = await director.post(`/v1/schools/${SCHOOLS.elementaire}/merges`, nothingOld, { headers: key() });
      expect(res.status).toBe(412);
      expect(apiErrorBodySchema.parse(res.json).error.details?.currentVersions).toEqual({ new: roster.version, old: 'inconnue' });
    });

    it('refuses old ids outside the grant, naming them, and accepts a teacher grant for its own class and pupils only', async () => {
      const uai = SCHOOLS.rural;
      const director = await t.login(find((a) => a.year === 'new' && a.role === 'director' && a.school === uai));
      const special = new Set(t.accounts.filter((a) => a.year === 'old' && a.role !== 'teacher').map((a) => a.login));
      const plain = find((a) => a.year === 'old' && a.role === 'teacher' && a.school === uai && !special.has(a.login));
      const g = legacyGrantSchema.parse((await director.post('/v1/legacy/verify', { login: plain.login, password: plain.password })).json);
      expect(g.schoolSpaces).toEqual([]);
      expect(g.classSpaces).toHaveLength(1);
      const taught = g.classSpaces[0]?.classId ?? '';
      // The legacy roster answers with that scope only.
      const legacy = legacyRosterResponseSchema.parse((await director.get(`/v1/legacy/schools/${uai}/roster`, { headers: { 'x-legacy-grant': g.grant } })).json);
      expect(legacy.schoolSpace).toBeNull();
      expect(legacy.classes.map((c) => c.id)).toEqual([taught]);
      expect(legacy.pupils.length).toBeGreaterThan(5);
      expect(legacy.pupils.every((p) => p.classId === taught)).toBe(true);
      expect(legacy.teachers.every((te) => legacy.classes[0]?.teacherIds.includes(te.id))).toBe(true);
      const allOld = await t.db.selectFrom('accounts').innerJoin('roles', 'roles.account_id', 'accounts.id').select('accounts.id').where('roles.role', '=', 'pupil').where('accounts.school_uai', '=', uai).where('accounts.year', '=', 'old').execute();
      expect(legacy.pupils.length).toBeLessThan(allOld.length);

      const roster = rosterResponseSchema.parse((await director.get(`/v1/schools/${uai}/roster`)).json);
      const truth = generateDemoSchools(DEFAULT_DEMO_SEED).find((s) => s.uai === uai)?.truth ?? [];
      const inClass = new Set(legacy.pupils.map((p) => p.id));
      const mine = truth.filter((p) => inClass.has(p.oldId));
      const others = truth.filter((p) => !inClass.has(p.oldId)).slice(0, 3);
      expect(others).toHaveLength(3);
      const otherClass = (await t.db.selectFrom('classes').select('id').where('school_uai', '=', uai).where('year', '=', 'old').where('id', '!=', taught).executeTakeFirstOrThrow()).id;
      const base: MergeBatch = {
        baseVersions: { new: roster.version, old: legacy.version },
        schoolSpace: null,
        classes: [{ action: 'recover', oldClassId: taught, newClassId: roster.classes[0]?.id ?? '', apps: ['blog', 'homework'] }],
        pupils: mine.map((p) => ({ oldPupilId: p.oldId, newPupilId: p.newId })),
        personalApps: ['messages', 'media', 'profile'],
      };
      const before = await fingerprint(t, uai);
      const url = `/v1/schools/${uai}/merges`;
      const headers = () => ({ ...key(), 'x-legacy-grant': g.grant });
      const outside = await director.post(url, { ...base, pupils: [...base.pupils, ...others.map((p) => ({ oldPupilId: p.oldId, newPupilId: p.newId }))] }, { headers: headers() });
      expect(outside.status).toBe(403);
      const refused = apiErrorBodySchema.parse(outside.json).error;
      expect(refused.message).toMatch(/3 élèves/);
      expect(refused.problems?.map((p) => p.path)).toEqual(others.map((_, i) => `pupils.${base.pupils.length + i}.oldPupilId`));
      expect(refused.problems?.[0]?.message).toContain(others[0]?.oldId);
      const schoolSpace = await director.post(url, { ...base, schoolSpace: { apps: ['blog'] } }, { headers: headers() });
      expect(apiErrorBodySchema.parse(schoolSpace.json).error.problems?.map((p) => p.path)).toEqual(['schoolSpace']);
      const otherSpace = await director.post(url, { ...base, classes: [...base.classes, { action: 'recover', oldClassId: otherClass, newClassId: roster.classes[1]?.id ?? '', apps: ['blog'] }] }, { headers: headers() });
      expect(otherSpace.status).toBe(403);
      expect(apiErrorBodySchema.parse(otherSpace.json).error.problems?.map((p) => p.path)).toEqual(['classes.1.oldClassId']);
      expect(await fingerprint(t, uai)).toBe(before);

      // Within its scope the batch is accepted, and only the covered pupils' accounts change.
      const ok = await director.post(url, base, { headers: headers() });
      expect(ok.status).toBe(202);
      expect((await waitDone(director, mergeReceiptSchema.parse(ok.json).id)).status).toBe('done');
      const untouched = await t.db.selectFrom('accounts').select(['id', 'merged_into']).where('id', 'in', others.map((p) => p.oldId)).execute();
      expect(untouched.every((a) => a.merged_into === null)).toBe(true);
      const merged = await t.db.selectFrom('accounts').select('merged_into').where('id', 'in', mine.map((p) => p.oldId)).execute();
      expect(merged.every((a) => a.merged_into !== null)).toBe(true);
    });

    it('opens legacy verification to the roles that can use a grant, and grants only staff accounts', async () => {
      const oldDirector = find((a) => a.year === 'old' && a.role === 'director' && a.school === SCHOOLS.elementaire);
      for (const role of ['parent', 'pupil'] as const) {
        const c = await t.login(find((a) => a.year === 'new' && a.role === role && a.school === SCHOOLS.elementaire));
        const res = await c.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password });
        expect(res.status, role).toBe(403);
        expect(res.text).not.toContain('grant');
      }
      const director = await t.login(find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.elementaire));
      const oldPupil = find((a) => a.year === 'old' && a.role === 'pupil' && a.school === SCHOOLS.elementaire);
      const pupilProof = await director.post('/v1/legacy/verify', { login: oldPupil.login, password: oldPupil.password });
      expect(pupilProof.status).toBe(403);
      expect(apiErrorBodySchema.parse(pupilProof.json).error.message).toMatch(/enseignant ou d'une direction/);
    });

    it('binds a grant to the session that proved it: another session of the same account, or a signed-out one, cannot use it', async () => {
      const account = find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.rural);
      const oldDirector = find((a) => a.year === 'old' && a.role === 'director' && a.school === SCHOOLS.rural);
      const first = await t.login(account);
      const grant = legacyGrantSchema.parse((await first.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password })).json).grant;
      const url = `/v1/legacy/schools/${SCHOOLS.rural}/roster`;
      expect((await first.get(url, { headers: { 'x-legacy-grant': grant } })).status).toBe(200);
      const second = await t.login(account);
      expect((await second.get(url, { headers: { 'x-legacy-grant': grant } })).status).toBe(401);
    });
  });
}
