/** The demo académie: deterministic by seed, realistic shapes, and enough accounts to try the whole recovery. */
import { describe, expect, it } from 'vitest';
import { buildDemoAcademie } from '../../../src-server/demo/academie';
import { loginBase, uniqueLogin } from '../../../src-server/demo/logins';

describe('demo académie', () => {
  const rows = buildDemoAcademie(2026);

  it('is deterministic by seed', () => {
    const again = buildDemoAcademie(2026);
    expect(again.demo).toEqual(rows.demo);
    expect(again.items.length).toBe(rows.items.length);
    expect(buildDemoAcademie(7).demo).not.toEqual(rows.demo);
  });

  it('has three schools of different shapes with classes, spaces, app data and licences', () => {
    expect(rows.schools.map((s) => s.uai)).toEqual(['0131234X', '0134567K', '0137890B']);
    const classesOf = (uai: string, year: string) => rows.classes.filter((c) => c.school_uai === uai && c.year === year).length;
    expect(classesOf('0131234X', 'new')).toBe(2);
    expect(classesOf('0137890B', 'new')).toBeGreaterThan(10);
    expect(rows.items.length).toBeGreaterThan(5000);
    expect(rows.licences.length).toBeGreaterThan(20);
    expect(new Set(rows.accounts.map((a) => a.login)).size).toBe(rows.accounts.length);
    expect(rows.accounts.some((a) => /[éèëïôç]/i.test(`${a.nom}${a.prenom}`))).toBe(true);
  });

  it('lists, for every school, the new and old director, teachers, pupils and parents, and a referent', () => {
    for (const uai of ['0131234X', '0134567K', '0137890B']) {
      for (const year of ['new', 'old'] as const) {
        for (const role of ['director', 'teacher', 'pupil', 'parent']) {
          expect(rows.demo.some((a) => a.school === uai && a.year === year && a.role === role), `${uai} ${year} ${role}`).toBe(true);
        }
      }
    }
    expect(rows.demo.some((a) => a.role === 'referent' && a.year === 'new')).toBe(true);
    expect(rows.demo.some((a) => a.role === 'referent' && a.year === 'old')).toBe(true);
    for (const a of rows.demo) expect(a.password).toMatch(/^[a-z2-9]{10}$/);
  });
});

describe('logins', () => {
  it('strips accents and numbers homonyms', () => {
    const taken = new Set<string>();
    expect(uniqueLogin(loginBase('Léa-Rose', "D'Almeida"), taken)).toBe('lea-rose.d-almeida');
    expect(uniqueLogin(loginBase('Léa-Rose', "D'Almeida"), taken)).toBe('lea-rose.d-almeida2');
  });
});
