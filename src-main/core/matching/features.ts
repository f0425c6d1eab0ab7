/**
 * Everything the comparison needs about one pupil, computed once (normalised names, phonetic keys,
 * nickname groups, parsed date, level(s)), so scoring a pair is only cheap comparisons.
 */
import { BOY_FIRST_NAMES, GIRL_FIRST_NAMES, NICKNAMES, SPELLING_VARIANTS } from '../../../src-shared/domain/names';
import { LEVELS, type Level, type PupilRecord } from '../../../src-shared/domain/roster';
import { compact, coreTokens, fold, phonetic } from './normalize';

export interface NameFeatures {
  raw: string;
  folded: string;
  compact: string;
  /** Compact form without particles ("delafontaine" → "fontaine"). */
  core: string;
  /** Folded tokens without particles. */
  tokens: string[];
  phon: string;
  /** Ids of the nickname / spelling-variant groups this name belongs to. */
  groups: number[];
  /** Phonetic key of each token. */
  tokenPhons: string[];
  /** Bit i set when letter i (a..z) occurs: a cheap lower bound for the edit distance. */
  letters: number;
}

export interface BirthDate {
  y: number;
  m: number;
  d: number;
  iso: string;
  /** Days since 1970-01-01. */
  day: number;
  /** DDMMYYYY, to see two transposed digits. */
  digits: string;
}

export interface PupilFeatures {
  record: PupilRecord;
  nom: NameFeatures;
  prenom: NameFeatures;
  date: BirthDate | null;
  /** Level index in LEVELS: the niveau, the single level read in the class label, or inferred (levels.ts). */
  level: number | null;
  /** Levels read in a multi-level class label ("CE2-CM1") when niveau is missing, or the classmates'. */
  labelLevels: number[];
  /** Where `level` / `labelLevels` come from. */
  levelSource: 'niveau' | 'label' | 'classmates' | 'birth-years' | null;
  /** How to show an inferred level ("CE1 (déduit des dates de naissance de la classe)", "enfants nés en 2018"). */
  levelName: string | null;
}

const NICKNAME_GROUPS = new Map<string, number[]>();
{
  let groupId = 0;
  const add = (name: string, id: number) => {
    const key = compact(fold(name));
    const ids = NICKNAME_GROUPS.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    NICKNAME_GROUPS.set(key, ids);
  };
  for (const [official, shortForms] of Object.entries(NICKNAMES)) {
    for (const name of [official, ...shortForms]) add(name, groupId);
    groupId++;
  }
  for (const group of SPELLING_VARIANTS) {
    for (const name of group) add(name, groupId);
    groupId++;
  }
}

const EMPTY: number[] = [];

/** First names known as real names: one of them is not a typo of another (Élise/Elisa, Léa/Léo). */
const KNOWN_FIRST_NAMES = new Set<string>();
for (const name of [...GIRL_FIRST_NAMES, ...BOY_FIRST_NAMES, ...Object.keys(NICKNAMES), ...SPELLING_VARIANTS.flat()]) KNOWN_FIRST_NAMES.add(compact(fold(name)));

export function isKnownFirstName(name: NameFeatures): boolean {
  return KNOWN_FIRST_NAMES.has(name.compact);
}

function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
}

const nameCache = new Map<string, NameFeatures>();

/** Features of a name; names repeat a lot (first names above all), so they are cached (immutable). */
export function nameFeatures(raw: string): NameFeatures {
  const cached = nameCache.get(raw);
  if (cached) return cached;
  const folded = fold(raw);
  const c = compact(folded);
  const tokens = coreTokens(folded);
  const features: NameFeatures = { raw, folded, compact: c, core: tokens.join(''), tokens, phon: phonetic(c), groups: NICKNAME_GROUPS.get(c) ?? EMPTY, tokenPhons: tokens.map(phonetic), letters: letterMask(c) };
  if (nameCache.size > 200_000) nameCache.clear();
  nameCache.set(raw, features);
  return features;
}

const dateCache = new Map<string, BirthDate | null>();

/** Parsed ISO date (cached: birth dates repeat a lot; BirthDate objects are never mutated). */
export function parseIsoDate(iso: string | null): BirthDate | null {
  if (!iso) return null;
  let parsed = dateCache.get(iso);
  if (parsed === undefined) {
    parsed = readIsoDate(iso);
    if (dateCache.size > 100_000) dateCache.clear();
    dateCache.set(iso, parsed);
  }
  return parsed;
}

function readIsoDate(iso: string): BirthDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  return { y, m: month, d, iso, day: Date.UTC(y, month - 1, d) / 86_400_000, digits: `${m[3]}${m[2]}${m[1]}` };
}

/** Short level names, glued to a class letter or not ("CE1", "CE 1", "CM2B"), and long ones ("Grande section"). */
const LEVEL_PATTERN = /\b(tps|ps|ms|gs|cp|ce ?[12]|cm ?[12])(?:[a-h])?\b|\b(toute petite|petite|moyenne|grande) section\b|\bcours (preparatoire|elementaire|moyen)(?: (1|2|premiere annee|deuxieme annee))?\b/g;
const LONG_LEVELS: Record<string, string> = { 'toute petite': 'TPS', petite: 'PS', moyenne: 'MS', grande: 'GS', preparatoire: 'CP', elementaire: 'CE', moyen: 'CM' };

/** Levels named in a class label: "CE2-CM1" → [CE2, CM1], "Les Nounours" → []. */
const labelCache = new Map<string, number[]>();

export function levelsInLabel(label: string): number[] {
  let levels = labelCache.get(label);
  if (!levels) {
    levels = readLevelsInLabel(label);
    if (labelCache.size > 50_000) labelCache.clear();
    labelCache.set(label, levels);
  }
  return levels.slice();
}

function readLevelsInLabel(label: string): number[] {
  const found = new Set<number>();
  for (const match of fold(label).matchAll(LEVEL_PATTERN)) {
    let name: string | undefined;
    if (match[1]) name = match[1].replace(' ', '').toUpperCase();
    else if (match[2]) name = LONG_LEVELS[match[2]];
    else if (match[3]) {
      const base = LONG_LEVELS[match[3]];
      const year = match[4] === '1' || match[4] === 'premiere annee' ? '1' : match[4] ? '2' : '';
      name = base === 'CP' ? 'CP' : year ? `${base}${year}` : undefined;
    }
    const index = name ? LEVELS.indexOf(name as Level) : -1;
    if (index >= 0) found.add(index);
  }
  return [...found].sort((a, b) => a - b);
}

export function pupilFeatures(record: PupilRecord): PupilFeatures {
  const labelLevels = levelsInLabel(record.classLabel);
  let level: number | null = record.niveau ? LEVELS.indexOf(record.niveau) : null;
  let levelSource: PupilFeatures['levelSource'] = level !== null ? 'niveau' : labelLevels.length > 0 ? 'label' : null;
  if (level === null && labelLevels.length === 1) level = labelLevels[0] ?? null;
  if (level !== null && levelSource === null) levelSource = 'label';
  return { record, nom: nameFeatures(record.nom), prenom: nameFeatures(record.prenom), date: parseIsoDate(record.dateNaissance), level, labelLevels, levelSource, levelName: null };
}
