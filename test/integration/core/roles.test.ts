/**
 * Every role after sign-in, through the core's router against the real reference server: a director who teaches
 * chooses their class and recovers their own messages in one sitting; a teacher who changed school does their whole
 * part (class, old account, old class space, personal data); a parent is sent to the portal and refused the rest;
 * a teacher whose class the director's batch took sees what came instead of a form; offline, the sections stay.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MOVING_TEACHER, MOVING_TEACHER_OLD_CLASS } from '../../../src-server/demo/moving-teacher';
import { makeCore, settleReview, startTestServer, type TestServer } from './helpers';

const account = z.object({ role: z.string(), year: z.enum(['new', 'old']), login: z.string(), password: z.string(), school: z.string(), email: z.string().optional() });
type Account = z.infer<typeof account>;

let ent: TestServer;
let accounts: Account[];
beforeAll(async () => {
  ent = await startTestServer();
  accounts = z.object({ accounts: z.array(account) }).parse(JSON.parse(readFileSync(ent.server.demoAccountsFile ?? '', 'utf8'))).accounts;
});
afterAll(async () => {
  await ent.close();
});

const find = (pred: (a: Account) => boolean): Account => {
  const found = accounts.find(pred);
  if (!found) throw new Error('no such demo account');
  return found;
};

describe('every role in the desktop core', () => {
  it('a director who teaches chooses their class and recovers their own messages in the same sitting', async () => {
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      const uai = '0137890B';
      const director = ent.director(uai);
      await core.call('session.signIn', { login: director.login, password: director.password });
      const view = await core.call('roles.view', {});
      expect(view).toMatchObject({ sections: ['school', 'my-class', 'personal-data'], home: 'school', manages: true, teaches: true, mustChooseClass: true, offline: false, portalUrl: `${ent.server.url}/connexion` });
      const choices = await core.call('myClass.choices', {});
      expect(choices.classes.length).toBeGreaterThan(10);
      expect(choices.classes.every((c) => c.firstPupils.length === Math.min(3, c.pupilCount))).toBe(true);
      const current = choices.current[0];
      if (!current) throw new Error('the director teaches a class');
      const chosen = await core.call('myClass.choose', { classId: current });
      expect(chosen.view.mustChooseClass).toBe(false);
      expect(chosen.view.classes.map((c) => c.id)).toEqual([current]);

      // Nothing moves before the old account is proven; a wrong password proves nothing.
      const before = await core.call('oldData.status', {});
      expect(before).toMatchObject({ proven: null, personal: { old: null, claim: null }, classSpaces: null });
      await expect(core.call('oldData.recoverPersonal', { apps: ['messages'] })).rejects.toMatchObject({ code: 'unauthorized' });
      await expect(core.call('oldData.prove', { login: director.legacy.login, password: 'pas-le-bon' })).rejects.toMatchObject({ code: 'unauthorized' });
      const proven = await core.call('oldData.prove', director.legacy);
      expect(proven.oldAccount.login).toBe(director.legacy.login);
      const seen = await core.call('oldData.status', {});
      const oldMessages = seen.personal.old?.apps.messages ?? 0;
      expect(oldMessages).toBeGreaterThan(0);
      const moved = await core.call('oldData.recoverPersonal', { apps: ['messages'] });
      expect(moved).toEqual({ decision: 'linked', moved: { messages: oldMessages } });
      const after = await core.call('oldData.status', {});
      expect(after.personal.mine.messages).toBe((seen.personal.mine.messages ?? 0) + oldMessages);
      expect(after.personal.old?.apps.messages ?? 0).toBe(0);
      expect(after.personal.claim).toMatchObject({ oldLogin: director.legacy.login, apps: ['messages'] });
      // Final: a second time is refused, in French.
      await expect(core.call('oldData.recoverPersonal', { apps: ['media'] })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/définitive/) });
      // A manager's class spaces follow the school's batch: no teacher form for them.
      await expect(core.call('oldData.recoverClassSpaces', { classes: [] })).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await cleanup();
    }
  });

  it('a teacher who changed school does their whole part: class, old account, old class space with one app left, personal data', async () => {
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      const agnes = find((a) => a.login === 'agnes.rouviere');
      const old = find((a) => a.login === 'arouviere');
      await core.call('session.signIn', { login: agnes.login, password: agnes.password });
      const view = await core.call('roles.view', {});
      expect(view).toMatchObject({ sections: ['my-class', 'old-data'], home: 'my-class', manages: false, teaches: true, mustChooseClass: true });
      const choices = await core.call('myClass.choices', {});
      expect(choices.schoolUai).toBe(MOVING_TEACHER.newSchool);
      expect(choices.current).toEqual([]);
      const target = choices.classes[2];
      if (!target) throw new Error('classes expected');
      expect((await core.call('myClass.choose', { classId: target.id })).view).toMatchObject({ home: 'old-data', mustChooseClass: false });

      const unproven = await core.call('oldData.status', {});
      expect(unproven.classSpaces).toMatchObject({ targets: [{ id: target.id }], old: null, answer: null });
      await expect(core.call('oldData.recoverClassSpaces', { classes: [{ action: 'recover', oldClassId: MOVING_TEACHER_OLD_CLASS, newClassId: target.id, apps: ['blog'] }] })).rejects.toMatchObject({ code: 'unauthorized' });
      const proven = await core.call('oldData.prove', { login: old.login, password: old.password });
      expect(proven.classSpaces.map((c) => c.classId)).toEqual([MOVING_TEACHER_OLD_CLASS]);
      const status = await core.call('oldData.status', {});
      const space = status.classSpaces?.old?.[0];
      expect(space).toMatchObject({ id: MOVING_TEACHER_OLD_CLASS, label: 'UPE2A', state: 'available' });
      const apps = ['blog', 'media', 'calendar', 'liaison'] as const;
      const result = await core.call('oldData.recoverClassSpaces', { classes: [{ action: 'recover', oldClassId: MOVING_TEACHER_OLD_CLASS, newClassId: target.id, apps: [...apps] }] });
      expect(result.decision).toBe('recovered');
      expect(result.moved[0]?.moved).toEqual(Object.fromEntries(apps.map((a) => [a, space?.apps[a]])));
      const personal = await core.call('oldData.recoverPersonal', { apps: ['messages', 'media', 'profile'] });
      expect(personal.decision).toBe('linked');
      const done = await core.call('oldData.status', {});
      expect(done.classSpaces?.old?.[0]).toMatchObject({ state: 'mine', apps: { homework: space?.apps.homework } });
      expect(done.classSpaces?.answer?.decision).toBe('recovered');
      expect(done.personal.claim?.oldLogin).toBe(old.login);
      // Her own class space of this year now holds what she chose (the ENT's answer, not the app's memory).
      expect(done.classSpaces?.incoming).toEqual([expect.objectContaining({ oldClassId: MOVING_TEACHER_OLD_CLASS, newClassId: target.id, by: 'teacher', mine: true })]);
      // A teacher never reaches the school flow through the core either.
      await expect(core.call('school.pull', { uai: MOVING_TEACHER.newSchool, legacy: { login: old.login, password: old.password } })).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await cleanup();
    }
  });

  it('forgets a proof the ENT no longer accepts (a new sign-in ends the session that proved it) and asks for it again', async () => {
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      const director = ent.director('0131234X');
      await core.call('session.signIn', { login: director.login, password: director.password });
      await core.call('oldData.prove', director.legacy);
      expect((await core.call('oldData.status', {})).proven?.oldAccount.login).toBe(director.legacy.login);
      await core.call('session.signOut', {});
      await core.call('session.signIn', { login: director.login, password: director.password });
      // The kept grant belongs to the previous session: the status still answers, without it.
      const status = await core.call('oldData.status', {});
      expect(status).toMatchObject({ proven: null, personal: { old: null, claim: null } });
      await expect(core.call('oldData.recoverPersonal', { apps: ['messages'] })).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/identifiants de votre compte de l'an dernier/) });
      await core.call('oldData.prove', director.legacy);
      expect((await core.call('oldData.recoverPersonal', { apps: ['messages', 'media', 'profile'] })).decision).toBe('linked');
    } finally {
      await cleanup();
    }
  });

  it('sends a parent to the portal at the server address and refuses them the staff steps', async () => {
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      const parent = find((a) => a.role === 'parent' && a.year === 'new');
      await core.call('session.signIn', { login: parent.login, password: parent.password });
      expect(await core.call('roles.view', {})).toMatchObject({ sections: ['portal'], home: 'portal', portalUrl: `${ent.server.url}/connexion`, manages: false, teaches: false });
      await expect(core.call('myClass.choices', {})).rejects.toMatchObject({ code: 'forbidden' });
      await expect(core.call('oldData.prove', { login: 'x', password: 'y' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/portail/) });
      await expect(core.call('oldData.status', {})).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await cleanup();
    }
  });

  it("shows a teacher what the director's batch brought instead of a form, and keeps the sections offline", async () => {
    const uai = '0134567K';
    const director = ent.director(uai);
    const school = makeCore(ent.server.url);
    const teacher = makeCore(ent.server.url);
    try {
      await school.core.call('session.signIn', { login: director.login, password: director.password });
      await school.core.call('school.pull', { uai, legacy: director.legacy });
      await school.core.call('school.acceptAuto', { uai });
      await settleReview(school.core, uai);
      await school.core.call('school.confirm', { uai });
      const pushed = await school.core.call('school.push', { uai });
      expect(pushed.outcome).toBe('done');
      const preview = (await school.core.call('school.receipt', { uai })).review.spaces.filter((s) => s.newClassId !== null);

      // A teacher who stayed, whose old class the batch recovered.
      const directorLogins = new Set(accounts.filter((a) => a.role === 'director').map((a) => a.login));
      const pair = accounts
        .filter((a) => a.role === 'teacher' && a.year === 'new' && a.school === uai && !directorLogins.has(a.login) && a.email !== MOVING_TEACHER.email)
        .map((now) => ({ now, old: accounts.find((a) => a.role === 'teacher' && a.year === 'old' && a.email === now.email) }))
        .find((p) => p.old !== undefined);
      if (!pair?.old) throw new Error('a teacher who stayed expected');
      await teacher.core.call('session.signIn', { login: pair.now.login, password: pair.now.password });
      await teacher.core.call('oldData.prove', { login: pair.old.login, password: pair.old.password });
      const status = await teacher.core.call('oldData.status', {});
      const mine = status.classSpaces?.old ?? [];
      expect(mine.length).toBeGreaterThan(0);
      const taken = mine.filter((o) => preview.some((s) => s.oldClassId === o.id));
      expect(taken.length).toBeGreaterThan(0);
      for (const o of taken) expect(o).toMatchObject({ state: 'school', movedTo: { by: 'school', merge: { status: 'done' } } });
      await expect(teacher.core.call('oldData.recoverClassSpaces', { classes: [{ action: 'recover', oldClassId: taken[0]?.id ?? '', newClassId: status.classSpaces?.targets[0]?.id ?? '', apps: ['blog'] }] })).rejects.toMatchObject({ code: 'conflict' });

      // The ENT stops answering: the account's sections are the last known ones.
      await ent.server.close();
      expect(await teacher.core.call('roles.view', {})).toMatchObject({ sections: ['my-class', 'old-data'], offline: true });
    } finally {
      await school.cleanup();
      await teacher.cleanup();
    }
  }, 120_000);
});
