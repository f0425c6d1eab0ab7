import { describe, expect, it } from 'vitest';
import { matchRosters } from '../../../../src-main/core/matching';
import { generateSchool } from '../../../../src-shared/domain/generator';
import { matchResultSchema, type MatchResult } from '../../../../src-shared/domain/matching';
import { filler, roster, type PupilSpec } from './roster-builder';

/** An elementary school around the pupils under test: fillers in every level, both years. */
function school(oldPupils: PupilSpec[], newPupils: PupilSpec[]) {
  const oldFill = [...filler('of-cp', 15, 'CP', 2019), ...filler('of-ce2', 15, 'CE2', 2017), ...filler('of-cm2', 15, 'CM2', 2015)];
  const newFill = [...filler('nf-ce1', 15, 'CE1', 2019), ...filler('nf-cm1', 15, 'CM1', 2017), ...filler('nf-cp', 15, 'CP', 2020)];
  return matchRosters(roster([...oldPupils, ...oldFill]), roster([...newPupils, ...newFill]));
}

function pairOf(result: MatchResult, oldId: string) {
  return result.pairs.find((p) => p.old === oldId);
}

describe('matchRosters: each kind of difference', () => {
  const official: PupilSpec = { id: 'n1', nom: 'CHEVALIER', prenom: 'Chloé', date: '2018-05-09', niveau: 'CE2', sexe: 'F' };
  const cases: Array<[string, Partial<PupilSpec>, Partial<PupilSpec>?]> = [
    ['identical', { nom: 'CHEVALIER', prenom: 'Chloé' }],
    ['case and lost accent', { nom: 'chevalier', prenom: 'chloe' }],
    ['added accent', { nom: 'Chévalier', prenom: 'Chloé' }],
    ['a letter missing', { nom: 'Chevaler' }],
    ['a letter added', { nom: 'Chevalierr', prenom: 'Chloé' }],
    ['a letter changed', { nom: 'Chevalior' }],
    ['two letters swapped', { nom: 'Cehvalier' }],
    ['first and last name swapped', { nom: 'Chloé', prenom: 'Chevalier' }],
    ['day and month swapped', { date: '2018-09-05' }],
    ['one day off', { date: '2018-05-10' }],
    ['two digits transposed', { date: '2018-03-21' }, { date: '2018-03-12' }],
    ['level missing, level in the class label', { niveau: null, classe: 'CE1 B' }],
  ];
  it.each(cases)('%s → auto', (_label, oldChanges, newChanges) => {
    const oldPupil: PupilSpec = { id: 'o1', nom: 'CHEVALIER', prenom: 'Chloé', date: '2018-05-09', niveau: 'CE1', ...oldChanges };
    const r = school([oldPupil], [{ ...official, ...newChanges }]);
    const pair = pairOf(r, 'o1');
    expect(pair).toMatchObject({ new: 'n1', status: 'auto' });
    if (oldChanges.date !== undefined && oldChanges.date !== null) expect(pair!.evidence.find((e) => e.field === 'dateNaissance')?.kind).not.toBe('exact');
  });

  const renamed: Array<[string, string, string, string, string]> = [
    ['hyphen → space', 'Jean Baptiste', 'Jean-Baptiste', 'ROUSSEAU', 'Rousseau'],
    ['hyphen → nothing', 'Jeanbaptiste', 'Jean-Baptiste', 'ROUSSEAU', 'Rousseau'],
    ['glued particle', 'Inès', 'Inès', 'DA SILVA', 'Dasilva'],
    ['glued long particle', 'Inès', 'Inès', 'DE LA FONTAINE', 'Delafontaine'],
    ['apostrophe particle', 'Inès', 'Inès', "D'ALMEIDA", 'Dalmeida'],
    ['double surname cut to one half', 'Inès', 'Inès', 'MARTIN-DURAND', 'Martin'],
    ['nickname', 'Thomas', 'Tom', 'ROUSSEAU', 'Rousseau'],
    ['short form', 'Maxime', 'Max', 'ROUSSEAU', 'Rousseau'],
    ['initials', 'Jean-Baptiste', 'JB', 'ROUSSEAU', 'Rousseau'],
    ['spelling variant', 'Mathis', 'Mathys', 'ROUSSEAU', 'Rousseau'],
    ['spelling variant', 'Rayan', 'Rayane', 'ROUSSEAU', 'Rousseau'],
  ];
  it.each(renamed)('%s (%s / %s) → paired automatically when the date agrees', (_label, officialFirst, typedFirst, officialLast, typedLast) => {
    const r = school(
      [{ id: 'o1', nom: typedLast, prenom: typedFirst, date: '2017-11-23', niveau: 'CE2' }],
      [{ id: 'n1', nom: officialLast, prenom: officialFirst, date: '2017-11-23', niveau: 'CM1' }],
    );
    const pair = pairOf(r, 'o1');
    expect(pair).toMatchObject({ new: 'n1', status: 'auto' });
    expect(pair!.evidence.map((e) => e.field)).toEqual(expect.arrayContaining(['nom', 'prenom', 'dateNaissance', 'niveau']));
    for (const e of pair!.evidence) expect(e.detail.length).toBeGreaterThan(5);
  });

  it('without a birth date, proposes the pair for review and says why', () => {
    const r = school([{ id: 'o1', nom: 'CHEVALIER', prenom: 'Chloé', date: null, niveau: 'CE1' }], [official]);
    const pair = pairOf(r, 'o1');
    expect(pair).toMatchObject({ new: 'n1', status: 'review' });
    expect(pair!.reasons).toEqual(['dateless']);
    // The reason's French closes the evidence list, so every screen that lists the evidence shows it.
    expect(pair!.evidence.at(-1)).toEqual({ field: 'dateNaissance', kind: 'review:dateless', detail: "Sans date de naissance : vérifiez qu'il s'agit du même enfant", weight: 0 });
    expect(pair!.evidence.find((e) => e.field === 'dateNaissance')?.kind).toBe('missing');
  });

  it('proposes a placeholder 01/01 date only with the names and level to back it', () => {
    const r = school([{ id: 'o1', nom: 'Humbert', prenom: 'Zoé', date: '2018-01-01', niveau: 'CE1' }], [{ id: 'n1', nom: 'HUMBERT', prenom: 'Zoé', date: '2018-06-17', niveau: 'CE2' }]);
    const pair = pairOf(r, 'o1');
    expect(pair?.new).toBe('n1');
    expect(pair?.evidence.find((e) => e.field === 'dateNaissance')?.kind).toBe('placeholder');
    expect(pair?.status).toBe('review');
    expect(pair?.reasons).toEqual(['placeholder-date']);
  });
});

