import { describe, expect, it } from 'vitest';
import { dateEvidence, levelEvidence, levelsInLabel, pupilFeatures } from '../../../../src-main/core/matching';
import { parseIsoDate } from '../../../../src-main/core/matching/features';
import type { Level } from '../../../../src-shared/domain/roster';

const date = (oldIso: string | null, newIso: string) => dateEvidence(parseIsoDate(oldIso), parseIsoDate(newIso));

describe('dateEvidence', () => {
  it('recognises each kind of date mistake', () => {
    expect(date('2016-03-14', '2016-03-14').kind).toBe('exact');
    expect(date('2016-05-03', '2016-03-05').kind).toBe('day-month-swapped');
    expect(date('2016-03-15', '2016-03-14').kind).toBe('one-day-off');
    expect(date('2016-03-01', '2016-02-29').kind).toBe('one-day-off');
    expect(date('2016-03-12', '2016-03-21').kind).toBe('transposed-digits');
    expect(date('2016-01-01', '2016-07-19').kind).toBe('placeholder');
    expect(date(null, '2016-07-19')).toMatchObject({ kind: 'missing', weight: 0 });
  });
  it('counts a really different date against the pair', () => {
    expect(date('2016-09-03', '2016-04-21').weight).toBeLessThan(0);
    expect(date('2014-09-03', '2016-04-21').weight).toBeLessThan(date('2016-09-03', '2016-04-21').weight);
    expect(date('2016-03-14', '2016-03-14').weight).toBeGreaterThan(date('2016-05-03', '2016-03-05').weight);
  });
});

const pupil = (niveau: Level | null, classLabel: string) => pupilFeatures({ id: 'x', nom: 'A', prenom: 'B', dateNaissance: null, sexe: null, niveau, classId: classLabel, classLabel });

describe('levelEvidence', () => {
  it('expects the next level, accepts a repeat, refuses the rest', () => {
    expect(levelEvidence(pupil('CE1', 'CE1'), pupil('CE2', 'CE2')).kind).toBe('next-level');
    expect(levelEvidence(pupil('CE1', 'CE1'), pupil('CE1', 'CE1')).kind).toBe('repeat');
    expect(levelEvidence(pupil('CE1', 'CE1'), pupil('CM2', 'CM2')).kind).toBe('inconsistent');
    expect(levelEvidence(pupil('CM1', 'CM1'), pupil('CE2', 'CE2')).kind).toBe('inconsistent');
  });
  it('reads the level in the class label when niveau is missing', () => {
    expect(levelsInLabel('CE2-CM1')).toHaveLength(2);
    expect(levelsInLabel('Les Nounours')).toEqual([]);
    expect(levelEvidence(pupil(null, 'CM1 B'), pupil('CM2', 'CM2')).kind).toBe('next-level');
    expect(levelEvidence(pupil(null, 'CE2-CM1'), pupil('CM2', 'CM2')).kind).toBe('next-level-class');
    expect(levelEvidence(pupil(null, 'CE2/CM1'), pupil('CP', 'CP')).kind).toBe('inconsistent');
    expect(levelEvidence(pupil(null, 'Les Nounours'), pupil('CP', 'CP'))).toMatchObject({ kind: 'missing', weight: 0 });
  });
});
