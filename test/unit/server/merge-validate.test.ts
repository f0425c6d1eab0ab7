/** The all-or-nothing validation of a merge batch returns every problem at once. */
import { describe, expect, it } from 'vitest';
import { validateBatch, type SchoolFacts } from '../../../src-server/services/merge-validate';
import type { MergeBatch } from '../../../src-shared/api/merge';

const facts: SchoolFacts = {
  uai: '0131234X',
  oldClassIds: new Set(['o-c1', 'o-c2']),
  newClassIds: new Set(['n-c1', 'n-c2']),
  oldPupilIds: new Set(['o-1', 'o-2', 'o-3']),
  newPupilIds: new Set(['n-1', 'n-2', 'n-3']),
};
const fullGrant = { oldAccountId: 'o-t1', by: 'n-t1', schools: ['0131234X'], classes: [] };
const good: MergeBatch = {
  baseVersions: { new: '1', old: '1' },
  schoolSpace: { apps: ['blog'] },
  classes: [{ action: 'recover', oldClassId: 'o-c1', newClassId: 'n-c2', apps: ['blog', 'media'] }, { action: 'skip', oldClassId: 'o-c2' }],
  pupils: [{ oldPupilId: 'o-1', newPupilId: 'n-2' }, { oldPupilId: 'o-2', newPupilId: 'n-1' }],
  personalApps: ['messages'],
};

describe('merge batch validation', () => {
  it('accepts a consistent batch', () => {
    expect(validateBatch(good, facts, fullGrant)).toEqual([]);
  });

  it('enforces one-to-one pupil associations on both sides, flagging every line involved', () => {
    const problems = validateBatch({ ...good, pupils: [{ oldPupilId: 'o-1', newPupilId: 'n-1' }, { oldPupilId: 'o-1', newPupilId: 'n-2' }, { oldPupilId: 'o-3', newPupilId: 'n-2' }] }, facts, fullGrant);
    expect(problems.map((p) => p.path)).toEqual(['pupils.0.oldPupilId', 'pupils.1.oldPupilId', 'pupils.1.newPupilId', 'pupils.2.newPupilId']);
  });

  it('needs a grant for the school space, and a class grant or school grant for each class space', () => {
    expect(validateBatch(good, facts, null).map((p) => p.path)).toEqual(['schoolSpace', 'classes.0']);
    const teacherGrant = { ...fullGrant, schools: [], classes: ['o-c1'] };
    expect(validateBatch({ ...good, schoolSpace: null }, facts, teacherGrant)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const bad: MergeBatch = {
      ...good,
      schoolSpace: { apps: ['blog', 'blog'] },
      classes: [{ action: 'recover', oldClassId: 'o-x', newClassId: 'n-x', apps: [] }, { action: 'skip', oldClassId: 'o-c1' }, { action: 'skip', oldClassId: 'o-c1' }],
      pupils: [{ oldPupilId: 'o-9', newPupilId: 'n-9' }],
      personalApps: ['profile', 'profile'],
    };
    expect(validateBatch(bad, facts, fullGrant).map((p) => p.path)).toEqual([
      'schoolSpace.apps', 'classes.0.oldClassId', 'classes.0.newClassId', 'classes.1.oldClassId', 'classes.2.oldClassId', 'pupils.0.oldPupilId', 'pupils.0.newPupilId', 'personalApps',
    ]);
  });
});
