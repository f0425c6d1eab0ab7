/**
 * The pupils screen on small screens: the search across classes (this year's pupils of every class, accents and
 * case ignored, either name first) and the layout chosen for a window (1024 and 1366 px at 100 and 125 %).
 * The screen itself is measured in Chromium by test/e2e/small-screens.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex, searchNewPupils } from '../../../src-renderer/screens/pupils/model';
import { layoutFor, NEW_ROW_HEIGHT_NARROW, NEW_ROW_HEIGHT_WIDE } from '../../../src-renderer/screens/pupils/layout';
import type { Workspace } from '../../../src-renderer/store/links';

const pupil = (id: string, nom: string, prenom: string, classId: string | null, classLabel = classId ?? '') => ({ id, nom, prenom, dateNaissance: null, sexe: null, niveau: null, classId, classLabel });

function rosters(): Pick<Workspace, 'newRoster' | 'oldRoster' | 'matching'> {
  return {
    newRoster: {
      uai: '0131234X', name: 'École', year: 'new', version: 'n1', teachers: [], parents: [],
      classes: [{ id: 'c1', label: 'CE1 A', levels: ['CE1'], teacherIds: [] }, { id: 'c2', label: 'CM2 B', levels: ['CM2'], teacherIds: [] }],
      pupils: [
        pupil('n1', 'DE LA FONTAINE-SAINT-EXUPÉRY-MONTMORENCY', 'Marie-Bérénice', 'c2', 'CM2 B'),
        pupil('n2', 'Martin', 'Léa', 'c1', 'CE1 A'),
        pupil('n3', 'Abel', 'Lucas', 'c2', 'CM2 B'),
        pupil('n4', 'Martinez', 'Tom', null),
      ],
    },
    oldRoster: { uai: '0131234X', name: 'École', year: 'old', version: 'o1', schoolSpace: null, teachers: [], classes: [], pupils: [] },
    matching: { pairs: [], unmatchedOld: [], unmatchedNew: [], classMappings: [] },
  };
}

describe('search across classes', () => {
  const index = buildIndex(rosters());

  it('finds this year’s pupils in every class, sorted by name, accents and case ignored, either name first', () => {
    expect(searchNewPupils(index, 'martin').map((p) => p.id)).toEqual(['n2', 'n4']);
    expect(searchNewPupils(index, 'lea martin').map((p) => p.id)).toEqual(['n2']);
    expect(searchNewPupils(index, 'MARTIN LÉA').map((p) => p.id)).toEqual(['n2']);
    expect(searchNewPupils(index, 'exupery').map((p) => [p.id, p.classLabel])).toEqual([['n1', 'CM2 B']]);
    expect(searchNewPupils(index, '  bérénice ').map((p) => p.id)).toEqual(['n1']);
  });

  it('finds nothing for an empty query or a name nobody has', () => {
    expect(searchNewPupils(index, '')).toEqual([]);
    expect(searchNewPupils(index, '   ')).toEqual([]);
    expect(searchNewPupils(index, 'dupont')).toEqual([]);
  });
});

describe('layout for the window', () => {
  it('is narrow at 1024 px and at 1366 px with 125 % (1093 CSS px), wide at 1280 px and 1366 px', () => {
    expect(layoutFor(1024 / 1.25, 768 / 1.25).narrow).toBe(true);
    expect(layoutFor(1024, 768).narrow).toBe(true);
    expect(layoutFor(Math.round(1366 / 1.25), Math.round(768 / 1.25)).narrow).toBe(true);
    expect(layoutFor(1280, 1000).narrow).toBe(false);
    expect(layoutFor(1366, 768)).toMatchObject({ narrow: false, newRowHeight: NEW_ROW_HEIGHT_WIDE });
    expect(layoutFor(1024, 768).newRowHeight).toBe(NEW_ROW_HEIGHT_NARROW);
  });

  it('keeps the lists within the window (the sticky right column entirely in view), between 220 and 560 px', () => {
    expect(layoutFor(819, 614).listHeight).toBe(414);
    expect(layoutFor(1366, 768).listHeight).toBe(560);
    expect(layoutFor(1280, 1000).listHeight).toBe(560);
    expect(layoutFor(800, 300).listHeight).toBe(220);
  });
});
