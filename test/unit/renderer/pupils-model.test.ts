import { describe, expect, it } from 'vitest';
import { applyDecision, type Workspace } from '../../../src-renderer/store/links';
import { buildIndex, buildModel, reasonsOf, undecidedFor } from '../../../src-renderer/screens/pupils/model';
import { translate } from '../../../src-renderer/i18n';
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
  it('indexes classes in roster order (pupils sorted by name, accents ignored) and counts links and what is left to decide', () => {
    const ws = workspace();
    const model = buildModel(buildIndex(ws), ws);
    expect(model.pupilsByClass.get('c1')?.map((p) => p.id)).toEqual(['n2', 'n3', 'n1']);
    expect(model.classes.map((c) => [c.id, c.pupils, c.linked, c.undecided, c.undecidedAuto])).toEqual([['c1', 3, 1, 1, 0], ['__none__', 1, 0, 0, 0]]);
    expect(model.totals).toEqual({ newPupils: 4, linked: 1, undecided: 1, undecidedAuto: 0, withoutOld: 3 });
    expect(model.unassigned.map((u) => u.pupil.id)).toEqual(['o2', 'o3']);
    expect(undecidedFor(model, 'n3')?.old).toBe('o3');
    expect(model.undecidedByClass.get('c1')?.map((u) => [u.old.id, u.new.id])).toEqual([['o3', 'n3']]);
  });

  it('a proposal stops being undecided once its old account is associated elsewhere, or once refused', () => {
    const ws = workspace();
    const linked = applyDecision(ws, { kind: 'link', oldId: 'o3', newId: 'n2' }, 2);
    const model = buildModel(buildIndex(linked), linked);
    expect(undecidedFor(model, 'n3')).toBeNull();
    expect(model.totals.undecided).toBe(0);
    const refused = applyDecision(ws, { kind: 'refuse', oldId: 'o3', newId: 'n3' }, 2);
    expect(refused.refused).toEqual([{ oldId: 'o3', newId: 'n3' }]);
    expect(buildModel(buildIndex(refused), refused).totals.undecided).toBe(0);
  });

  it('a sure pair never accepted is undecided too; unlinking a pair counts it as refused, not undecided again', () => {
    const ws = workspace();
    const undone = { ...ws, links: [] };
    const model = buildModel(buildIndex(undone), undone);
    expect(model.totals).toMatchObject({ undecided: 2, undecidedAuto: 1 });
    expect(model.classes[0]).toMatchObject({ undecided: 2, undecidedAuto: 1 });
    const unlinked = applyDecision(ws, { kind: 'unlink', newId: 'n1' }, 2);
    expect(buildModel(buildIndex(unlinked), unlinked).totals).toMatchObject({ undecided: 1, undecidedAuto: 0 });
  });

  it('a class\'s "tout confirmer" and "tout refuser" settle its pairs in one decision each', () => {
    const ws = { ...workspace(), links: [] };
    const pairs = [{ oldId: 'o1', newId: 'n1' }, { oldId: 'o3', newId: 'n3' }];
    const accepted = applyDecision(ws, { kind: 'accept-pairs', pairs }, 3);
    expect(accepted.links.map((l) => [l.oldId, l.newId, l.seq])).toEqual([['o1', 'n1', 3], ['o3', 'n3', 3]]);
    expect(buildModel(buildIndex(accepted), accepted).totals.undecided).toBe(0);
    const refused = applyDecision(ws, { kind: 'refuse-pairs', pairs }, 3);
    expect(refused.links).toEqual([]);
    expect(buildModel(buildIndex(refused), refused).totals).toMatchObject({ undecided: 0, linked: 0, withoutOld: 4 });
  });

  it('reads a pair\'s reasons from its review evidence lines, in order', () => {
    const proposal = {
      old: 'o3', new: 'n3', score: 9, status: 'review' as const, reasons: ['dateless', 'one-letter'],
      evidence: [
        { field: 'nom' as const, kind: 'exact', detail: 'Nom identique', weight: 4 },
        { field: 'dateNaissance' as const, kind: 'review:dateless', detail: 'Sans date de naissance : vérifiez qu’il s’agit du même enfant', weight: 0 },
        { field: 'prenom' as const, kind: 'review:one-letter', detail: 'Une lettre diffère dans le nom', weight: 0 },
      ],
    };
    expect(reasonsOf(proposal)).toEqual(['Sans date de naissance : vérifiez qu’il s’agit du même enfant', 'Une lettre diffère dans le nom']);
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

describe('catalog plurals', () => {
  it('chooses the French singular for 0 and 1, the English one for 1 only', () => {
    expect(translate('fr', 'pupils.undecided.sure', { n: 12, sure: 3 })).toBe('Reste à décider : 12, dont 3 sûres');
    expect(translate('fr', 'pupils.undecided.sure', { n: 2, sure: 1 })).toBe('Reste à décider : 2, dont 1 sûre');
    expect(translate('fr', 'bulk.accept.title', { n: 1, classe: 'CE1 A' })).toBe('Confirmer 1 association dans la classe CE1 A');
    expect(translate('en', 'pupils.undecided.sure', { n: 2, sure: 1 })).toBe('Left to decide: 2, of which 1 is certain');
    expect(translate('en', 'bulk.refuse.title', { n: 0, classe: 'CP' })).toBe('Refuse 0 associations in class CP');
  });
});
