/**
 * Scores one (old, new) pair as a sum of evidence weights (log-odds-like points), with name weights scaled
 * by rarity in the school (a rare surname is stronger evidence than a common one).
 */
import type { Evidence } from '../../../src-shared/domain/matching';
import { compareName, describeNameMatch, refineNameMatch, type NameMatch } from './compare-names';
import { DATE_TEXT, dateEvidence, levelEvidence, levelText, scored, type Scored } from './evidence-date-level';
import { nameFeatures, type PupilFeatures } from './features';

/** How often a name occurs among the new roster of one school. */
export interface NameFrequencies {
  size: number;
  surnames: Map<string, number>;
  firstNames: Map<string, number>;
  /** Most common (birth year + level index) in the new roster: a pupil's normal age for their level. */
  normalYearPlusLevel: number | null;
}

export function nameFrequencies(newPupils: PupilFeatures[]): NameFrequencies {
  const surnames = new Map<string, number>();
  const firstNames = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const p of newPupils) {
    bump(surnames, p.nom.compact);
    if (p.nom.tokens.length > 1) for (const t of p.nom.tokens) bump(surnames, t);
    bump(firstNames, p.prenom.compact);
  }
  const ageKeys = new Map<number, number>();
  for (const p of newPupils) {
    if (p.date && p.level !== null) ageKeys.set(p.date.y + p.level, (ageKeys.get(p.date.y + p.level) ?? 0) + 1);
  }
  let normalYearPlusLevel: number | null = null;
  let best = 0;
  for (const [key, count] of ageKeys) {
    if (count > best) {
      best = count;
      normalYearPlusLevel = key;
    }
  }
  return { size: newPupils.length, surnames, firstNames, normalYearPlusLevel };
}

/** Weight of a full match on a name seen `count` times among `size` pupils: rare names weigh more. */
function rarityWeight(count: number, size: number): number {
  return 1.5 + 0.6 * Math.log2(Math.max(size, 60) / Math.max(count, 1));
}

export const NAME_MISMATCH = -3;
export const SWAP_PENALTY = -0.5;
export const SEX_MATCH = 0.3;
export const SEX_MISMATCH = -3;

export interface PairAssessment {
  score: number;
  swapped: boolean;
  nom: NameMatch;
  prenom: NameMatch;
  nomWeight: number;
  prenomWeight: number;
  date: Scored;
  level: Scored;
  sex: Scored;
}

function namePoints(match: NameMatch, count: number, size: number): number {
  return match.factor > 0 ? match.factor * rarityWeight(count, size) : NAME_MISMATCH;
}

const REPEAT_OLDER = scored('repeat-older', 1.5);
const SEX_SAME = scored('exact', SEX_MATCH);
const SEX_DIFFERENT = scored('different', SEX_MISMATCH);
const SEX_UNKNOWN = scored('missing', 0);

export function emptyAssessment(): PairAssessment {
  return { score: 0, swapped: false, nom: compareName(nameFeatures(''), nameFeatures(''), 'nom'), prenom: compareName(nameFeatures(''), nameFeatures(''), 'prenom'), nomWeight: 0, prenomWeight: 0, date: SEX_UNKNOWN, level: SEX_UNKNOWN, sex: SEX_UNKNOWN };
}

export function assessPair(o: PupilFeatures, n: PupilFeatures, freq: NameFrequencies): PairAssessment {
  const out = emptyAssessment();
  scorePair(o, n, freq, out);
  return out;
}

/** Scores the pair into `out` (reused by the caller: no allocation per pair) and returns the score. */
export function scorePair(o: PupilFeatures, n: PupilFeatures, freq: NameFrequencies, out: PairAssessment): number {
  const surnameCount = freq.surnames.get(n.nom.compact) ?? 1;
  const firstCount = freq.firstNames.get(n.prenom.compact) ?? 1;
  let nom = compareName(o.nom, n.nom, 'nom');
  let prenom = compareName(o.prenom, n.prenom, 'prenom');
  let swapped = false;
  // Swapped first and last name: only worth a look when an initial matches across the fields.
  if (nom.factor + prenom.factor < 1.5 && (o.prenom.compact[0] === n.nom.compact[0] || o.nom.compact[0] === n.prenom.compact[0])) {
    const crossedNom = compareName(o.prenom, n.nom, 'nom');
    const crossedPrenom = compareName(o.nom, n.prenom, 'prenom');
    if (crossedNom.factor + crossedPrenom.factor > nom.factor + prenom.factor + 0.2) {
      nom = crossedNom;
      prenom = crossedPrenom;
      swapped = true;
    }
  }
  let nomWeight = namePoints(nom, surnameCount, freq.size);
  if (nom.kind === 'double-name-part') nomWeight = nom.factor * rarityWeight(freq.surnames.get(o.nom.core) ?? freq.surnames.get(n.nom.core) ?? 1, freq.size);
  const prenomWeight = namePoints(prenom, firstCount, freq.size);
  const date = dateEvidence(o.date, n.date);
  let level = levelEvidence(o, n);
  // A repeater is a year older than the others of their level; a new child of the same name is not.
  if (level.kind === 'repeat' && n.date && n.level !== null && freq.normalYearPlusLevel !== null && n.date.y + n.level === freq.normalYearPlusLevel - 1) {
    level = REPEAT_OLDER;
  }
  const sex: Scored = o.record.sexe && n.record.sexe ? (o.record.sexe === n.record.sexe ? SEX_SAME : SEX_DIFFERENT) : SEX_UNKNOWN;
  const score = nomWeight + prenomWeight + date.weight + level.weight + sex.weight + (swapped ? SWAP_PENALTY : 0);
  out.score = score;
  out.swapped = swapped;
  out.nom = nom;
  out.prenom = prenom;
  out.nomWeight = nomWeight;
  out.prenomWeight = prenomWeight;
  out.date = date;
  out.level = level;
  out.sex = sex;
  return score;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Field-by-field evidence for the UI, in French. */
export function explainPair(o: PupilFeatures, n: PupilFeatures, a: PairAssessment): Evidence[] {
  const oldNom = a.swapped ? o.prenom : o.nom;
  const oldPrenom = a.swapped ? o.nom : o.prenom;
  const nom = refineNameMatch(a.nom, oldNom, n.nom);
  const prenom = refineNameMatch(a.prenom, oldPrenom, n.prenom);
  const evidence: Evidence[] = [
    { field: 'nom', kind: nom.kind, detail: describeNameMatch(nom, oldNom, n.nom, 'nom'), weight: round(a.nomWeight) },
    { field: 'prenom', kind: prenom.kind, detail: describeNameMatch(prenom, oldPrenom, n.prenom, 'prenom'), weight: round(a.prenomWeight) },
  ];
  if (a.swapped) evidence.push({ field: 'nom', kind: 'swapped', detail: "Nom et prénom inversés dans l'ancien compte", weight: SWAP_PENALTY });
  evidence.push({ field: 'dateNaissance', kind: a.date.kind, detail: DATE_TEXT[a.date.kind] ?? a.date.kind, weight: round(a.date.weight) });
  evidence.push({ field: 'niveau', kind: a.level.kind, detail: levelText(a.level.kind, o, n), weight: round(a.level.weight) });
  if (a.sex.kind !== 'missing') evidence.push({ field: 'sexe', kind: a.sex.kind, detail: a.sex.kind === 'exact' ? 'Même sexe' : 'Sexe différent', weight: a.sex.weight });
  return evidence;
}