describe('matchRosters: traps', () => {
  it('keeps twins apart (same surname and birth date)', () => {
    const r = school(
      [
        { id: 'o-emma', nom: 'Bernard', prenom: 'Emma', date: '2018-04-02', niveau: 'CE1' },
        { id: 'o-hugo', nom: 'BERNARD', prenom: 'hugo', date: '2018-04-02', niveau: 'CE1' },
      ],
      [
        { id: 'n-hugo', nom: 'BERNARD', prenom: 'Hugo', date: '2018-04-02', niveau: 'CE2', sexe: 'M' },
        { id: 'n-emma', nom: 'BERNARD', prenom: 'Emma', date: '2018-04-02', niveau: 'CE2', sexe: 'F' },
      ],
    );
    expect(pairOf(r, 'o-emma')).toMatchObject({ new: 'n-emma', status: 'auto' });
    expect(pairOf(r, 'o-hugo')).toMatchObject({ new: 'n-hugo', status: 'auto' });
  });

  it('never auto-pairs a twin with the other twin when his own account is gone', () => {
    const r = school([{ id: 'o-gabriel', nom: 'Bernard', prenom: 'Gabriel', date: '2018-04-02', niveau: 'CE1' }], [{ id: 'n-gabrielle', nom: 'BERNARD', prenom: 'Gabrielle', date: '2018-04-02', niveau: 'CE2', sexe: 'F' }]);
    expect(pairOf(r, 'o-gabriel')?.status ?? 'none').not.toBe('auto');
  });

  it('does not choose between homonyms without a date, and does with one', () => {
    const newPupils: PupilSpec[] = [
      { id: 'n-lea1', nom: 'MARTIN', prenom: 'Léa', date: '2017-02-11', niveau: 'CE2' },
      { id: 'n-lea2', nom: 'MARTIN', prenom: 'Léa', date: '2017-10-30', niveau: 'CE2' },
    ];
    const undated = school([{ id: 'o-lea', nom: 'Martin', prenom: 'Lea', date: null, niveau: 'CE1' }], newPupils);
    expect(pairOf(undated, 'o-lea')?.status).toBe('review');
    const dated = school([{ id: 'o-lea', nom: 'Martin', prenom: 'Lea', date: '2017-10-30', niveau: 'CE1' }], newPupils);
    expect(pairOf(dated, 'o-lea')).toMatchObject({ new: 'n-lea2', status: 'auto' });
  });

  it('does not give a leaver account to a new child with the same name', () => {
    // A CM2 pupil left for collège; a CP pupil with the same name arrived.
    const dated = school([{ id: 'o-lucas', nom: 'PETIT', prenom: 'Lucas', date: '2015-03-08', niveau: 'CM2' }], [{ id: 'n-lucas', nom: 'PETIT', prenom: 'Lucas', date: '2020-07-14', niveau: 'CP' }]);
    expect(pairOf(dated, 'o-lucas')?.status ?? 'none').not.toBe('auto');
    const undated = school([{ id: 'o-lucas', nom: 'PETIT', prenom: 'Lucas', date: null, niveau: 'CM2' }], [{ id: 'n-lucas', nom: 'PETIT', prenom: 'Lucas', date: '2015-10-14', niveau: 'CM2' }]);
    expect(pairOf(undated, 'o-lucas')?.status ?? 'none').not.toBe('auto');
    const sameLevel = school([{ id: 'o-lucas', nom: 'PETIT', prenom: 'Lucas', date: null, niveau: 'CE1' }], [{ id: 'n-lucas', nom: 'PETIT', prenom: 'Lucas', date: '2019-05-02', niveau: 'CE1' }]);
    expect(pairOf(sameLevel, 'o-lucas')?.status ?? 'none').not.toBe('auto');
  });

  it('pairs a repeater automatically when the date confirms it, and proposes one the age points to', () => {
    const dated = school([{ id: 'o1', nom: 'Garnier', prenom: 'Noé', date: '2017-06-02', niveau: 'CE1' }], [{ id: 'n1', nom: 'GARNIER', prenom: 'Noé', date: '2017-06-02', niveau: 'CE1' }]);
    expect(pairOf(dated, 'o1')).toMatchObject({ new: 'n1', status: 'auto' });
    // Born 2017 in CE1 this year: a year older than the CE1 fillers (2019): a repeater — or a newcomer who repeated elsewhere.
    const undated = school([{ id: 'o1', nom: 'Garnier', prenom: 'Noé', date: null, niveau: 'CE1' }], [{ id: 'n1', nom: 'GARNIER', prenom: 'Noé', date: '2018-06-02', niveau: 'CE1' }]);
    expect(pairOf(undated, 'o1')).toMatchObject({ new: 'n1', status: 'review' });
    expect(pairOf(undated, 'o1')!.evidence.find((e) => e.field === 'niveau')?.kind).toBe('repeat-older');
    expect(pairOf(undated, 'o1')!.reasons).toEqual(['dateless', 'same-level']);
  });

  it('proposes names and level alone for review when the date is missing, and not a level that cannot be', () => {
    const r = school([{ id: 'o1', nom: 'Rousseau', prenom: 'Timothée', date: null, niveau: 'CE1' }], [{ id: 'n1', nom: 'ROUSSEAU', prenom: 'Timothée', date: '2018-02-02', niveau: 'CE2' }]);
    expect(pairOf(r, 'o1')).toMatchObject({ new: 'n1', status: 'review' });
    const skipped = school([{ id: 'o1', nom: 'Rousseau', prenom: 'Timothée', date: null, niveau: 'CP' }], [{ id: 'n1', nom: 'ROUSSEAU', prenom: 'Timothée', date: '2016-02-02', niveau: 'CM2' }]);
    expect(pairOf(skipped, 'o1')?.status ?? 'none').not.toBe('auto');
  });

  it('counts a common name as weaker evidence than a rare one', () => {
    const common = school(
      [{ id: 'o1', nom: 'Martin', prenom: 'Emma', date: null, niveau: 'CE1' }],
      [{ id: 'n1', nom: 'MARTIN', prenom: 'Emma', date: '2018-02-02', niveau: 'CE2' }, ...['Jade', 'Louise', 'Alice', 'Rose'].map((p, i) => ({ id: `nm${i}`, nom: 'MARTIN', prenom: p, date: '2016-01-02', niveau: 'CM2' as const }))],
    );
    const rare = school([{ id: 'o1', nom: 'Quéméner', prenom: 'Emma', date: null, niveau: 'CE1' }], [{ id: 'n1', nom: 'QUÉMÉNER', prenom: 'Emma', date: '2018-02-02', niveau: 'CE2' }]);
    const weight = (r: MatchResult) => pairOf(r, 'o1')!.evidence.find((e) => e.field === 'nom')!.weight;
    expect(weight(rare)).toBeGreaterThan(weight(common));
  });
});

