/**
 * Quality floors on generated schools with ground truth (every shape, every kind of difference, some schools with
 * ~80 % of birth dates missing). The same numbers are printed by `npm run bench -- matching`.
 *
 * Since issue 11 ("Matching that knows what it cannot know") a pair is `auto` only when the files rule out another
 * child, which takes a usable birth date on the old account: without one, "the same child" and "a child who left
 * plus a newcomer with the same name" give the very same two files. So the floors are:
 *  - 0 wrong `auto`, ≥ 99.5 % of true pairs proposed (as before);
 *  - ≥ 99 % of the true pairs with a usable birth date `auto` (before: ≥ 97 % of all true pairs, most of the
 *    dateless ones included);
 *  - the dateless true pairs: none `auto`, ≥ 99.5 % proposed for review, each with the reason said.
 */
import { describe, expect, it } from 'vitest';
import { dateEvidence, evaluateMatching, matchRosters, type MatchingQuality } from '../../../../src-main/core/matching';
import { parseIsoDate } from '../../../../src-main/core/matching/features';
import { generateSchool, type SchoolShape } from '../../../../src-shared/domain/generator';
import type { Proposal } from '../../../../src-shared/domain/matching';

const SHAPES: SchoolShape[] = ['rural', 'maternelle', 'elementaire', 'primaire'];

interface Measured {
  all: MatchingQuality;
  dated: MatchingQuality;
  dateless: MatchingQuality;
  /** Dateless true pairs proposed without the reason that says so. */
  datelessWithoutReason: number;
}

function measure(seeds: number[], missingBirthDateRate: number): Measured {
  const pairs: Proposal[] = [];
  const dated: Array<{ oldId: string; newId: string }> = [];
  const dateless: Array<{ oldId: string; newId: string }> = [];
  for (const seed of seeds) {
    const shape = SHAPES[seed % SHAPES.length]!;
    const s = generateSchool({ seed, uai: `0139${String(seed).padStart(3, '0')}Q`, shape, missingBirthDateRate, pupils: shape === 'rural' ? 70 : 150 + (seed % 7) * 50 });
    pairs.push(...matchRosters(s.old, s.new).pairs);
    const oldDate = new Map(s.old.pupils.map((p) => [p.id, p.dateNaissance]));
    const newDate = new Map(s.new.pupils.map((p) => [p.id, p.dateNaissance]));
    // Usable: the typed date pins the child (exact, or one of the typing slips the engine reads as the same date).
    for (const t of s.truth) (dateEvidence(parseIsoDate(oldDate.get(t.oldId) ?? null), parseIsoDate(newDate.get(t.newId) ?? null)).weight >= 3 ? dated : dateless).push(t);
  }
  const datelessTruth = new Map(dateless.map((t) => [t.oldId, t.newId]));
  const datelessWithoutReason = pairs.filter((p) => datelessTruth.get(p.old) === p.new && !p.reasons?.some((r) => r === 'dateless' || r === 'placeholder-date')).length;
  return { all: evaluateMatching({ pairs }, [...dated, ...dateless]), dated: evaluateMatching({ pairs }, dated), dateless: evaluateMatching({ pairs }, dateless), datelessWithoutReason };
}

function expectFloors(m: Measured): void {
  expect(m.all.wrongAuto).toBe(0);
  expect(m.all.proposedRecall).toBeGreaterThanOrEqual(0.995);
  expect(m.dated.autoRecall).toBeGreaterThanOrEqual(0.99);
  expect(m.dateless.trueAuto).toBe(0);
  expect(m.dateless.proposedRecall).toBeGreaterThanOrEqual(0.995);
  expect(m.datelessWithoutReason).toBe(0);
}

describe('matching quality on generated schools', () => {
  const seeds = Array.from({ length: 24 }, (_, i) => 7000 + i);

  it.each([
    ['few dates missing', 0.1],
    ['a third of dates missing', 0.33],
    ['most dates missing', 0.8],
  ])('%s: floors hold', (_label, missingRate) => {
    const m = measure(seeds, missingRate);
    expect(m.all.truePairs).toBeGreaterThan(3000);
    expectFloors(m);
  });

  it('overall, across the mix: 0 wrong auto, ≥ 99 % of dated pairs auto, ≥ 99.5 % proposed', () => {
    const mixed = [0.1, 0.3, 0.5, 0.8].map((rate, i) => measure(seeds.map((s) => s + 100 * (i + 1)), rate));
    for (const m of mixed) expectFloors(m);
    const sum = (pick: (m: Measured) => MatchingQuality, key: 'truePairs' | 'trueAuto' | 'trueProposed' | 'wrongAuto') => mixed.reduce((n, m) => n + pick(m)[key], 0);
    expect(sum((m) => m.all, 'wrongAuto')).toBe(0);
    expect(sum((m) => m.dated, 'trueAuto') / sum((m) => m.dated, 'truePairs')).toBeGreaterThanOrEqual(0.99);
    expect(sum((m) => m.all, 'trueProposed') / sum((m) => m.all, 'truePairs')).toBeGreaterThanOrEqual(0.995);
  });
});
