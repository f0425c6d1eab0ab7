import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src-main/core/csv/decode';
import { parseDelimited, detectDelimiter } from '../../../../src-main/core/csv/parse';
import { parseBirthDate, parseLevel, readRosterCsv } from '../../../../src-main/core/csv/roster-csv';
import { rosterCsv } from '../../../../src-main/core/csv/write';
import { AppError } from '../../../../src-shared/errors';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 / Latin-1 bytes (every character used here is below U+0100). */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

describe('decodeText', () => {
  it('reads UTF-8 with or without BOM, and Windows-1252', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Chloé')]))).toEqual({ text: 'Chloé', encoding: 'utf-8' });
    expect(decodeText(utf8('Maëlle'))).toEqual({ text: 'Maëlle', encoding: 'utf-8' });
    expect(decodeText(latin1('Maëlle Chloé'))).toEqual({ text: 'Maëlle Chloé', encoding: 'windows-1252' });
    expect(decodeText(Uint8Array.from([0x9c, 0x80])).text).toBe('œ€');
  });
});

describe('parseDelimited', () => {
  it('detects the delimiter and reads quoted fields', () => {
    expect(detectDelimiter('id;nom;prenom\n1;a;b')).toBe(';');
    expect(detectDelimiter('id,nom,prenom\n1,a,b')).toBe(',');
    const records = parseDelimited('id,nom,prenom\r\n1,"DA SILVA, dit ""Zé""","Jean\nBaptiste"\n\n2,B,C\n', ',', 'f');
    expect(records.map((r) => r.fields)).toEqual([['id', 'nom', 'prenom'], ['1', 'DA SILVA, dit "Zé"', 'Jean\nBaptiste'], ['2', 'B', 'C']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });
  it('refuses a quote never closed, naming the line', () => {
    expect(errorOf(() => parseDelimited('a;b\n1;"x\n', ';', '« f »')).message).toMatch(/ligne 2/);
  });
});

describe('parseBirthDate / parseLevel', () => {
  it('reads French and ISO dates, empty as missing, rejects impossible ones', () => {
    expect(parseBirthDate('05/09/2016')).toBe('2016-09-05');
    expect(parseBirthDate('5/9/2016')).toBe('2016-09-05');
    expect(parseBirthDate('2016-09-05')).toBe('2016-09-05');
    expect(parseBirthDate(' ')).toBeNull();
    expect(parseBirthDate('31/02/2015')).toBeUndefined();
    expect(parseBirthDate('2015/13/01')).toBeUndefined();
  });
  it('reads levels case-insensitively, multi-level as unknown', () => {
    expect(parseLevel('ce1')).toBe('CE1');
    expect(parseLevel('CM 2')).toBe('CM2');
    expect(parseLevel('Grande section')).toBe('GS');
    expect(parseLevel('CE2-CM1')).toBeNull();
    expect(parseLevel('')).toBeNull();
  });
});

describe('readRosterCsv', () => {
  it('finds columns by name whatever the case and accents', () => {
    const file = readRosterCsv(utf8('\ufeffIdentifiant;NOM;Prénom;Date de naissance;Niveau;Classe\no1;Durand;Chloé;09/05/2018;ce1;CE1 B\no2;Petit;Léo;;;Les Nounours\n'), 'anciens.csv');
    expect(file.multiSchool).toBe(false);
    const pupils = file.schools.get('')!.pupils;
    expect(pupils[0]).toMatchObject({ id: 'o1', nom: 'Durand', prenom: 'Chloé', dateNaissance: '2018-05-09', niveau: 'CE1', classLabel: 'CE1 B' });
    expect(pupils[1]).toMatchObject({ id: 'o2', dateNaissance: null, niveau: null, classLabel: 'Les Nounours' });
  });

  it('accepts the ONDE pupil export in Latin-1 without an id column (ids are line numbers)', () => {
    const onde = "Nom Elève;Nom d'usage Elève;Prénom Elève;Date naissance;Sexe;Cycle;Niveau;Classe\nMARTIN-DURAND;;Maëlle;03/02/2017;F;3;CM1;CM1 A\nDA SILVA;DA SILVA-ROCHA;Inès;11/12/2016;F;3;CM2;CM2\n";
    const file = readRosterCsv(latin1(onde), 'onde.csv');
    expect(file.encoding).toBe('windows-1252');
    const pupils = file.schools.get('')!.pupils;
    expect(pupils.map((p) => p.id)).toEqual(['2', '3']);
    expect(pupils[0]).toMatchObject({ nom: 'MARTIN-DURAND', prenom: 'Maëlle', dateNaissance: '2017-02-03', sexe: 'F', niveau: 'CM1' });
    expect(pupils[1]!.nom).toBe('DA SILVA-ROCHA');
  });

  it('splits a file with an ecole column by school', () => {
    const file = readRosterCsv(utf8('id,nom,prenom,date_naissance,niveau,classe,ecole\n1,A,B,,CP,CP,0131234X\n2,C,D,,CP,CP,0135678Y\n3,E,F,,CE1,CE1,0131234X\n'), 'f.csv');
    expect(file.multiSchool).toBe(true);
    expect([...file.schools.keys()]).toEqual(['0131234X', '0135678Y']);
    expect(file.schools.get('0131234X')!.pupils.map((p) => p.id)).toEqual(['1', '3']);
  });

  it('names the line and the column of a bad value, in French', () => {
    const bad = errorOf(() => readRosterCsv(utf8('id;nom;prenom;date_naissance\n1;A;B;01/01/2015\n2;C;D;31/02/2015\n'), 'anciens.csv'));
    expect(bad.code).toBe('validation');
    expect(bad.message).toContain('ligne 3');
    expect(bad.message).toContain('colonne « date_naissance »');
    expect(bad.message).toContain('« 31/02/2015 »');
    expect(errorOf(() => readRosterCsv(utf8('id;nom;prenom\n1;A;B\n2;C\n'), 'f')).message).toMatch(/ligne 3 : 2 colonne\(s\) au lieu de 3/);
    expect(errorOf(() => readRosterCsv(utf8('id;name;prenom\n1;A;B\n'), 'f')).message).toMatch(/colonne « nom » introuvable/);
    expect(errorOf(() => readRosterCsv(utf8('id;nom;prenom\n1;A;B\n1;C;D\n'), 'f')).message).toMatch(/ligne 3, colonne « id ».*en double/);
    expect(errorOf(() => readRosterCsv(utf8('id;nom;prenom\n1;;B\n'), 'f')).message).toMatch(/ligne 2, colonne « nom » : nom vide/);
    expect(errorOf(() => readRosterCsv(utf8(''), 'f')).message).toMatch(/vide/);
  });

  it('reads back what rosterCsv writes', () => {
    const pupils = [{ id: 'o1', nom: 'DE LA FONTAINE', prenom: 'Jean-Baptiste', dateNaissance: '2017-03-04', sexe: 'M' as const, niveau: 'CE2' as const, classId: 'c', classLabel: 'CE2; CM1' }];
    const text = rosterCsv([{ uai: '0131234X', pupils }], { withSchool: true, withSex: true, dateStyle: 'fr' });
    const back = readRosterCsv(utf8(text), 'f').schools.get('0131234X')!.pupils[0]!;
    expect(back).toMatchObject({ id: 'o1', nom: 'DE LA FONTAINE', prenom: 'Jean-Baptiste', dateNaissance: '2017-03-04', sexe: 'M', niveau: 'CE2', classLabel: 'CE2; CM1' });
  });
});
