/** New roster (ETag/304), teacher's first login, legacy grants (each right), old roster counts, rate limiting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classChoicesResponseSchema, legacyGrantSchema, legacyRosterResponseSchema, meResponseSchema, rosterResponseSchema } from '../../../src-shared/api';
import { backends, SCHOOLS, startTestServer, type Client, type DemoAccount, type TestServer } from './harness';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`rosters and last year's accounts (${backend.name})`, () => {
    let t: TestServer;
    const old = (role: string, school: string): DemoAccount => t.find((a) => a.year === 'old' && a.role === role && a.school === school);
    const directorOf = (school: string) => t.login(t.find((a) => a.year === 'new' && a.role === 'director' && a.school === school));
    const verify = (c: Client, a: DemoAccount) => c.post('/v1/legacy/verify', { login: a.login, password: a.password });
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('serves the new roster with a version (ETag) and 304 on If-None-Match', async () => {
      const c = await directorOf(SCHOOLS.primaire);
      const res = await c.get(`/v1/schools/${SCHOOLS.primaire}/roster`);
      expect(res.status).toBe(200);
      const roster = rosterResponseSchema.parse(res.json);
      expect(res.headers.get('etag')).toBe(`"${roster.version}"`);
      expect(roster.classes.length).toBeGreaterThan(8);
      expect(roster.pupils.length).toBeGreaterThan(200);
      expect(roster.parents.length).toBeGreaterThan(roster.pupils.length);
      expect(roster.pupils.every((p) => p.dateNaissance !== null && roster.classes.some((k) => k.id === p.classId))).toBe(true);
      expect(roster.classes.some((k) => k.levels.length > 1)).toBe(true);
      const again = await c.get(`/v1/schools/${SCHOOLS.primaire}/roster`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      const rural = rosterResponseSchema.parse((await (await directorOf(SCHOOLS.rural)).get(`/v1/schools/${SCHOOLS.rural}/roster`)).json);
      expect(rural.classes).toHaveLength(2);
    });

    it("shows a teacher's first login the school's classes with their first three pupils, then records the choice", async () => {
      const teacher = await t.login(t.find((a) => a.year === 'new' && a.role === 'teacher' && a.school === SCHOOLS.elementaire));
      expect(meResponseSchema.parse((await teacher.get('/v1/me')).json).mustChooseClass).toBe(true);
      const choices = classChoicesResponseSchema.parse((await teacher.get('/v1/teachers/me/class-choices')).json);
      expect(choices.schoolUai).toBe(SCHOOLS.elementaire);
      expect(choices.classes.length).toBeGreaterThan(3);
      for (const c of choices.classes) expect(c.firstPupils).toHaveLength(3);
      const chosen = choices.classes[1];
      const res = await teacher.post('/v1/teachers/me/class', { classId: chosen?.id });
      expect(res.json).toEqual({ classId: chosen?.id, label: chosen?.label });
      const me = meResponseSchema.parse((await teacher.get('/v1/me')).json);
      expect(me.mustChooseClass).toBe(false);
      expect(me.classes.map((c) => c.id)).toContain(chosen?.id);
      expect((await teacher.post('/v1/teachers/me/class', { classId: 'n-0131234X-c1' })).status).toBe(422);
    });

    it('grants the old school space to a former ENT director, referent, or Base élèves director, and class spaces where one taught', async () => {
      const c = await directorOf(SCHOOLS.rural);
      const director = legacyGrantSchema.parse((await verify(c, old('director', SCHOOLS.rural))).json);
      expect(director.schoolSpaces.map((s) => s.schoolUai)).toEqual([SCHOOLS.rural]);
      expect(director.personalData).toBe(true);
      const referent = legacyGrantSchema.parse((await verify(c, old('referent', SCHOOLS.elementaire))).json);
      expect(referent.schoolSpaces.map((s) => s.schoolUai)).toEqual([SCHOOLS.elementaire]);
      expect(referent.classSpaces.length).toBeGreaterThan(0);
      const baseEleves = legacyGrantSchema.parse((await verify(c, old('director', SCHOOLS.primaire))).json);
      expect(baseEleves.schoolSpaces.map((s) => s.schoolUai)).toEqual([SCHOOLS.primaire]);
      const special = new Set(t.accounts.filter((a) => a.year === 'old' && a.role !== 'teacher').map((a) => a.login));
      const plain = t.find((a) => a.year === 'old' && a.role === 'teacher' && a.school === SCHOOLS.primaire && !special.has(a.login));
      const teacher = legacyGrantSchema.parse((await verify(c, plain)).json);
      expect(teacher.schoolSpaces).toEqual([]);
      expect(teacher.classSpaces).toHaveLength(1);
      expect(JSON.stringify(teacher)).not.toContain(plain.password);
    });

    it('returns the old roster with item counts per space and app, with a grant only', async () => {
      const c = await directorOf(SCHOOLS.rural);
      const grant = legacyGrantSchema.parse((await verify(c, old('director', SCHOOLS.rural))).json);
      expect((await c.get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`)).status).toBe(403);
      expect((await c.get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`, { headers: { 'x-legacy-grant': `${grant.grant}x` } })).status).toBe(401);
      const res = await c.get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`, { headers: { 'x-legacy-grant': grant.grant } });
      expect(res.status).toBe(200);
      const roster = legacyRosterResponseSchema.parse(res.json);
      expect(roster.schoolSpace?.apps.blog).toBeGreaterThan(0);
      expect(roster.classes).toHaveLength(2);
      for (const k of roster.classes) {
        expect(k.apps.homework).toBeGreaterThan(0);
        expect(k.licences).toBeGreaterThan(0);
      }
      expect(roster.pupils.every((p) => (p.personalData.profile ?? 0) === 1)).toBe(true);
      expect(roster.pupils.some((p) => p.dateNaissance === null)).toBe(true);
      // A grant proven by someone else is refused.
      const other = await t.login(t.find((a) => a.year === 'new' && a.role === 'referent'));
      expect((await other.get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`, { headers: { 'x-legacy-grant': grant.grant } })).status).toBe(401);
      // A grant without rights on that school is refused.
      const elementaire = await directorOf(SCHOOLS.elementaire);
      const g2 = legacyGrantSchema.parse((await verify(elementaire, old('director', SCHOOLS.elementaire))).json);
      const cross = await other.get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`, { headers: { 'x-legacy-grant': g2.grant } });
      expect(cross.status).toBe(401);
    });

    it('"forgot my old credentials" answers the same for known and unknown addresses', async () => {
      const c = t.client();
      const known = await c.post('/v1/legacy/forgot', { email: old('director', SCHOOLS.primaire).email });
      const unknown = await c.post('/v1/legacy/forgot', { email: 'quelqu.un@ac-aix-marseille.fr' });
      expect(known.status).toBe(202);
      expect(known.text).toBe(unknown.text);
      expect((await c.post('/v1/legacy/forgot', { email: 'ce.0137890B@ac-aix-marseille.fr' })).status).toBe(400);
      const mails = await t.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', old('director', SCHOOLS.primaire).email ?? '').execute();
      expect(mails.some((m) => m.body.includes(old('director', SCHOOLS.primaire).login))).toBe(true);
    });

    it('locks an old account after 5 failures for 15 minutes, even with the right password then, and a client after 20', async () => {
      const c = await directorOf(SCHOOLS.elementaire);
      const target = t.find((a) => a.year === 'old' && a.role === 'teacher' && a.school === SCHOOLS.elementaire);
      for (let i = 0; i < 5; i++) expect((await c.post('/v1/legacy/verify', { login: target.login, password: `faux-${i}` })).status).toBe(401);
      const locked = await verify(c, target);
      expect(locked.status).toBe(429);
      expect(locked.json).toMatchObject({ error: { code: 'rate-limited', details: { retryAfterSeconds: expect.any(Number) } } });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      // Per client: 20 failures over many accounts lock every account from this client.
      const others = t.accounts.filter((a) => a.year === 'old' && a.login !== target.login);
      for (let i = 0; i < 15; i++) await c.post('/v1/legacy/verify', { login: others[i % others.length]?.login, password: 'faux' });
      const fine = others[others.length - 1];
      if (!fine) throw new Error('no account');
      expect((await verify(c, fine)).status).toBe(429);
    });
  });
}
