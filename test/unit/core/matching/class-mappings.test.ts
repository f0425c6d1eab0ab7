import { describe, expect, it } from 'vitest';
import { proposeClassMappings } from '../../../../src-main/core/matching/class-mappings';
import type { PupilRecord, YearRoster } from '../../../../src-shared/domain/roster';

function pupil(id: string, classId: string): PupilRecord {
  return { id, nom: 'X', prenom: id, dateNaissance: null, sexe: null, niveau: null, classId, classLabel: classId };
}

const oldRoster: YearRoster = {
  classes: [
    { id: 'cm2', label: 'CM2', levels: ['CM2'], teacherIds: ['t-old-1'] },
    { id: 'ce1', label: 'CE1', levels: ['CE1'], teacherIds: ['t-old-2'] },
  ],
  teachers: [
    { id: 't-old-1', nom: 'A', prenom: 'A', email: 'a.a@ac-aix-marseille.fr' },
    { id: 't-old-2', nom: 'B', prenom: 'B', email: 'b.b@ac-aix-marseille.fr' },
  ],
  pupils: [],
};
const newRoster: YearRoster = {
  classes: [
    { id: 'ms', label: 'MS', levels: ['MS'], teacherIds: ['t-new-3'] },
    { id: 'ce2', label: 'CE2', levels: ['CE2'], teacherIds: ['t-new-4'] },
  ],
  teachers: [
    { id: 't-new-3', nom: 'C', prenom: 'C', email: 'c.c@ac-aix-marseille.fr' },
    { id: 't-new-4', nom: 'D', prenom: 'D', email: 'd.d@ac-aix-marseille.fr' },
  ],
  pupils: [],
};

describe('proposeClassMappings', () => {
  it('follows the certain pairs of a class to where they went', () => {
    const pairs = ['1', '2', '3'].map((i) => ({ old: pupil(`o${i}`, 'ce1'), new: pupil(`n${i}`, 'ce2'), status: 'auto' as const }));
    const proposals = proposeClassMappings(oldRoster, newRoster, pairs);
    expect(proposals).toEqual([expect.objectContaining({ oldClassId: 'ce1', newClassId: 'ce2', pupils: 3, share: 1, sameTeacher: false })]);
  });

  it('never maps a class from one stray pair, nor from pairs still to review', () => {
    // Last year's CM2 all left; one review pair (a leaver and a newcomer with the same name) lands in MS.
    const stray = [{ old: pupil('o9', 'cm2'), new: pupil('n9', 'ms'), status: 'review' as const }];
    expect(proposeClassMappings(oldRoster, newRoster, stray)).toEqual([]);
    const single = [{ old: pupil('o9', 'cm2'), new: pupil('n9', 'ms'), status: 'auto' as const }];
    expect(proposeClassMappings(oldRoster, newRoster, single)).toEqual([]);
  });

  it('proposes the class of the same teacher even without pupils going there', () => {
    const withTeacher: YearRoster = { ...newRoster, teachers: [...newRoster.teachers, { id: 't-new-1', nom: 'A', prenom: 'A', email: 'A.A@ac-aix-marseille.fr' }], classes: [...newRoster.classes, { id: 'cm2-new', label: 'CM2', levels: ['CM2'], teacherIds: ['t-new-1'] }] };
    expect(proposeClassMappings(oldRoster, withTeacher, [])).toEqual([expect.objectContaining({ oldClassId: 'cm2', newClassId: 'cm2-new', sameTeacher: true, pupils: 0 })]);
  });
});
