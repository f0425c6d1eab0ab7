import { describe, expect, it } from 'vitest';
import { generateAcademie, generateSchool, type SchoolShape } from '../../../../src-shared/domain/generator';
import { SeededRandom } from '../../../../src-shared/domain/random';
import { LEVELS, nextLevel } from '../../../../src-shared/domain/roster';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('int stays within bounds and shuffle keeps every element', () => {
    const r = new SeededRandom(1);
    for (let i = 0; i < 200; i++) {
      const v = r.int(3, 5);
      expect(v >= 3 && v <= 5).toBe(true);
    }
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('generateSchool', () => {
  it('is deterministic by seed', () => {
    const a = generateSchool({ seed: 42, uai: '0131234X', shape: 'primaire' });
    const b = generateSchool({ seed: 42, uai: '0131234X', shape: 'primaire' });
    const c = generateSchool({ seed: 43, uai: '0131234X', shape: 'primaire' });
    expect(b).toEqual(a);
    expect(c.old.pupils).not.toEqual(a.old.pupils);
  });

  it('keeps ids, ground truth and the new roster consistent', () => {
    const s = generateSchool({ seed: 3, uai: '0130003B', shape: 'elementaire', pupils: 450 });
    expect(s.new.pupils.length).toBeGreaterThan(380);
    const oldIds = new Set(s.old.pupils.map((p) => p.id));
    const newIds = new Set(s.new.pupils.map((p) => p.id));
    expect(oldIds.size).toBe(s.old.pupils.length);
    expect(newIds.size).toBe(s.new.pupils.length);
    for (const p of s.old.pupils) expect(p.id).toMatch(/^o-0130003B-\d+$/);
    for (const p of s.new.pupils) {
      expect(p.id).toMatch(/^n-0130003B-\d+$/);
      expect(p.dateNaissance).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.nom).toBe(p.nom.toUpperCase());
      expect(p.sexe).not.toBeNull();
    }
    const seenOld = new Set<string>();
    const seenNew = new Set<string>();
    for (const t of s.truth) {
      expect(oldIds.has(t.oldId) && newIds.has(t.newId)).toBe(true);
      expect(seenOld.has(t.oldId) || seenNew.has(t.newId)).toBe(false);
      seenOld.add(t.oldId);
      seenNew.add(t.newId);
    }
  });

  it('moves pupils up one level (a few repeat), lets the top level leave and fills the first level with newcomers', () => {
    const s = generateSchool({ seed: 5, uai: '0130005C', shape: 'elementaire', pupils: 300, missingBirthDateRate: 0 });
    const oldById = new Map(s.old.pupils.map((p) => [p.id, p]));
    const newById = new Map(s.new.pupils.map((p) => [p.id, p]));
    let repeats = 0;
    for (const t of s.truth) {
      const o = oldById.get(t.oldId)!;
      const n = newById.get(t.newId)!;
      if (o.niveau === null) continue;
      expect(o.niveau).not.toBe('CM2');
      expect([nextLevel(o.niveau), o.niveau]).toContain(n.niveau);
      if (n.niveau === o.niveau) repeats++;
    }
    expect(repeats).toBeLessThan(s.truth.length * 0.1);
    const matchedNew = new Set(s.truth.map((t) => t.newId));
    const firstLevel = s.new.pupils.filter((p) => p.niveau === 'CP');
    expect(firstLevel.length).toBeGreaterThan(20);
    for (const p of firstLevel) expect(matchedNew.has(p.id)).toBe(false);
  });

  it('produces the differences and traps of real rosters', () => {
    const schools = [1, 2, 3, 4].map((seed) => generateSchool({ seed, uai: `013000${seed}D`, shape: 'primaire', pupils: 450, missingBirthDateRate: 0.3 }));
    const olds = schools.flatMap((s) => s.old.pupils);
    const news = schools.flatMap((s) => s.new.pupils);
    expect(olds.some((p) => p.dateNaissance === null)).toBe(true);
    expect(olds.some((p) => p.niveau === null)).toBe(true);
    expect(olds.some((p) => p.nom !== p.nom.toUpperCase())).toBe(true);
    expect(news.some((p) => /[-\s]/.test(p.nom))).toBe(true);
    expect(schools.flatMap((s) => s.new.classes).some((c) => c.levels.length > 1)).toBe(true);
    expect(schools.flatMap((s) => s.new.classes).some((c) => !LEVELS.some((l) => c.label.includes(l)))).toBe(true);
    // Twins: same surname and birth date, different first names, in one school.
    const twins = schools.some((s) => {
      const seen = new Map<string, string>();
      return s.new.pupils.some((p) => {
        const key = `${p.nom}|${p.dateNaissance}`;
        const other = seen.get(key);
        seen.set(key, p.prenom);
        return other !== undefined && other !== p.prenom;
      });
    });
    expect(twins).toBe(true);
  });

  it('keeps teachers who stay under the same e-mail with a new id', () => {
    const s = generateSchool({ seed: 9, uai: '0130009E', shape: 'primaire', pupils: 400 });
    const oldEmails = new Map(s.old.teachers.map((t) => [t.email, t.id]));
    const staying = s.new.teachers.filter((t) => oldEmails.has(t.email));
    expect(staying.length).toBeGreaterThan(0);
    for (const t of staying) expect(t.id).not.toBe(oldEmails.get(t.email));
    for (const t of s.new.teachers) expect(t.email).toMatch(/^[a-z-]+\.[a-z-]+@ac-aix-marseille\.fr$/);
  });

  it.each<SchoolShape>(['rural', 'maternelle', 'elementaire', 'primaire'])('generates a %s school with its levels', (shape) => {
    const s = generateSchool({ seed: 11, uai: '0130011F', shape });
    const levels = new Set(s.new.pupils.map((p) => p.niveau));
    if (shape === 'maternelle') expect([...levels].every((l) => l === 'PS' || l === 'MS' || l === 'GS')).toBe(true);
    if (shape === 'elementaire') expect(levels.has('PS')).toBe(false);
    expect(s.truth.length).toBeGreaterThan(0);
  });

  it('generates a 450-pupil school in a few milliseconds', () => {
    generateSchool({ seed: 1, uai: '0130001A', shape: 'primaire', pupils: 450 });
    const t = performance.now();
    for (let i = 0; i < 10; i++) generateSchool({ seed: i, uai: '0130001A', shape: 'primaire', pupils: 450 });
    expect((performance.now() - t) / 10).toBeLessThan(25);
  });
});

describe('generateAcademie', () => {
  it('mixes shapes with distinct UAIs of 7 digits and a letter', () => {
    const schools = generateAcademie({ seed: 1, schools: 40 });
    expect(new Set(schools.map((s) => s.shape)).size).toBe(4);
    expect(new Set(schools.map((s) => s.uai)).size).toBe(40);
    for (const s of schools) expect(s.uai).toMatch(/^\d{7}[A-Z]$/);
    expect(generateAcademie({ seed: 1, schools: 3 })).toEqual(generateAcademie({ seed: 1, schools: 3 }));
  });
});
