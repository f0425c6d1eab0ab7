import { describe, expect, it } from 'vitest';
import { levelsInLabel, matchRosters } from '../../../../src-main/core/matching';
import type { MatchResult } from '../../../../src-shared/domain/matching';
import { filler, roster, type PupilSpec } from './roster-builder';

function school(oldPupils: PupilSpec[], newPupils: PupilSpec[]) {
  const oldFill = [...filler('of-cp', 15, 'CP', 2019), ...filler('of-ce2', 15, 'CE2', 2017), ...filler('of-cm2', 15, 'CM2', 2015)];
  const newFill = [...filler('nf-ce1', 15, 'CE1', 2019), ...filler('nf-cm1', 15, 'CM1', 2017), ...filler('nf-cp', 15, 'CP', 2020)];
  return matchRosters(roster([...oldPupils, ...oldFill]), roster([...newPupils, ...newFill]));
}

const pairOf = (r: MatchResult, oldId: string) => r.pairs.find((p) => p.old === oldId);
const codes = (r: MatchResult, oldId: string) => pairOf(r, oldId)?.reasons ?? [];
/** The plain French of a pair's reasons (its evidence lines of kind `review:…`). */
const texts = (r: MatchResult, oldId: string) => pairOf(r, oldId)?.evidence.filter((e) => e.kind.startsWith('review:')).map((e) => e.detail) ?? [];

