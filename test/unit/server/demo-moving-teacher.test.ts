/**
 * The demo's teacher who changed school: added after everything else, so every other demo row (logins, passwords,
 * items) is what it was; her old class space has no pupil and is taught by nobody of the old school this year, so no
 * school batch proposes it.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoAcademie } from '../../../src-server/demo/academie';
import { MOVING_TEACHER, MOVING_TEACHER_OLD_CLASS } from '../../../src-server/demo/moving-teacher';

describe('demo teacher who changed school', () => {
  for (const seed of [7, 2026]) {
    const rows = buildDemoAcademie(seed);
    it(`has an old class space with items and no pupil, her old and new accounts listed last (seed ${seed})`, () => {
      const oldClass = rows.classes.find((c) => c.id === MOVING_TEACHER_OLD_CLASS);
      expect(oldClass).toMatchObject({ year: 'old', school_uai: MOVING_TEACHER.oldSchool, label: 'UPE2A' });
      // Last of its school, so the director's first class cards are unchanged.
      const positions = rows.classes.filter((c) => c.school_uai === MOVING_TEACHER.oldSchool && c.year === 'old').map((c) => c.position);
      expect(oldClass?.position).toBe(Math.max(...positions));
      expect(rows.items.filter((i) => i.space_id === `sp-${MOVING_TEACHER_OLD_CLASS}`).length).toBeGreaterThan(20);
      expect(rows.accounts.some((a) => a.class_id === MOVING_TEACHER_OLD_CLASS)).toBe(false);
      const [now, old] = rows.demo.slice(-2);
      expect(now).toMatchObject({ role: 'teacher', year: 'new', school: MOVING_TEACHER.newSchool, email: MOVING_TEACHER.email });
      expect(old).toMatchObject({ role: 'teacher', year: 'old', school: MOVING_TEACHER.oldSchool, email: MOVING_TEACHER.email });
      // This year: a teacher of her new school with no class chosen yet, and nobody of her old school with her e-mail.
      const nowId = rows.accounts.find((a) => a.login === now?.login)?.id;
      expect(rows.roles.filter((r) => r.account_id === nowId)).toEqual([{ account_id: nowId, role: 'teacher', school_uai: MOVING_TEACHER.newSchool, class_id: null }]);
      expect(rows.accounts.filter((a) => a.email === MOVING_TEACHER.email).map((a) => [a.year, a.school_uai])).toEqual([['old', MOVING_TEACHER.oldSchool], ['new', MOVING_TEACHER.newSchool]]);
      expect(new Set(rows.accounts.map((a) => a.login)).size).toBe(rows.accounts.length);
    });
  }
});
