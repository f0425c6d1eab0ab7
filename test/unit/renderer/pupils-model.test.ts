import { describe, expect, it } from 'vitest';
import { applyDecision, type Workspace } from '../../../src-renderer/store/links';
import { buildIndex, buildModel, pendingReview } from '../../../src-renderer/screens/pupils/model';
import { sameName } from '../../../src-renderer/screens/Review';

const pupil = (id: string, nom: string, prenom: string, classId: string | null) => ({ id, nom, prenom, dateNaissance: null, sexe: null, niveau: null, classId, classLabel: classId ?? '' });

function workspace(): Workspace {
  return {
    uai: '0131234X',
    newRoster: {
      uai: '0131234X', name: 'École', year: 'new', version: 'n1', teachers: [], parents: [],
      classes: [{ id: 'c1', label: 'CE1', levels: ['CE1'], teacherIds: [] }],
      pupils: [pupil('n1', 'Zola', 'Émile', 'c1'), pupil('n2', 'Ábel', 'Léa', 'c1'), pupil('n3', 'Martin', 'Tom', 'c1'), pupil('n4', 'Sans', 'Classe', null)],
    },
    oldRoster: {
      uai: '0131234X', name: 'École', year: 'old', version: 'o1', schoolSpace: null, teachers: [],
      classes: [{ id: 'k1', label: 'CP', levels: ['CP'], teacherIds: [], spaceId: 's1', apps: {}, licences: 0 }],
      pupils: [{ ...pupil('o1', 'Zola', 'Emile', 'k1'), personalData: {} }, { ...pupil('o2', 'Abel', 'Lea', 'k1'), personalData: {} }, { ...pupil('o3', 'Martin', 'Thomas', 'k1'), personalData: {} }],
    },
    matching: {
      pairs: [
        { old: 'o1', new: 'n1', score: 20, status: 'auto', evidence: [] },
        { old: 'o3', new: 'n3', score: 9, status: 'review', evidence: [] },
      ],
      unmatchedOld: ['o2'], unmatchedNew: ['n2', 'n4'], classMappings: [],
    },
    links: [{ oldId: 'o1', newId: 'n1', origin: 'proposal', seq: 1 }],
    classMap: [], apps: [], classApps: [], optedOut: [], refused: [], flagged: [], canUndo: true, canRedo: false,
  };
}

describe('pupils screen model', () => {
  it('indexes classes in roster order (pupils sorted by name, accents ignored) and counts links and reviews', () => {
    const ws = workspace();
    const model = buildModel(buildIndex(ws), ws.links);
    expect(model.pupilsByClass.get('c1')?.map((p) => p.id)).toEqual(['n2', 'n3', 'n1']);
    expect(model.classes.map((c) => [c.id, c.pupils, c.linked, c.toReview])).toEqual([['c1', 3, 1, 1], ['__none__', 1, 0, 0]]);
    expect(model.totals).toEqual({ newPupils: 4, linked: 1, toReview: 1, withoutOld: 3 });
    expect(model.unassigned.map((u) => u.pupil.id)).toEqual(['o2', 'o3']);
    expect(pendingReview(model, 'n3')?.old).toBe('o3');
  });

  it('a review proposal stops being pending once its old account is associated elsewhere', () => {
    const ws = workspace();
    const linked = applyDecision(ws, { kind: 'link', oldId: 'o3', newId: 'n2' }, 2);
    const model = buildModel(buildIndex(linked), linked.links);
    expect(pendingReview(model, 'n3')).toBeNull();
    expect(model.totals.toReview).toBe(0);
  });
});

describe('local application of a journaled decision (shared rule book)', () => {
  it('keeps links one-to-one: a new link replaces any link of either account', () => {
    const ws = workspace();
    const moved = applyDecision(ws, { kind: 'link', oldId: 'o1', newId: 'n2' }, 5);
    expect(moved?.links).toEqual([{ oldId: 'o1', newId: 'n2', origin: 'manual', seq: 5 }]);
    const accepted = applyDecision(ws, { kind: 'accept', oldId: 'o2', newId: 'n1' }, 6);
    expect(accepted?.links).toEqual([{ oldId: 'o2', newId: 'n1', origin: 'proposal', seq: 6 }]);
    expect(applyDecision(ws, { kind: 'unlink', newId: 'n1' }, 7)?.links).toEqual([]);
  });

  it('updates class choices, opt-outs and accept-all with the journal\'s own rules', () => {
    const ws = workspace();
    expect(applyDecision(ws, { kind: 'map-class', oldClassId: 'k1', newClassId: null }, 2)?.classMap).toEqual([{ oldClassId: 'k1', newClassId: null }]);
    expect(applyDecision(ws, { kind: 'class-apps', oldClassId: 'k1', appIds: ['blog', 'blog'] }, 3)?.classApps).toEqual([{ oldClassId: 'k1', appIds: ['blog'] }]);
    const out = applyDecision(ws, { kind: 'opt-out', oldId: 'o1', optedOut: true }, 4);
    expect(out?.optedOut).toEqual(['o1']);
    expect(out && applyDecision(out, { kind: 'opt-out', oldId: 'o1', optedOut: false }, 5)?.optedOut).toEqual([]);
    expect(applyDecision(ws, { kind: 'accept-auto', pairs: [{ oldId: 'o3', newId: 'n3' }] }, 6).links).toEqual([
      { oldId: 'o1', newId: 'n1', origin: 'proposal', seq: 1 },
      { oldId: 'o3', newId: 'n3', origin: 'proposal', seq: 6 },
    ]);
  });
});

describe('typed confirmation', () => {
  it('accepts the school name whatever the case, accents and spaces, and nothing else', () => {
    expect(sameName('  ecole   elementaire jean-jaures ', 'École élémentaire Jean-Jaurès')).toBe(true);
    expect(sameName('École élémentaire', 'École élémentaire Jean-Jaurès')).toBe(false);
    expect(sameName('', '')).toBe(false);
  });
});
