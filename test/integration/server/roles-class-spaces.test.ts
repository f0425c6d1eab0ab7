/**
 * A teacher's old class spaces (issue "every role has its screens"), from the attacker's side over HTTP: no grant,
 * another session's grant, another teacher's old class, somebody else's class this year, a replay, a class the
 * school's batch took first; and the race of a teacher against the school's batch for one old class, and of a
 * teacher against themself: exactly one move, checked in the database, on SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, chooseClassResponseSchema, classChoicesResponseSchema, legacyGrantSchema, mergeReceiptSchema, teacherClassSpacesResponseSchema, teacherClassSpacesResultSchema, type MergeBatch } from '../../../src-shared/api';
import { MOVING_TEACHER, MOVING_TEACHER_OLD_CLASS } from '../../../src-server/demo/moving-teacher';
import { backends, SCHOOLS, startTestServer, type Client, type DemoAccount, type TestServer } from './harness';
import { prepareMerge, waitDone } from './merge-helpers';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`a teacher's old class spaces (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend, { workerChunkSize: 2000 });
    });
    afterAll(async () => {
      await t?.stop();
    });

    const grantHeader = (grant: string) => ({ headers: { 'x-legacy-grant': grant } });
    async function prove(c: Client, old: { login: string; password: string }): Promise<string> {
      const res = await c.post('/v1/legacy/verify', { login: old.login, password: old.password });
      expect(res.status).toBe(200);
      return legacyGrantSchema.parse(res.json).grant;
    }
    /** Where every item of these spaces is, per app: what a move changes. */
    async function spaceItems(spaceIds: string[]): Promise<Record<string, Record<string, number>>> {
      const rows = await t.db.selectFrom('items').select(['space_id', 'app', (eb) => eb.fn.countAll<number>().as('n')]).where('space_id', 'in', spaceIds).groupBy(['space_id', 'app']).execute();
      const out: Record<string, Record<string, number>> = Object.fromEntries(spaceIds.map((s) => [s, {}]));
      for (const r of rows) (out[r.space_id] ??= {})[r.app] = Number(r.n);
      return out;
    }
    const classSpace = (classId: string) => `sp-${classId}`;
    /** Teachers who stayed in a school: this year's account and last year's, by their academic e-mail. */
    function stayingTeachers(uai: string): Array<{ now: DemoAccount; old: DemoAccount }> {
      const directors = new Set(t.accounts.filter((a) => a.role === 'director').map((a) => a.login));
      return t.accounts
        .filter((a) => a.role === 'teacher' && a.year === 'new' && a.school === uai && !directors.has(a.login) && a.email)
        .flatMap((now) => {
          const old = t.accounts.find((a) => a.role === 'teacher' && a.year === 'old' && a.school === uai && a.email === now.email);
          return old ? [{ now, old }] : [];
        });
    }

    it('lets a teacher who changed school recover the old class space they taught into their own class, once; every attack moves nothing', async () => {
      const agnes = t.find((a) => a.login === 'agnes.rouviere');
      const agnesOld = t.find((a) => a.login === 'arouviere');
      const c = await t.login(agnes);
      // Before the class choice and before any proof: nowhere to go, nothing known of last year.
      const first = teacherClassSpacesResponseSchema.parse((await c.get('/v1/teachers/me/class-spaces')).json);
      expect(first).toEqual({ targets: [], incoming: [], old: null, answer: null });
      const choices = classChoicesResponseSchema.parse((await c.get('/v1/teachers/me/class-choices')).json);
      expect(choices.schoolUai).toBe(MOVING_TEACHER.newSchool);
      const mine = chooseClassResponseSchema.parse((await c.post('/v1/teachers/me/class', { classId: choices.classes[1]?.id })).json);
      const grant = await prove(c, agnesOld);
      const view = teacherClassSpacesResponseSchema.parse((await c.get('/v1/teachers/me/class-spaces', grantHeader(grant))).json);
      expect(view.targets).toEqual([{ id: mine.classId, label: mine.label, schoolUai: MOVING_TEACHER.newSchool }]);
      expect(view.old?.map((o) => [o.id, o.state, o.schoolUai])).toEqual([[MOVING_TEACHER_OLD_CLASS, 'available', MOVING_TEACHER.oldSchool]]);

      const spaces = [classSpace(MOVING_TEACHER_OLD_CLASS), classSpace(mine.classId)];
      const before = await spaceItems(spaces);
      const someoneElsesOldClass = (await t.db.selectFrom('classes').select('id').where('school_uai', '=', MOVING_TEACHER.oldSchool).where('year', '=', 'old').where('id', '!=', MOVING_TEACHER_OLD_CLASS).executeTakeFirstOrThrow()).id;
      const someoneElsesClass = choices.classes.find((k) => k.id !== mine.classId)?.id ?? '';
      const recover = (oldClassId: string, newClassId: string, apps: string[]) => ({ classes: [{ action: 'recover', oldClassId, newClassId, apps }] });
      const url = '/v1/teachers/me/class-spaces';
      // No grant; another session's grant; a colleague's old class; someone else's class this year; a class of last year that does not exist.
      expect((await c.post(url, recover(MOVING_TEACHER_OLD_CLASS, mine.classId, ['blog']))).status).toBe(403);
      const other = await t.login(agnes);
      expect((await other.post(url, recover(MOVING_TEACHER_OLD_CLASS, mine.classId, ['blog']), grantHeader(grant))).status).toBe(401);
      const colleague = await c.post(url, recover(someoneElsesOldClass, mine.classId, ['blog']), grantHeader(grant));
      expect(colleague.status).toBe(403);
      expect(apiErrorBodySchema.parse(colleague.json).error.problems?.[0]).toMatchObject({ path: 'classes.0.oldClassId' });
      const notMine = await c.post(url, recover(MOVING_TEACHER_OLD_CLASS, someoneElsesClass, ['blog']), grantHeader(grant));
      expect(notMine.status).toBe(403);
      expect(apiErrorBodySchema.parse(notMine.json).error.problems?.[0]).toMatchObject({ path: 'classes.0.newClassId' });
      expect((await c.post(url, recover('o-0137890B-c999', mine.classId, ['blog']), grantHeader(grant))).status).toBe(403);
      // Nothing chosen for a class: say so, or « Je ne souhaite pas… » (422, every problem).
      expect((await c.post(url, recover(MOVING_TEACHER_OLD_CLASS, mine.classId, []), grantHeader(grant))).status).toBe(422);
      expect(await spaceItems(spaces)).toEqual(before);
      expect(await t.db.selectFrom('teacher_space_answers').selectAll().execute()).toEqual([]);

      // Her answer: three apps of five, into her class.
      const done = await c.post(url, recover(MOVING_TEACHER_OLD_CLASS, mine.classId, ['blog', 'media', 'calendar']), grantHeader(grant));
      expect(done.status).toBe(200);
      const result = teacherClassSpacesResultSchema.parse(done.json);
      const oldBefore = before[classSpace(MOVING_TEACHER_OLD_CLASS)] ?? {};
      expect(result).toEqual({ decision: 'recovered', moved: [{ oldClassId: MOVING_TEACHER_OLD_CLASS, newClassId: mine.classId, moved: { blog: oldBefore.blog, media: oldBefore.media, calendar: oldBefore.calendar }, licences: 0 }] });
      const after = await spaceItems(spaces);
      expect(after[classSpace(MOVING_TEACHER_OLD_CLASS)]).toEqual({ homework: oldBefore.homework, liaison: oldBefore.liaison });
      expect(after[classSpace(mine.classId)]?.blog).toBe((before[classSpace(mine.classId)]?.blog ?? 0) + (oldBefore.blog ?? 0));

      // Replay (even with other apps): final, nothing moves.
      const replay = await c.post(url, recover(MOVING_TEACHER_OLD_CLASS, mine.classId, ['homework', 'liaison']), grantHeader(grant));
      expect(replay.status).toBe(409);
      expect(await spaceItems(spaces)).toEqual(after);
      const seen = teacherClassSpacesResponseSchema.parse((await c.get(url, grantHeader(grant))).json);
      expect(seen.answer?.decision).toBe('recovered');
      expect(seen.old?.[0]).toMatchObject({ state: 'mine', movedTo: { by: 'teacher', mine: true, newClassId: mine.classId, apps: ['blog', 'media', 'calendar'] } });
      expect(seen.incoming.map((i) => i.oldClassId)).toEqual([MOVING_TEACHER_OLD_CLASS]);

      // The old school's batch, sent afterwards with that class in it, is accepted but leaves it out: first wins.
      const { director, grant: directorGrant, batch, roster } = await prepareMerge(t, MOVING_TEACHER.oldSchool);
      const withUpe2a: MergeBatch = { ...batch, classes: batch.classes.map((k) => (k.oldClassId === MOVING_TEACHER_OLD_CLASS ? { action: 'recover', oldClassId: k.oldClassId, newClassId: roster.classes[0]?.id ?? '', apps: ['homework', 'liaison'] } : k)) };
      const merge = await director.post(`/v1/schools/${MOVING_TEACHER.oldSchool}/merges`, withUpe2a, { headers: { 'idempotency-key': randomUUID(), 'x-legacy-grant': directorGrant } });
      expect(merge.status).toBe(202);
      await waitDone(director, mergeReceiptSchema.parse(merge.json).id, 60_000);
      expect((await spaceItems([classSpace(MOVING_TEACHER_OLD_CLASS)]))[classSpace(MOVING_TEACHER_OLD_CLASS)]).toEqual({ homework: oldBefore.homework, liaison: oldBefore.liaison });
      const claim = await t.db.selectFrom('class_space_claims').selectAll().where('old_class_id', '=', MOVING_TEACHER_OLD_CLASS).execute();
      expect(claim.map((k) => [k.kind, k.new_class_id])).toEqual([['teacher', mine.classId]]);
    }, 120_000);

    it("gives one old class space to whoever comes first when a teacher and the school's batch race, and shows the teacher what came", async () => {
      const staying = stayingTeachers(SCHOOLS.elementaire);
      expect(staying.length).toBeGreaterThanOrEqual(2);
      const { director, grant: directorGrant, batch } = await prepareMerge(t, SCHOOLS.elementaire);
      const recovered = new Set(batch.classes.filter((k) => k.action === 'recover').map((k) => k.oldClassId));
      const withClass = [];
      for (const s of staying) {
        const c = await t.login(s.now);
        const grant = await prove(c, s.old);
        const view = teacherClassSpacesResponseSchema.parse((await c.get('/v1/teachers/me/class-spaces', grantHeader(grant))).json);
        const old = view.old?.find((o) => recovered.has(o.id));
        const target = view.targets[0];
        if (old && target) withClass.push({ c, grant, old, target });
      }
      const [racer, late] = withClass;
      if (!racer || !late) throw new Error('two teachers of recovered classes expected');
      const racedSpaces = [classSpace(racer.old.id)];
      const totalBefore = Object.values((await spaceItems(racedSpaces))[classSpace(racer.old.id)] ?? {}).reduce((a, b) => a + b, 0);
      const body = { classes: [{ action: 'recover', oldClassId: racer.old.id, newClassId: racer.target.id, apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] }] };
      const [mergeRes, teacherRes, again] = await Promise.all([
        director.post(`/v1/schools/${SCHOOLS.elementaire}/merges`, batch, { headers: { 'idempotency-key': randomUUID(), 'x-legacy-grant': directorGrant } }),
        racer.c.post('/v1/teachers/me/class-spaces', body, grantHeader(racer.grant)),
        racer.c.post('/v1/teachers/me/class-spaces', body, grantHeader(racer.grant)),
      ]);
      // The batch is always accepted; of the teacher's two identical answers, at most one wins, and only if it came first.
      expect(mergeRes.status).toBe(202);
      expect([teacherRes.status, again.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      expect([teacherRes.status, again.status].every((s) => s === 200 || s === 409)).toBe(true);
      await waitDone(director, mergeReceiptSchema.parse(mergeRes.json).id, 60_000);
      const claims = await t.db.selectFrom('class_space_claims').selectAll().where('old_class_id', '=', racer.old.id).execute();
      expect(claims).toHaveLength(1);
      const teacherWon = [teacherRes.status, again.status].includes(200);
      expect(claims[0]?.kind).toBe(teacherWon ? 'teacher' : 'school');
      // Every item of the old space went to exactly one place: the winner's class.
      const destination = classSpace(claims[0]?.new_class_id ?? '');
      const moved = await t.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('space_id', '=', destination).where('id', 'like', `${classSpace(racer.old.id)}:%`).executeTakeFirstOrThrow();
      expect(Number(moved.n)).toBe(totalBefore);
      expect(Object.values((await spaceItems(racedSpaces))[classSpace(racer.old.id)] ?? {}).reduce((a, b) => a + b, 0)).toBe(0);

      // A teacher whose class the batch took: the ENT says what came and how far, and refuses to move it again.
      const lateSpaces = [classSpace(late.old.id), classSpace(late.target.id)];
      const lateBefore = await spaceItems(lateSpaces);
      const refused = await late.c.post('/v1/teachers/me/class-spaces', { classes: [{ action: 'recover', oldClassId: late.old.id, newClassId: late.target.id, apps: ['blog'] }] }, grantHeader(late.grant));
      expect(refused.status).toBe(409);
      expect(apiErrorBodySchema.parse(refused.json).error.message).toMatch(/lot de rapprochement de l'école/);
      expect(await spaceItems(lateSpaces)).toEqual(lateBefore);
      const seen = teacherClassSpacesResponseSchema.parse((await late.c.get('/v1/teachers/me/class-spaces', grantHeader(late.grant))).json);
      expect(seen.answer).toBeNull();
      const mineNow = seen.old?.find((o) => o.id === late.old.id);
      expect(mineNow).toMatchObject({ state: 'school', movedTo: { by: 'school', mine: false, merge: { status: 'done' } } });
      expect(mineNow?.movedTo?.merge?.acceptedByName).not.toBe('');
      // « Je ne souhaite pas… » without anything to move is an answer too (no grant needed), once.
      expect((await late.c.post('/v1/teachers/me/class-spaces', { classes: [] })).status).toBe(200);
      expect((await late.c.post('/v1/teachers/me/class-spaces', { classes: [] })).status).toBe(409);
      expect(teacherClassSpacesResponseSchema.parse((await late.c.get('/v1/teachers/me/class-spaces')).json).answer?.decision).toBe('declined');
    }, 120_000);

    it('refuses the class spaces of teachers to a parent and to a director who does not teach', async () => {
      const parent = await t.login(t.find((a) => a.role === 'parent' && a.year === 'new'));
      expect((await parent.get('/v1/teachers/me/class-spaces')).status).toBe(403);
      expect((await parent.post('/v1/teachers/me/class-spaces', { classes: [] })).status).toBe(403);
      const referent = await t.login(t.find((a) => a.role === 'referent' && a.year === 'new'));
      expect((await referent.get('/v1/teachers/me/class-spaces')).status).toBe(403);
    });
  });
}
