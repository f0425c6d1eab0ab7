/**
 * A roster CSV file (old hand-typed accounts or new ONDE accounts) → one YearRoster per school.
 * Columns found by name, case- and accent-insensitive; the ONDE pupil export layout is accepted too.
 * Any malformed value is a French error naming the line and the column.
 */
import { AppError } from '../../../src-shared/errors';
import { foldCase } from '../../../src-shared/domain/text';
import { isLevel, type ClassRecord, type Level, type Sex, type YearRoster } from '../../../src-shared/domain/roster';
import { decodeText } from './decode';
import { detectDelimiter, parseDelimited } from './parse';

type ColumnRole = 'id' | 'nom' | 'nomUsage' | 'prenom' | 'dateNaissance' | 'niveau' | 'classe' | 'ecole' | 'sexe';

/** Header spellings (folded: lower case, no accents, letters and digits only) → role. */
const HEADER_ROLES: Record<string, ColumnRole> = {
  id: 'id', identifiant: 'id', ident: 'id',
  nom: 'nom', nomeleve: 'nom', nomdefamille: 'nom', nomfamille: 'nom',
  nomdusage: 'nomUsage', nomdusageeleve: 'nomUsage', nomusage: 'nomUsage', nomusageeleve: 'nomUsage',
  prenom: 'prenom', prenomeleve: 'prenom', prenom1: 'prenom',
  datenaissance: 'dateNaissance', datedenaissance: 'dateNaissance', naissance: 'dateNaissance', nele: 'dateNaissance',
  niveau: 'niveau', niv: 'niveau',
  classe: 'classe', libelleclasse: 'classe', classes: 'classe',
  ecole: 'ecole', uai: 'ecole', codeuai: 'ecole', rne: 'ecole', uaiecole: 'ecole',
  sexe: 'sexe', genre: 'sexe',
};

export function foldHeader(header: string): string {
  return foldCase(header).replace(/[^a-z0-9]/g, '');
}

export interface RosterFile {
  encoding: 'utf-8' | 'windows-1252';
  /** True when the file has a school (UAI) column. */
  multiSchool: boolean;
  /** School UAI ('' without a school column) → roster, in file order. */
  schools: Map<string, YearRoster>;
  rows: number;
}

const LONG_LEVELS: Record<string, Level> = {
  toutepetitesection: 'TPS', petitesection: 'PS', moyennesection: 'MS', grandesection: 'GS',
  courspreparatoire: 'CP', courselementaire1: 'CE1', courselementaire2: 'CE2', coursmoyen1: 'CM1', coursmoyen2: 'CM2',
  courselementairepremiereannee: 'CE1', courselementairedeuxiemeannee: 'CE2', coursmoyenpremiereannee: 'CM1', coursmoyendeuxiemeannee: 'CM2',
};

/** "ce1", "CE 1", "Cours moyen 2" → level; empty or several levels ("CE2-CM1") → null. */
export function parseLevel(value: string): Level | null {
  const folded = foldHeader(value);
  if (folded === '') return null;
  const upper = folded.toUpperCase();
  if (isLevel(upper)) return upper;
  return LONG_LEVELS[folded] ?? null;
}

function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2100) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "05/09/2016", "5-9-2016", "2016-09-05" → "2016-09-05"; empty → null; anything else → undefined. */
export function parseBirthDate(value: string): string | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (!isValidDay(y, m, d)) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseSex(value: string): Sex | null {
  const f = foldHeader(value);
  if (f === 'f' || f.startsWith('fem') || f === 'fille') return 'F';
  if (f === 'm' || f === 'g' || f.startsWith('masc') || f === 'garcon') return 'M';
  return null;
}

function cell(fields: string[], index: number): string {
  if (index < 0) return '';
  const value = fields[index];
  if (value === undefined) return '';
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first === 32 || last === 32 || first === 9 || last === 9 || last === 13 ? value.trim() : value;
}

function lineError(fileLabel: string, line: number, column: { name: string } | undefined, message: string): AppError {
  return new AppError('validation', `Fichier ${fileLabel}, ligne ${line}${column ? `, colonne « ${column.name} »` : ''} : ${message}`);
}

