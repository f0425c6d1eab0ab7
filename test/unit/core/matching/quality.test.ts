/**
 * Quality floors on generated schools with ground truth (every shape, every kind of difference, some
 * schools with ~80 % of birth dates missing): 0 wrong `auto`, ≥ 97 % of true pairs `auto`, ≥ 99.5 %
 * proposed. The same numbers are printed by `npm run bench -- matching`.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMatching, matchRosters, type MatchingQuality } from '../../../../src-main/core/matching';
import { generateSchool, type SchoolShape } from '../../../../src-shared/domain/generator';

const SHAPES: SchoolShape[] = ['rural', 'maternelle', 'elementaire', 'primaire'];

function measure(seeds: number[], missingBirthDateRate: number): MatchingQuality {
  const pairs = [];
  const truth = [];
  for (const seed of seeds) {
    const shape = SHAPES[seed % SHAPES.length]!;
    const s = generateSchool({ seed, uai: `0139${String(seed).padStart(3, '0')}Q`, shape, missingBirthDateRate, pupils: shape === 'rural' ? 70 : 150 + (seed % 7) * 50 });
    pairs.push(...matchRosters(s.old, s.new).pairs);
    truth.push(...s.truth);
  }
  return evaluateMatching({ pairs }, truth);
}

describe('matching quality on generated schools', () => {
  const seeds = Array.from({ length: 24 }, (_, i) => 7000 + i);

  it.each([
    ['few dates missing', 0.1],
    ['a third of dates missing', 0.33],
    ['most dates missing', 0.8],
  ])('%s: floors hold', (_label, missingRate) => {
    const q = measure(seeds, missingRate);
    expect(q.truePairs).toBeGreaterThan(3000);
    expect(q.wrongAuto).toBe(0);
    expect(q.proposedRecall).toBeGreaterThanOrEqual(0.995);
    if (missingRate < 0.5) expect(q.autoRecall).toBeGreaterThanOrEqual(0.97);
    else expect(q.autoRecall).toBeGreaterThanOrEqual(0.95);
  });

  it('overall, across the mix: 0 wrong auto, ≥ 97 % auto, ≥ 99.5 % proposed', () => {
    const mixed = [0.1, 0.3, 0.5, 0.8].map((rate, i) => measure(seeds.map((s) => s + 100 * (i + 1)), rate));
    const total = mixed.reduce((a, q) => ({ ...a, truePairs: a.truePairs + q.truePairs, wrongAuto: a.wrongAuto + q.wrongAuto, trueAuto: a.trueAuto + q.trueAuto, trueProposed: a.trueProposed + q.trueProposed }));
    expect(total.wrongAuto).toBe(0);
    expect(total.trueAuto / total.truePairs).toBeGreaterThanOrEqual(0.97);
    expect(total.trueProposed / total.truePairs).toBeGreaterThanOrEqual(0.995);
  });
});
