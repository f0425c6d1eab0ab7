import { describe, expect, it } from 'vitest';
import { generateSchool, type GeneratedSchool } from '../../../../src-shared/domain/generator';
import { TRAP_FAMILIES, TRAP_RATES, type TrapFamily } from '../../../../src-shared/domain/generator-traps';
import { LEVELS } from '../../../../src-shared/domain/roster';

const school = (family: TrapFamily, seed = 21, rate: 'realistic' | 'stress' = 'stress'): GeneratedSchool =>
  generateSchool({ seed, uai: '0132100T', shape: 'primaire', pupils: 400, traps: TRAP_RATES[family][rate] });

function expectConsistentTruth(s: GeneratedSchool): void {
  const oldIds = new Set(s.old.pupils.map((p) => p.id));
  const newIds = new Set(s.new.pupils.map((p) => p.id));
  expect(oldIds.size).toBe(s.old.pupils.length);
  expect(newIds.size).toBe(s.new.pupils.length);
  expect(new Set(s.truth.map((t) => t.oldId)).size).toBe(s.truth.length);
  expect(new Set(s.truth.map((t) => t.newId)).size).toBe(s.truth.length);
  for (const t of s.truth) expect(oldIds.has(t.oldId) && newIds.has(t.newId)).toBe(true);
  for (const trap of s.traps ?? []) {
    for (const id of trap.oldIds) expect(oldIds.has(id)).toBe(true);
    for (const id of trap.newIds) expect(newIds.has(id)).toBe(true);
  }
}

describe('generator traps', () => {
  it.each(TRAP_FAMILIES.map((f) => [f]))('%s: deterministic, consistent ground truth', (family) => {
    const s = school(family);
    expect(school(family)).toEqual(s);
    expectConsistentTruth(s);
    expect(s.traps).toBeDefined();
  });

  it('(a) a dateless leaver and a namesake newcomer, neither with a true pair', () => {
    const s = school('dateless-namesake');
    const truthOld = new Set(s.truth.map((t) => t.oldId));
    const truthNew = new Set(s.truth.map((t) => t.newId));
    const oldById = new Map(s.old.pupils.map((p) => [p.id, p]));
    expect(s.traps!.length).toBeGreaterThan(5);
    for (const t of s.traps!) {
      expect(t.family).toBe('dateless-namesake');
      expect(t.oldIds).toHaveLength(1);
      expect(t.newIds).toHaveLength(1);
      expect(oldById.get(t.oldIds[0]!)!.dateNaissance).toBeNull();
      expect(truthOld.has(t.oldIds[0]!) || truthNew.has(t.newIds[0]!)).toBe(false);
    }
    const variants = new Set(s.traps!.map((t) => t.variant));
    expect([...variants].some((v) => v.startsWith('one-letter'))).toBe(true);
    expect([...variants].some((v) => v.endsWith('next-level'))).toBe(true);
    expect([...variants].some((v) => v.includes('same-level'))).toBe(true);
  });

  it('(b) the newcomer carries the leaver’s surname as first name and the other way round', () => {
    const s = school('swapped-namesake');
    const newById = new Map(s.new.pupils.map((p) => [p.id, p]));
    for (const t of s.traps!) {
      const n = newById.get(t.newIds[0]!)!;
      expect(n.nom).toBe(n.nom.toUpperCase());
      expect(s.truth.some((x) => x.oldId === t.oldIds[0] || x.newId === t.newIds[0])).toBe(false);
    }
  });

  it('(c) two old accounts with one name: the dateless one left, the other has its true pair', () => {
    const s = school('duplicate-old-name');
    const truthOld = new Set(s.truth.map((t) => t.oldId));
    for (const t of s.traps!) {
      expect(t.oldIds).toHaveLength(2);
      expect(truthOld.has(t.oldIds[0]!)).toBe(false);
      expect(truthOld.has(t.oldIds[1]!)).toBe(true);
    }
  });

  it('(d) names with letters NFD does not decompose, in both rosters', () => {
    const s = school('undecomposed-letters');
    const undecomposed = /[ıłŁøØđĐðÐþÞßæÆœŒħĦ]/;
    expect(s.new.pupils.filter((p) => undecomposed.test(`${p.nom} ${p.prenom}`)).length).toBeGreaterThan(40);
    expect(s.old.pupils.filter((p) => undecomposed.test(`${p.nom} ${p.prenom}`)).length).toBeGreaterThan(40);
    for (const p of s.new.pupils) expect(p.nom).toBe(p.nom.toUpperCase());
  });

  it('(e) nickname classes and no level column', () => {
    const realistic = school('nickname-classes', 21, 'realistic');
    expect(realistic.old.pupils.every((p) => p.niveau === null)).toBe(true);
    expect(realistic.new.pupils.every((p) => p.niveau !== null)).toBe(true);
    const stress = school('nickname-classes');
    expect(stress.new.pupils.every((p) => p.niveau === null)).toBe(true);
    for (const c of [...stress.old.classes, ...stress.new.classes]) expect(LEVELS.some((l) => c.label.includes(l))).toBe(false);
  });
});