export function readRosterCsv(bytes: Uint8Array, fileLabel: string): RosterFile {
  const label = `« ${fileLabel} »`;
  const { text, encoding } = decodeText(bytes);
  const records = parseDelimited(text, detectDelimiter(text), label);
  const header = records[0];
  if (!header) throw new AppError('validation', `Fichier ${label} : le fichier est vide (une ligne d'en-tête est attendue).`);
  const columns = new Map<ColumnRole, { index: number; name: string }>();
  header.fields.forEach((name, index) => {
    const role = HEADER_ROLES[foldHeader(name)];
    if (role && !columns.has(role)) columns.set(role, { index, name: name.trim() });
  });
  for (const required of ['nom', 'prenom'] as const) {
    if (!columns.has(required) && !(required === 'nom' && columns.has('nomUsage'))) {
      throw new AppError('validation', `Fichier ${label}, ligne 1 : colonne « ${required} » introuvable dans l'en-tête (colonnes lues : ${header.fields.map((f) => `« ${f.trim()} »`).join(', ')}).`);
    }
  }
  const width = header.fields.length;
  const indexOf = {} as Record<ColumnRole, number>;
  for (const role of Object.values(HEADER_ROLES)) indexOf[role] = columns.get(role)?.index ?? -1;
  const schools = new Map<string, YearRoster>();
  const classesBySchool = new Map<string, Map<string, ClassRecord>>();
  const seenIds = new Set<string>();
  const levelCache = new Map<string, Level | null>();
  const sexCache = new Map<string, Sex | null>();

  const iNom = indexOf.nom;
  const iUsage = indexOf.nomUsage;
  const iPrenom = indexOf.prenom;
  const iDate = indexOf.dateNaissance;
  const iId = indexOf.id;
  const iSchool = indexOf.ecole;
  const iLevel = indexOf.niveau;
  const iClass = indexOf.classe;
  const iSex = indexOf.sexe;
  const dateCache = new Map<string, string | null | undefined>();
  let roster: YearRoster | undefined;
  let rosterUai = '\u0000';

  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    const fields = record.fields;
    if (fields.length !== width && !(fields.length > width && fields.slice(width).every((f) => f.trim() === ''))) {
      throw new AppError('validation', `Fichier ${label}, ligne ${record.line} : ${fields.length} colonne(s) au lieu de ${width} (vérifiez le séparateur et les guillemets).`);
    }
    const nom = cell(fields, iUsage) || cell(fields, iNom);
    const prenom = cell(fields, iPrenom);
    if (nom === '') throw lineError(label, record.line, columns.get(iNom >= 0 ? 'nom' : 'nomUsage'), 'nom vide.');
    if (prenom === '') throw lineError(label, record.line, columns.get('prenom'), 'prénom vide.');
    const rawDate = cell(fields, iDate);
    let dateNaissance = dateCache.get(rawDate);
    if (dateNaissance === undefined && !dateCache.has(rawDate)) {
      dateNaissance = parseBirthDate(rawDate);
      dateCache.set(rawDate, dateNaissance);
    }
    if (dateNaissance === undefined) throw lineError(label, record.line, columns.get('dateNaissance'), `date invalide « ${rawDate} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ).`);
    const id = iId >= 0 ? cell(fields, iId) : String(record.line);
    if (id === '') throw lineError(label, record.line, columns.get('id'), 'identifiant vide.');
    if (seenIds.has(id)) throw lineError(label, record.line, columns.get('id'), `identifiant « ${id} » en double.`);
    seenIds.add(id);
    const uai = cell(fields, iSchool);
    if (iSchool >= 0 && uai === '') throw lineError(label, record.line, columns.get('ecole'), 'école (UAI) vide.');
    const rawLevel = cell(fields, iLevel);
    let niveau = levelCache.get(rawLevel);
    if (niveau === undefined) {
      niveau = parseLevel(rawLevel);
      levelCache.set(rawLevel, niveau);
    }
    const classLabel = cell(fields, iClass);
    if (uai !== rosterUai || !roster) {
      roster = schools.get(uai);
      if (!roster) {
        roster = { classes: [], teachers: [], pupils: [] };
        schools.set(uai, roster);
      }
      rosterUai = uai;
    }
    let classId: string | null = null;
    if (classLabel !== '') {
      let classes = classesBySchool.get(uai);
      if (!classes) {
        classes = new Map<string, ClassRecord>();
        classesBySchool.set(uai, classes);
      }
      let classRecord = classes.get(classLabel);
      if (!classRecord) {
        classRecord = { id: uai ? `${uai}/${classLabel}` : classLabel, label: classLabel, levels: [], teacherIds: [] };
        classes.set(classLabel, classRecord);
        roster.classes.push(classRecord);
      }
      classId = classRecord.id;
      if (niveau && !classRecord.levels.includes(niveau)) classRecord.levels.push(niveau);
    }
    const rawSex = cell(fields, iSex);
    let sexe = sexCache.get(rawSex);
    if (sexe === undefined) {
      sexe = parseSex(rawSex);
      sexCache.set(rawSex, sexe);
    }
    roster.pupils.push({ id, nom, prenom, dateNaissance, sexe, niveau, classId, classLabel });
  }
  return { encoding, multiSchool: columns.has('ecole'), schools, rows: records.length - 1 };
}
