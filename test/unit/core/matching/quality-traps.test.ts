/**
 * Quality floors on schools with a trap family planted (src-shared/domain/generator-traps.ts), at a realistic and
 * at a stress rate: 0 wrong `auto` anywhere; the traps shown for review with their reason; the pairs the family
 * is about still found. `npm run bench -- matching` prints the same table.
 */
import { describe, expect, it } from 'vitest';
import { matchRosters } from '../../../../src-main/core/matching';
import { TRAP_FAMILIES } from '../../../../src-shared/domain/generator-traps';
import { measureTrapFamily, trapSchool, type TrapRate } from './trap-schools';

const SCHOOLS = 16;
const RATES: TrapRate[] = ['realistic', 'stress'];
const CASES = TRAP_FAMILIES.flatMap((family) => RATES.map((rate) => [family, rate] as const));

describe('matching quality on trap schools', () => {
  it.each(CASES)('%s at the %s rate: no wrong auto, every true pair with a usable date auto, nearly all proposed', (family, rate) => {
    const q = measureTrapFamily(family, rate, SCHOOLS);
    expect(q.wrongAuto).toBe(0);
    expect(q.wrongAutoOnTraps).toBe(0);
    expect(q.focusDatedAuto / q.focusDated).toBeGreaterThanOrEqual(0.99);
    expect(q.proposedRecall).toBeGreaterThanOrEqual(family === 'duplicate-old-name' ? 0.99 : 0.995);
    if (family === 'dateless-namesake' || family === 'swapped-namesake') {
      expect(q.instances).toBeGreaterThan(rate === 'stress' ? 80 : 8);
      // The leaver and the namesake are put in front of a person, saying why.
      expect(q.trapsShownForReview).toBeGreaterThanOrEqual(q.instances * 0.9);
      expect(q.trapPairsWithReason).toBeGreaterThanOrEqual(q.trapPairs * 0.95);
    }
    if (family === 'duplicate-old-name') {
      expect(q.instances).toBeGreaterThan(rate === 'stress' ? 60 : 5);
      expect(q.trapPairsWithReason).toBeGreaterThanOrEqual(q.trapPairs * 0.8);
      expect(q.focusProposed / q.focusPairs).toBeGreaterThanOrEqual(0.8);
    }
    if (family === 'undecomposed-letters') {
      expect(q.focusPairs).toBeGreaterThan(rate === 'stress' ? 1000 : 150);
      expect(q.focusProposed / q.focusPairs).toBeGreaterThanOrEqual(0.995);
    }
  });

  it('nickname classes without level columns: levels inferred for nearly every pair', () => {
    for (const rate of RATES) {
      let pairs = 0;
      let withLevel = 0;
      for (let i = 0; i < 8; i++) {
        const s = trapSchool('nickname-classes', rate, i);
        for (const p of matchRosters(s.old, s.new).pairs) {
          pairs++;
          const kind = p.evidence.find((e) => e.field === 'niveau')?.kind;
          if (kind !== undefined && kind !== 'missing' && kind !== 'inferred-mismatch') withLevel++;
        }
      }
      expect(withLevel / pairs, rate).toBeGreaterThanOrEqual(0.9);
    }
  });
});
