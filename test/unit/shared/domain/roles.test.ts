/** The sections of each role after sign-in: the one rule the core, the screens and the portal agree on. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../src-shared/api/common';
import { mayOpen, sectionsFor } from '../../../../src-shared/domain/roles';

const me = (roles: Role[], mustChooseClass = false, year: 'new' | 'old' = 'new') => ({ year, roles: roles.map((role) => ({ role })), mustChooseClass });

describe('sections of each role', () => {
  it('gives a director who teaches the school flow first, then their class and their personal data', () => {
    expect(sectionsFor(me(['director', 'teacher'], true))).toEqual({ sections: ['school', 'my-class', 'personal-data'], home: 'school', manages: true, teaches: true });
  });

  it("gives a referent or a director who does not teach the school flow and their personal data, never « Ma classe »", () => {
    for (const role of ['director', 'referent'] as const) {
      const s = sectionsFor(me([role]));
      expect(s.sections).toEqual(['school', 'personal-data']);
      expect(mayOpen(me([role]), 'my-class')).toBe(false);
    }
  });

  it('never gives a teacher the school flow: their class first while it is not chosen, then their old data', () => {
    expect(sectionsFor(me(['teacher'], true))).toEqual({ sections: ['my-class', 'old-data'], home: 'my-class', manages: false, teaches: true });
    expect(sectionsFor(me(['teacher'], false)).home).toBe('old-data');
    expect(mayOpen(me(['teacher']), 'school')).toBe(false);
    expect(mayOpen(me(['teacher']), 'personal-data')).toBe(false);
  });

  it('sends parents and pupils to the portal, whatever else they are not', () => {
    for (const roles of [['parent'], ['pupil'], ['parent', 'pupil']] as Role[][]) {
      expect(sectionsFor(me(roles))).toEqual({ sections: ['portal'], home: 'portal', manages: false, teaches: false });
      expect(mayOpen(me(roles), 'school')).toBe(false);
    }
  });

  it('gives nothing to an account without a role, nor to last year’s accounts', () => {
    expect(sectionsFor(me([])).sections).toEqual(['none']);
    expect(sectionsFor(me(['director', 'teacher'], false, 'old')).sections).toEqual(['none']);
  });
});
