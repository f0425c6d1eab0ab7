import { describe, expect, it } from 'vitest';
import type { LegacyRosterResponse, RosterResponse } from '../../../../src-shared/api';
import type { PupilRecord } from '../../../../src-shared/domain/roster';
import { buildBatch } from '../../../../src-main/core/batch/build';
import { summarize } from '../../../../src-main/core/batch/summary';
import type { LoadedSchool } from '../../../../src-main/core/cache/snapshots';
import { fold } from '../../../../src-main/core/journal/fold';
import type { JournalEntry } from '../../../../src-main/core/journal/decisions';

const pupil = (id: string, classId: string): PupilRecord => ({ id, nom: 'X', prenom: 'Y', dateNaissance: null, sexe: null, niveau: 'CP', classId, classLabel: classId });

function school(): LoadedSchool {
  const newRoster: RosterResponse = {
    uai: '0131234X', name: 'École', year: 'new', version: '3',
    classes: [{ id: 'k1', label: 'CP', levels: ['CP'], teacherIds: [] }, { id: 'k2', label: 'CE1', levels: ['CE1'], teacherIds: [] }],
    teachers: [], pupils: [pupil('n1', 'k1'), pupil('n2', 'k1'), pupil('n3', 'k2')], parents: [],
  };
  const oldRoster: LegacyRosterResponse = {
    uai: '0131234X', name: 'École', year: 'old', version: '5', schoolSpace: null,
    classes: [{ id: 'c1', label: 'GS', levels: ['GS'], teacherIds: [], spaceId: 's1', apps: {}, licences: 0 }, { id: 'c2', label: 'CP', levels: ['CP'], teacherIds: [], spaceId: 's2', apps: {}, licences: 0 }],
    teachers: [], pupils: [{ ...pupil('o1', 'c1'), personalData: {} }, { ...pupil('o2', 'c1'), personalData: {} }],
  };
  return {
    school: { uai: '0131234X', name: 'École', phase: 'pulled', newSnapshotId: 1, oldSnapshotId: 2, matchingId: 1, summary: null, updatedAt: 't' },
    newRoster, oldRoster, pulledAt: 't',
    matching: { pairs: [], unmatchedOld: [], unmatchedNew: [], classMappings: [{ oldClassId: 'c1', newClassId: 'k1', pupils: 2, share: 1, sameTeacher: false, detail: '' }] },
  };
}
const state = (...entries: JournalEntry[]) => fold(entries.map((entry, i) => ({ seq: i + 1, uai: '0131234X', at: 't', entry })));

describe('buildBatch', () => {
  it('derives a valid batch from the decisions, with the base versions of the snapshots', () => {
    const built = buildBatch(school(), state({ kind: 'link', oldId: 'o1', newId: 'n1' }, { kind: 'choose-apps', target: 'personal', appIds: ['messages', 'nope'] }), new Set(['c1']));
    expect(built.problems).toEqual([]);
    expect(built.batch).toEqual({
      baseVersions: { new: '3', old: '5' },
      schoolSpace: null,
      classes: [{ action: 'recover', oldClassId: 'c1', newClassId: 'k1', apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] }, { action: 'skip', oldClassId: 'c2' }],
      pupils: [{ oldPupilId: 'o1', newPupilId: 'n1' }],
      personalApps: ['messages'],
    });
  });

  it('flags links that no longer fit the rosters and leaves opted-out families out', () => {
    const built = buildBatch(school(), state({ kind: 'link', oldId: 'o1', newId: 'gone' }, { kind: 'link', oldId: 'o2', newId: 'n2' }, { kind: 'opt-out', oldId: 'o2', optedOut: true }));
    expect(built.flagged).toEqual([{ seq: 1, oldId: 'o1', newId: 'gone', reason: "l'élève n'est plus dans la liste de cette année" }]);
    expect(built.batch.pupils).toEqual([]);
    // Without a grant on the class space, the suggested mapping is not applied.
    expect(built.batch.classes.every((c) => c.action === 'skip')).toBe(true);
  });

  it('reports an explicit class recovery the grant does not allow', () => {
    const built = buildBatch(school(), state({ kind: 'map-class', oldClassId: 'c2', newClassId: 'k2' }));
    expect(built.problems).toEqual([{ path: 'classes.1', message: "l'ancien compte vérifié n'a pas le droit de récupérer cet espace de classe" }]);
  });

  it('gives each recovered class its own apps when chosen, else the class-spaces choice, else every app', () => {
    const mapped = [{ kind: 'map-class', oldClassId: 'c1', newClassId: 'k1' }, { kind: 'map-class', oldClassId: 'c2', newClassId: 'k2' }] as const;
    const appsOf = (...entries: JournalEntry[]) => buildBatch(school(), state(...mapped, ...entries), new Set(['c1', 'c2'])).batch.classes.map((c) => (c.action === 'recover' ? c.apps : null));
    const every = ['blog', 'media', 'calendar', 'homework', 'liaison'];
    expect(appsOf()).toEqual([every, every]);
    expect(appsOf({ kind: 'class-apps', oldClassId: 'c2', appIds: ['liaison', 'blog'] })).toEqual([every, ['blog', 'liaison']]);
    expect(appsOf({ kind: 'choose-apps', target: 'class-spaces', appIds: ['media'] }, { kind: 'class-apps', oldClassId: 'c1', appIds: [] })).toEqual([[], ['media']]);
    // The per-class choice wins whatever the order of the decisions.
    expect(appsOf({ kind: 'class-apps', oldClassId: 'c1', appIds: ['homework'] }, { kind: 'choose-apps', target: 'class-spaces', appIds: ['media'] })).toEqual([['homework'], ['media']]);
    expect(buildBatch(school(), state(...mapped, { kind: 'class-apps', oldClassId: 'c1', appIds: ['blog'] }), new Set(['c1', 'c2'])).problems).toEqual([]);
  });

  it('summarizes in French with the irreversible warning last', () => {
    const s = school();
    const built = buildBatch(s, state({ kind: 'link', oldId: 'o1', newId: 'n1' }));
    const summary = summarize(s, built, 0);
    expect(summary.counts).toMatchObject({ newPupils: 3, oldPupils: 2, linked: 1, newWithoutOld: 2, oldNotFollowing: 1 });
    expect(summary.warnings[0]).toBe('2 nouveaux élèves sans ancien compte recevront de nouveaux identifiants.');
    expect(summary.warnings[1]).toMatch(/^Les données de 1 ancien compte non rapproché ne suivront pas/);
    expect(summary.warnings.at(-1)).toMatch(/irréversible/);
    expect(summary.valid).toBe(true);
  });
});
