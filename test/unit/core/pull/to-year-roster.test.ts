import { describe, expect, it } from 'vitest';
import { toYearRoster } from '../../../../src-main/core/pull';

describe('toYearRoster', () => {
  it('keeps only what the matching engine reads', () => {
    const roster = toYearRoster({
      uai: '0131234X', name: 'É', year: 'old', version: '1', schoolSpace: null,
      classes: [{ id: 'c', label: 'CP', levels: ['CP'], teacherIds: [], spaceId: 's', apps: { blog: 1 }, licences: 2 }],
      teachers: [],
      pupils: [{ id: 'p', nom: 'N', prenom: 'P', dateNaissance: null, sexe: 'M', niveau: 'CP', classId: 'c', classLabel: 'CP', personalData: { messages: 1 } }],
    });
    expect(roster.classes[0]).toEqual({ id: 'c', label: 'CP', levels: ['CP'], teacherIds: [] });
    expect(roster.pupils[0]).toEqual({ id: 'p', nom: 'N', prenom: 'P', dateNaissance: null, sexe: 'M', niveau: 'CP', classId: 'c', classLabel: 'CP' });
  });
});