describe('matchRosters: result shape', () => {
  const s = generateSchool({ seed: 77, uai: '0130077K', shape: 'primaire', pupils: 300 });
  const r = matchRosters(s.old, s.new);

  it('is one-to-one and accounts for every pupil exactly once', () => {
    expect(matchResultSchema.parse(r)).toEqual(r);
    const oldIds = [...r.pairs.map((p) => p.old), ...r.unmatchedOld].sort();
    const newIds = [...r.pairs.map((p) => p.new), ...r.unmatchedNew].sort();
    expect(oldIds).toEqual(s.old.pupils.map((p) => p.id).sort());
    expect(newIds).toEqual(s.new.pupils.map((p) => p.id).sort());
  });

  it('does not depend on the order of the rows', () => {
    const shuffled = matchRosters({ ...s.old, pupils: [...s.old.pupils].reverse() }, { ...s.new, pupils: [...s.new.pupils].reverse() });
    const key = (x: MatchResult) => x.pairs.map((p) => `${p.old}>${p.new}:${p.status}`).sort();
    expect(key(shuffled)).toEqual(key(r));
  });

  it('proposes class mappings from where pupils went and where teachers teach', () => {
    expect(r.classMappings.length).toBeGreaterThan(0);
    const oldClassIds = new Set(s.old.classes.map((c) => c.id));
    const newClassIds = new Set(s.new.classes.map((c) => c.id));
    for (const m of r.classMappings) expect(oldClassIds.has(m.oldClassId) && newClassIds.has(m.newClassId)).toBe(true);
    expect(r.classMappings.some((m) => m.sameTeacher)).toBe(true);
    expect(r.classMappings.some((m) => m.pupils > 5)).toBe(true);
  });
});
