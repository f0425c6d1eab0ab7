/**
 * Birth-date and level evidence. Dates: exact, day/month swapped, one day off, two digits transposed,
 * 01/01 placeholder, missing, different. Levels: expected next level, repeat, multi-level class label, and
 * levels inferred from birth years (levels.ts), which never count against a pair.
 */
import { LEVELS } from '../../../src-shared/domain/roster';
import type { BirthDate, PupilFeatures } from './features';

export interface Scored {
  kind: string;
  weight: number;
}

/** Shared, frozen results: scoring millions of pairs allocates nothing. */
const memo = new Map<string, Scored>();
export function scored(kind: string, weight: number): Scored {
  const key = `${kind}:${weight}`;
  let s = memo.get(key);
  if (!s) {
    s = Object.freeze({ kind, weight });
    memo.set(key, s);
  }
  return s;
}

export const DATE_WEIGHTS = {
  exact: 6,
  'day-month-swapped': 4,
  'one-day-off': 3.5,
  'transposed-digits': 3.5,
  placeholder: 0.5,
  missing: 0,
  'same-year-different': -4,
  different: -7,
} as const;


function oneAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      if (first === -1) first = i;
      else return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    }
  }
  return false;
}

export function dateEvidence(oldDate: BirthDate | null, newDate: BirthDate | null): Scored {
  if (!oldDate || !newDate) return R_MISSING;
  if (oldDate.iso === newDate.iso) return R_EXACT;
  if (oldDate.y === newDate.y && oldDate.d === newDate.m && oldDate.m === newDate.d) return R_DAY_MONTH_SWAPPED;
  if (Math.abs(oldDate.day - newDate.day) === 1) return R_ONE_DAY_OFF;
  if (oneAdjacentSwap(oldDate.digits, newDate.digits)) return R_TRANSPOSED_DIGITS;
  if (oldDate.d === 1 && oldDate.m === 1 && oldDate.y === newDate.y) return R_PLACEHOLDER;
  if (oldDate.y === newDate.y) return R_SAME_YEAR_DIFFERENT;
  return R_DIFFERENT;
}

export const DATE_TEXT: Record<string, string> = {
  exact: 'Date de naissance identique',
  'day-month-swapped': 'Date de naissance : jour et mois inversés',
  'one-day-off': "Date de naissance : un jour d'écart",
  'transposed-digits': 'Date de naissance : deux chiffres inversés',
  placeholder: "Date de naissance « 01/01 » de remplissage, même année",
  missing: "Date de naissance absente de l'ancien compte",
  'same-year-different': 'Date de naissance différente (même année)',
  different: 'Date de naissance différente',
};

export const LEVEL_WEIGHTS = {
  'next-level': 2,
  'next-level-class': 1.2,
  repeat: 0.3,
  'repeat-class': 0.2,
  missing: 0,
  inconsistent: -4,
} as const;

const R_MISSING = scored('missing', DATE_WEIGHTS.missing);
const R_EXACT = scored('exact', DATE_WEIGHTS.exact);
const R_DAY_MONTH_SWAPPED = scored('day-month-swapped', DATE_WEIGHTS['day-month-swapped']);
const R_ONE_DAY_OFF = scored('one-day-off', DATE_WEIGHTS['one-day-off']);
const R_TRANSPOSED_DIGITS = scored('transposed-digits', DATE_WEIGHTS['transposed-digits']);
const R_PLACEHOLDER = scored('placeholder', DATE_WEIGHTS.placeholder);
const R_SAME_YEAR_DIFFERENT = scored('same-year-different', DATE_WEIGHTS['same-year-different']);
const R_DIFFERENT = scored('different', DATE_WEIGHTS.different);
const R_NEXT_LEVEL = scored('next-level', LEVEL_WEIGHTS['next-level']);
const R_REPEAT = scored('repeat', LEVEL_WEIGHTS.repeat);
const R_INCONSISTENT = scored('inconsistent', LEVEL_WEIGHTS.inconsistent);
const R_REPEAT_CLASS = scored('repeat-class', LEVEL_WEIGHTS['repeat-class']);
const R_INFERRED_MISMATCH = scored('inferred-mismatch', 0);

/** Old level (niveau or class label) against the new level: moved up one, repeated, or impossible. */
export function levelEvidence(o: PupilFeatures, n: PupilFeatures): Scored {
  const found = readLevelEvidence(o, n);
  // A level we inferred from birth years that does not fit says more about the inference than about the pair.
  if (found === R_INCONSISTENT && (o.levelSource === 'birth-years' || n.levelSource === 'birth-years')) return R_INFERRED_MISMATCH;
  return found;
}

function readLevelEvidence(o: PupilFeatures, n: PupilFeatures): Scored {
  const newLevel = n.level;
  if (newLevel === null) return R_MISSING;
  if (o.level !== null) {
    if (newLevel === o.level + 1) return R_NEXT_LEVEL;
    if (newLevel === o.level) return R_REPEAT;
    return R_INCONSISTENT;
  }
  if (o.labelLevels.length > 0) {
    if (o.labelLevels.includes(newLevel - 1)) {
      // A one-level class says as much as a niveau; a two- or three-level class, less.
      const weight = o.labelLevels.length === 1 ? LEVEL_WEIGHTS['next-level'] : o.labelLevels.length === 2 ? LEVEL_WEIGHTS['next-level-class'] : LEVEL_WEIGHTS['next-level-class'] / 2;
      return scored('next-level-class', weight);
    }
    if (o.labelLevels.includes(newLevel)) return R_REPEAT_CLASS;
    return R_INCONSISTENT;
  }
  return R_MISSING;
}

// Texts stay in Latin-1 (no arrows): one-byte strings keep JSON output fast.
export function levelText(kind: string, o: PupilFeatures, n: PupilFeatures): string {
  const name = (p: PupilFeatures) => p.levelName ?? (p.level === null ? '?' : (LEVELS[p.level] ?? '?'));
  const from = o.level !== null ? name(o) : o.labelLevels.length > 0 ? `classe « ${o.record.classLabel} »` : 'inconnu';
  switch (kind) {
    case 'next-level':
    case 'next-level-class':
      return `Niveau attendu : ${from} puis ${name(n)}`;
    case 'repeat-older':
      return `Même niveau que l'an dernier (${name(n)}) et un an de plus que ses camarades : redoublement`;
    case 'repeat':
    case 'repeat-class':
      return `Même niveau que l'an dernier (${from}) : redoublement possible`;
    case 'inconsistent':
      return `Niveau incohérent : ${from} puis ${name(n)}`;
    case 'inferred-mismatch':
      return `Niveau déduit des dates de naissance, sans accord : ${from} puis ${name(n)}`;
    default:
      return 'Niveau inconnu';
  }
}
