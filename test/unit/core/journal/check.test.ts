import { describe, expect, it } from 'vitest';
import { checkDecision, type RosterIds } from '../../../../src-main/core/journal/check';

const ids: RosterIds = { newPupils: new Set(['n1']), oldPupils: new Set(['o1']), newClasses: new Set(['k1']), oldClasses: new Set(['c1']) };

describe('checkDecision', () => {
  it('accepts decisions on known records', () => {
    expect(checkDecision({ kind: 'link', oldId: 'o1', newId: 'n1' }, ids)).toEqual([]);
    expect(checkDecision({ kind: 'map-class', oldClassId: 'c1', newClassId: null }, ids)).toEqual([]);
    expect(checkDecision({ kind: 'choose-apps', target: 'personal', appIds: ['messages'] }, ids)).toEqual([]);
  });

  it('names every unknown record or app', () => {
    expect(checkDecision({ kind: 'accept', oldId: 'x', newId: 'y' }, ids).map((p) => p.path)).toEqual(['oldId', 'newId']);
    expect(checkDecision({ kind: 'accept-auto', pairs: [{ oldId: 'o1', newId: 'zz' }] }, ids).map((p) => p.path)).toEqual(['pairs.0.newId']);
    expect(checkDecision({ kind: 'choose-apps', target: 'school-space', appIds: ['messages'] }, ids)[0]?.message).toBe('application inconnue : messages');
  });

  it('checks a class-apps choice: a known old class, space apps only', () => {
    expect(checkDecision({ kind: 'class-apps', oldClassId: 'c1', appIds: ['blog', 'liaison'] }, ids)).toEqual([]);
    expect(checkDecision({ kind: 'class-apps', oldClassId: 'c1', appIds: [] }, ids)).toEqual([]);
    expect(checkDecision({ kind: 'class-apps', oldClassId: 'k1', appIds: ['blog', 'messages'] }, ids)).toEqual([
      { path: 'oldClassId', message: "classe inconnue dans la liste de l'an dernier" },
      { path: 'appIds.1', message: 'application inconnue : messages' },
    ]);
  });
});