describe('review reasons: what the files cannot rule out', () => {
  it('(a) a dateless account and a same-name pupil one level up: the same child or a leaver and a newcomer', () => {
    const r = school([{ id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CE1', sexe: 'F' }], [{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE2', sexe: 'F' }]);
    expect(pairOf(r, 'o1')).toMatchObject({ new: 'n1', status: 'review' });
    expect(codes(r, 'o1')).toEqual(['dateless']);
  });

  it('(a) a letter of difference without a date', () => {
    const r = school([{ id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CE1' }], [{ id: 'n1', nom: 'QUÉMÉNEC', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE2' }]);
    expect(pairOf(r, 'o1')?.status).toBe('review');
    expect(codes(r, 'o1')).toEqual(['dateless', 'one-letter']);
    expect(texts(r, 'o1')).toEqual(["Sans date de naissance : vérifiez qu'il s'agit du même enfant", 'Une lettre diffère dans le nom']);
  });

  it('(b) swapped surname and first name: review without a date, auto when the date agrees', () => {
    const undated = school([{ id: 'o1', nom: 'RICHARD', prenom: 'Marius', date: null, niveau: 'CE1', sexe: 'M' }], [{ id: 'n1', nom: 'MARIUS', prenom: 'Richard', date: '2018-03-03', niveau: 'CE2', sexe: 'M' }]);
    expect(pairOf(undated, 'o1')?.status).toBe('review');
    expect(codes(undated, 'o1')).toEqual(['dateless', 'swapped']);
    expect(pairOf(undated, 'o1')!.evidence.map((e) => e.detail)).toContain('Nom et prénom inversés');
    const dated = school([{ id: 'o1', nom: 'RICHARD', prenom: 'Marius', date: '2018-03-03', niveau: 'CE1' }], [{ id: 'n1', nom: 'MARIUS', prenom: 'Richard', date: '2018-03-03', niveau: 'CE2' }]);
    expect(pairOf(dated, 'o1')?.status).toBe('auto');
  });

  it('(c) two old accounts with one name and one new pupil', () => {
    const r = school(
      [
        { id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CE1', classe: 'CE1 A' },
        { id: 'o2', nom: 'QUEMENER', prenom: 'capucine', date: null, niveau: 'CE1', classe: 'CE1 B' },
      ],
      [{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE2' }],
    );
    const pair = r.pairs.find((p) => p.new === 'n1')!;
    expect(pair.status).toBe('review');
    expect(pair.reasons).toContain('two-old-accounts');
    expect(pair.evidence).toContainEqual({ field: 'nom', kind: 'review:two-old-accounts', detail: 'Deux anciens comptes portent ce nom', weight: 0 });
  });

  it('a dated pair with a dateless namesake account is still auto: the date pins the child', () => {
    const r = school(
      [
        { id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE1' },
        { id: 'o2', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CE1' },
      ],
      [{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE2' }],
    );
    expect(pairOf(r, 'o1')).toMatchObject({ new: 'n1', status: 'auto' });
    expect(r.unmatchedOld).toContain('o2');
  });

  it('says when last year’s level leaves the school, or repeats', () => {
    const leaving = school([{ id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CM2' }], [{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2015-04-11', niveau: 'CM2' }]);
    expect(codes(leaving, 'o1')).toEqual(['dateless', 'leaving-level']);
    const repeat = school([{ id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CE1' }], [{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2019-04-11', niveau: 'CE1' }]);
    expect(codes(repeat, 'o1')).toEqual(['dateless', 'same-level']);
  });

  it('shows on a review pair where the old class’s surely identified pupils went (never making it auto)', () => {
    const classmates = (prefix: string, classe: string, year: number, niveau: 'CE1' | 'CE2'): PupilSpec[] =>
      filler(prefix, 6, niveau, year).map((p, i) => ({ ...p, nom: `${p.nom}-${['ABEL', 'BRUN', 'CARO', 'DUVAL', 'ETIEN', 'FAGES'][i]}`, classe }));
    const r = matchRosters(
      roster([{ id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: 'CE1', classe: 'Les Dauphins' }, ...classmates('oc', 'Les Dauphins', 2018, 'CE1')]),
      roster([{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE2', classe: 'Les Tortues' }, ...classmates('nc', 'Les Tortues', 2018, 'CE2')]),
    );
    const pair = pairOf(r, 'o1')!;
    expect(pair.status).toBe('review');
    expect(pair.evidence).toContainEqual({ field: 'classe', kind: 'classmates', detail: '6 des 6 camarades de « Les Dauphins » déjà retrouvés sont en « Les Tortues »', weight: 0 });
  });

  it('(d) matches names with letters NFD does not decompose', () => {
    const r = school(
      [
        { id: 'o1', nom: 'Yıldız', prenom: 'Aslı', date: '2018-02-14', niveau: 'CE1' },
        { id: 'o2', nom: 'Sørensen', prenom: 'Søren', date: '2018-06-01', niveau: 'CE1' },
        { id: 'o3', nom: 'Đorđević', prenom: 'Łukasz', date: '2018-09-09', niveau: 'CE1' },
      ],
      [
        { id: 'n1', nom: 'YILDIZ', prenom: 'Asli', date: '2018-02-14', niveau: 'CE2' },
        { id: 'n2', nom: 'SORENSEN', prenom: 'Soren', date: '2018-06-01', niveau: 'CE2' },
        { id: 'n3', nom: 'DORDEVIC', prenom: 'Lukasz', date: '2018-09-09', niveau: 'CE2' },
      ],
    );
    for (const [o, n] of [['o1', 'n1'], ['o2', 'n2'], ['o3', 'n3']] as const) {
      expect(pairOf(r, o)).toMatchObject({ new: n, status: 'auto' });
      expect(pairOf(r, o)!.evidence.filter((e) => e.field === 'nom' || e.field === 'prenom').every((e) => e.weight > 3)).toBe(true);
    }
  });
});

describe('levels the files leave out', () => {
  it('reads levels in long and glued class labels', () => {
    expect(levelsInLabel('Grande section')).toEqual(levelsInLabel('GS'));
    expect(levelsInLabel('Petite section - moyenne section')).toEqual(levelsInLabel('PS-MS'));
    expect(levelsInLabel('CM2B')).toEqual(levelsInLabel('CM2'));
    expect(levelsInLabel('CE 1')).toEqual(levelsInLabel('CE1'));
    expect(levelsInLabel('Cours élémentaire 2')).toEqual(levelsInLabel('CE2'));
    expect(levelsInLabel('Les Petits Loups')).toEqual([]);
    expect(levelsInLabel('Classe de Sophie Martin')).toEqual([]);
  });

  /** A nickname class of dated pupils born in `year` (no level column). */
  const nicknameClass = (prefix: string, classe: string, year: number): PupilSpec[] => filler(prefix, 8, 'CP', year).map((p) => ({ ...p, niveau: null, classe }));

  it('infers a nickname class’s level from its pupils’ birth years and the new roster’s levels', () => {
    const r = matchRosters(
      roster([...nicknameClass('od', 'Les Dauphins', 2018), { id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: '2018-04-11', niveau: null, classe: 'Les Dauphins' }]),
      roster([...filler('nd', 8, 'CE2', 2018), { id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2018-04-11', niveau: 'CE2' }]),
    );
    const level = pairOf(r, 'o1')!.evidence.find((e) => e.field === 'niveau')!;
    expect(level).toMatchObject({ kind: 'next-level', detail: 'Niveau attendu : CE1 (déduit des dates de naissance de la classe) puis CE2' });
    expect(pairOf(r, 'o1')!.status).toBe('auto');
  });

  it('with no level anywhere, compares birth cohorts instead, shown as birth years', () => {
    const r = matchRosters(
      roster([...nicknameClass('od', 'Les Dauphins', 2018), ...nicknameClass('oe', 'Les Tortues', 2019), { id: 'o1', nom: 'Quéméner', prenom: 'Capucine', date: null, niveau: null, classe: 'Les Dauphins' }]),
      roster([...nicknameClass('nd', 'Les Lutins', 2018), ...nicknameClass('ne', 'Les Koalas', 2020), { id: 'n1', nom: 'QUÉMÉNER', prenom: 'Capucine', date: '2018-04-11', niveau: null, classe: 'Les Lutins' }]),
    );
    const level = pairOf(r, 'o1')!.evidence.find((e) => e.field === 'niveau')!;
    expect(level).toMatchObject({ kind: 'next-level', detail: 'Niveau attendu : enfants nés en 2018 puis enfants nés en 2018' });
  });
});
