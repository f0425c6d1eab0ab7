/**
 * How well an old (hand-typed) name matches a new (official) one, as a factor 0..1 and a kind the UI
 * can explain. Rules, not rows: case/accents/separators, particles, half of a double name, nickname and
 * spelling-variant table, phonetic key, typos (bounded Damerau), initials, short forms.
 */
import { isKnownFirstName, type NameFeatures } from './features';
import { foldCase } from '../../../src-shared/domain/text';
import { boundedDamerau } from './normalize';

export type NameRole = 'nom' | 'prenom';

export interface NameMatch {
  factor: number;
  kind: string;
}

// Results are shared constants: comparing millions of pairs allocates nothing.
const m = (factor: number, kind: string): NameMatch => Object.freeze({ factor, kind });
const NO_MATCH = m(0, 'different');
const M_EXACT_1 = m(1, 'exact');
const M_CASE_1 = m(1, 'case');
const M_ACCENTS_1 = m(1, 'accents');
const M_SEPARATORS_1 = m(1, 'separators');
const M_PARTICLE_0_9 = m(0.9, 'particle');
const M_NICKNAME_0_75 = m(0.75, 'nickname');
const M_VARIANT_0_8 = m(0.8, 'variant');
const M_TYPO_LONG = m(0.75, 'typo');
const M_TYPO_SHORT = m(0.62, 'typo');
const M_TYPO_0_5 = m(0.5, 'typo');
const M_TYPO2_0_45 = m(0.45, 'typo2');
const M_SURNAME_HALF = m(0.8, 'double-name-part');
const M_SURNAME_HALF_TYPO = m(0.6, 'double-name-part');
const M_FIRST_NAME_PART = m(0.55, 'double-name-part');
const M_SURNAME_HALF_OLD = m(0.75, 'double-name-part');
const M_FIRST_NAME_PART_OLD = m(0.5, 'double-name-part');
const M_PARTIAL_0_5 = m(0.5, 'partial');
const M_FEMININE = m(0.4, 'masculine-feminine');
const M_OTHER_FIRST_NAME = m(0, 'other-first-name');
const M_INITIALS_0_6 = m(0.6, 'initials');
const M_SHORT_FORM_0_5 = m(0.5, 'short-form');

// Plain loops, no closures: these run for millions of pairs.
function oneTypoFromAToken(text: string, tokens: string[]): boolean {
  for (const t of tokens) if (t.length >= 5 && boundedDamerau(text, t, 1) === 1) return true;
  return false;
}

function shareALongToken(a: string[], b: string[]): boolean {
  for (const t of a) if (t.length >= 3 && b.includes(t)) return true;
  return false;
}

function areInitials(letters: string, tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) if (tokens[i]![0] !== letters[i]) return false;
  return true;
}

