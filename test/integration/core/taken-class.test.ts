/**
 * A teacher took their old class space into their own class first (first wins): the director's download says so,
 * the school's batch leaves that class (even when the director maps it by hand), the review names it, and the
 * school's merge goes through without moving it again.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MOVING_TEACHER, MOVING_TEACHER_OLD_CLASS } from '../../../src-server/demo/moving-teacher';
import { makeCore, settleReview, startTestServer, type TestServer } from './helpers';

const account = z.object({ role: z.string(), year: z.enum(['new', 'old']), login: z.string(), password: z.string(), school: z.string() });
let ent: TestServer;
let accounts: Array<z.infer<typeof account>>;
beforeAll(async () => {
  ent = await startTestServer();
  accounts = z.object({ accounts: z.array(account) }).parse(JSON.parse(readFileSync(ent.server.demoAccountsFile ?? '', 'utf8'))).accounts;
});
afterAll(async () => {
  await ent.close();
});

describe('a class space its teacher already took', () => {
  it('is shown as taken, left out of the school batch, named in the review, and the merge goes through', async () => {
    const agnes = accounts.find((a) => a.login === 'agnes.rouviere');
    const old = accounts.find((a) => a.login === 'arouviere');
    if (!agnes || !old) throw new Error('moving teacher missing');
    const teacher = makeCore(ent.server.url);
    const label = await (async () => {
      try {
        await teacher.core.call('session.signIn', { login: agnes.login, password: agnes.password });
        const target = (await teacher.core.call('myClass.choices', {})).classes[0];
        if (!target) throw new Error('no class');
        await teacher.core.call('myClass.choose', { classId: target.id });
        await teacher.core.call('oldData.prove', { login: old.login, password: old.password });
        const result = await teacher.core.call('oldData.recoverClassSpaces', { classes: [{ action: 'recover', oldClassId: MOVING_TEACHER_OLD_CLASS, newClassId: target.id, apps: ['blog', 'media'] }] });
        expect(result.decision).toBe('recovered');
        return target.label;
      } finally {
        await teacher.cleanup();
      }
    })();

    const uai = MOVING_TEACHER.oldSchool;
    const director = ent.director(uai);
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      await core.call('session.signIn', { login: director.login, password: director.password });
      await core.call('school.pull', { uai, legacy: director.legacy });
      const ws = await core.call('school.workspace', { uai });
      const taken = ws.oldRoster.classes.find((c) => c.id === MOVING_TEACHER_OLD_CLASS);
      expect(taken?.takenByTeacher).toMatchObject({ newClassLabel: label });
      // Even mapped by hand, the school's batch leaves it.
      const into = ws.newRoster.classes[0]?.id ?? null;
      await core.call('school.decide', { uai, decision: { kind: 'map-class', oldClassId: MOVING_TEACHER_OLD_CLASS, newClassId: into } });
      await core.call('school.acceptAuto', { uai });
      await settleReview(core, uai);
      const preview = await core.call('school.preview', { uai });
      expect(preview.review.spaces.find((s) => s.oldClassId === MOVING_TEACHER_OLD_CLASS)).toMatchObject({ newClassId: null, takenByTeacher: { newClassLabel: label } });
      expect(preview.review.warnings).toContainEqual(expect.objectContaining({ code: 'taken-by-teacher', message: expect.stringContaining(label) }));
      await core.call('school.confirm', { uai });
      expect((await core.call('school.push', { uai })).outcome).toBe('done');
    } finally {
      await cleanup();
    }
  });
});