/** "louise" of "louis", "gabrielle" of "gabriel", "jeanne" of "jean". */
function isFeminineOf(feminine: string, masculine: string): boolean {
  const extra = feminine.length - masculine.length;
  if (extra < 1 || extra > 2 || !feminine.startsWith(masculine) || !feminine.endsWith('e')) return false;
  return extra === 1 || feminine[feminine.length - 2] === masculine[masculine.length - 1];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Edit distance ≤ max, with a cheap letter-set test first (each edit changes at most two letters). */
function withinEdits(a: NameFeatures, b: NameFeatures, max: number): number {
  if (popcount(a.letters ^ b.letters) > 2 * max) return max + 1;
  return boundedDamerau(a.compact, b.compact, max);
}

const KIND_TEXT: Record<string, string> = {
  exact: 'identique',
  case: 'identique aux majuscules près',
  accents: 'identique aux accents près',
  separators: 'identique aux tirets, espaces ou apostrophes près',
  particle: 'identique à la particule près',
  nickname: 'diminutif ou variante connue',
  variant: 'même prononciation',
  typo: 'une faute de frappe',
  typo2: 'deux fautes de frappe',
  'double-name-part': "une partie d'un nom composé",
  partial: 'une partie en commun',
  initials: "initiales d'un prénom composé",
  'short-form': 'forme courte',
  'other-first-name': 'un autre prénom',
  'masculine-feminine': 'forme masculine ou féminine du même prénom (deux enfants différents ?)',
  different: 'différent',
};

const ROLE_LABEL: Record<NameRole, string> = { nom: 'Nom', prenom: 'Prénom' };

function quote(text: string): string {
  return `« ${text} »`;
}

function sharesGroup(a: number[], b: number[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** The kind of an exact match after folding: why the raw texts differ, if they do. */
function exactKind(oldRaw: string, newRaw: string): NameMatch {
  if (oldRaw === newRaw) return M_EXACT_1;
  const o = oldRaw.trim();
  const n = newRaw.trim();
  if (o.toLowerCase() === n.toLowerCase()) return M_CASE_1;
  if (foldCase(o) === foldCase(n)) return M_ACCENTS_1;
  return M_SEPARATORS_1;
}

export function compareName(o: NameFeatures, n: NameFeatures, role: NameRole): NameMatch {
  if (o.compact.length === 0 || n.compact.length === 0) return NO_MATCH;
  // Which kind of identical (case, accents, separators) only matters to explain: see describeNameMatch.
  if (o.compact === n.compact) return M_EXACT_1;
  if (o.core === n.core && o.core.length >= 3) return M_PARTICLE_0_9;
  if (sharesGroup(o.groups, n.groups)) {
    return M_NICKNAME_0_75;
  }
  // Louis/Louise, Gabriel/Gabrielle, Jean/Jeanne sound alike but are two names (twins, siblings).
  if (isFeminineOf(o.compact, n.compact) || isFeminineOf(n.compact, o.compact)) return M_FEMININE;
  if (o.phon === n.phon && o.phon.length >= 2) return M_VARIANT_0_8;
  // Two different real first names are two children, not a typo.
  if (role === 'prenom' && isKnownFirstName(o) && isKnownFirstName(n)) return M_OTHER_FIRST_NAME;
  const minLen = Math.min(o.compact.length, n.compact.length);
  if (minLen >= 4) {
    const d = withinEdits(o, n, 2);
    // A typo in a short name can make another name (Léa/Léo, Louis/Louise): weaker.
    if (d === 1) return minLen >= 6 ? M_TYPO_LONG : M_TYPO_SHORT;
    if (d === 2 && minLen >= 7) return M_TYPO2_0_45;
  } else if (minLen === 3 && Math.max(o.compact.length, n.compact.length) >= 4 && withinEdits(o, n, 1) === 1) {
    return M_TYPO_0_5;
  }
  // One half of a double name (MARTIN-DURAND → Martin; Jean-Baptiste → Jean).
  if (n.tokens.length >= 2 && o.tokens.length === 1 && o.core.length >= 3) {
    if (n.tokens.includes(o.core)) return role === 'nom' ? M_SURNAME_HALF : M_FIRST_NAME_PART;
    // ANDME for ANDRE-TEXIER: a typo in the half that was kept.
    if (role === 'nom' && o.core.length >= 5 && oneTypoFromAToken(o.core, n.tokens)) return M_SURNAME_HALF_TYPO;
  }
  if (o.tokens.length >= 2 && n.tokens.length === 1 && o.tokens.includes(n.core) && n.core.length >= 3) {
    return role === 'nom' ? M_SURNAME_HALF_OLD : M_FIRST_NAME_PART_OLD;
  }
  if (o.tokens.length >= 2 && n.tokens.length >= 2 && shareALongToken(o.tokens, n.tokens)) {
    return M_PARTIAL_0_5;
  }
  if (role === 'prenom') {
    // Initials of a compound first name (JB for Jean-Baptiste).
    if (n.tokens.length >= 2 && o.compact.length === n.tokens.length && areInitials(o.compact, n.tokens)) {
      return M_INITIALS_0_6;
    }
    // Short form not in the table (Max → Maxime, Nico → Nicolas).
    if (o.compact.length >= 3 && n.compact.length >= o.compact.length + 2 && n.compact.startsWith(o.compact)) {
      return M_SHORT_FORM_0_5;
    }
  }
  return NO_MATCH;
}

/** The precise kind of an identical match (exact, case, accents, separators), for the evidence. */
export function refineNameMatch(match: NameMatch, o: NameFeatures, n: NameFeatures): NameMatch {
  return match.factor === 1 && o.compact === n.compact ? exactKind(o.raw, n.raw) : match;
}

/** Short French explanation for the UI: "Prénom : diminutif ou variante connue (« Tom » / « Thomas »)". */
export function describeNameMatch(match: NameMatch, o: NameFeatures, n: NameFeatures, role: NameRole): string {
  if (match.factor === 1 && o.compact === n.compact) match = exactKind(o.raw, n.raw);
  if (match.kind === 'exact') return `${ROLE_LABEL[role]} identique`;
  return `${ROLE_LABEL[role]} : ${KIND_TEXT[match.kind] ?? match.kind} (${quote(o.raw.trim())} / ${quote(n.raw.trim())})`;
}
