/**
 * Levels where the files do not say them: a pupil without `niveau` in a class whose label names no level ("Les
 * Dauphins", "Classe de Mme Martin") gets its class's level(s), read from
 *  1. the classmates' `niveau` where some have one;
 *  2. the classmates' birth years: in one school, birth year + level index is nearly constant (a child born in
 *     2018 is in CE1 at the 2025 rentrée), so the relation read from either roster (the new one knows its levels,
 *     the old one is a year earlier) turns a class's birth years into its level(s).
 * With no level anywhere in either file, the same relation is anchored on the youngest class: the levels are then
 * relative (consistent between the two years, which is all a comparison needs) and shown as birth years.
 * A level inferred from birth years supports a pair when it fits; when it does not, it is no evidence against the
 * pair (evidence-date-level.ts): the inference may be what is wrong.
 */
import { LEVELS } from '../../../src-shared/domain/roster';
import type { PupilFeatures } from './features';

const classKey = (p: PupilFeatures) => p.record.classId ?? `label:${p.record.classLabel}`;

function byClass(pupils: PupilFeatures[]): Map<string, PupilFeatures[]> {
  const classes = new Map<string, PupilFeatures[]>();
  for (const p of pupils) {
    if (p.record.classLabel.trim() === '' && p.record.classId === null) continue;
    const key = classKey(p);
    const list = classes.get(key);
    if (list) list.push(p);
    else classes.set(key, [p]);
  }
  return classes;
}

/** Pupils with neither niveau nor a level in the label get the levels their classmates have (three at most). */
function fromClassmatesLevels(classes: Map<string, PupilFeatures[]>): void {
  for (const pupils of classes.values()) {
    const known = new Set<number>();
    for (const p of pupils) if (p.level !== null && p.levelSource !== 'birth-years') known.add(p.level);
    if (known.size === 0 || known.size > 3) continue;
    const levels = [...known].sort((a, b) => a - b);
    for (const p of pupils) {
      if (p.level !== null || p.labelLevels.length > 0) continue;
      p.labelLevels = levels.slice();
      p.levelSource = 'classmates';
    }
  }
}

/** The most common birth year + level index among pupils whose level the files give, or null. */
function yearPlusLevel(pupils: PupilFeatures[]): number | null {
  const counts = new Map<number, number>();
  for (const p of pupils) {
    if (!p.date || p.level === null || p.levelSource === 'birth-years' || p.levelSource === 'classmates') continue;
    const key = p.date.y + p.level;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && key < best)) {
      best = key;
      bestCount = count;
    }
  }
  return bestCount >= 3 ? best : null;
}

/** A class's levels by its dated pupils' birth years: each level held by at least 2 pupils and a sixth of them (four at most). */
function classLevelsByBirthYear(pupils: PupilFeatures[], anchor: number): number[] {
  const counts = new Map<number, number>();
  let dated = 0;
  for (const p of pupils) {
    if (!p.date) continue;
    dated++;
    const level = anchor - p.date.y;
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const levels: number[] = [];
  for (const [level, count] of counts) if (count >= 2 && count >= dated / 6) levels.push(level);
  return levels.length <= 4 ? levels.sort((a, b) => a - b) : [];
}

function fromBirthYears(classes: Map<string, PupilFeatures[]>, anchor: number, describe: (level: number) => string): void {
  for (const pupils of classes.values()) {
    if (!pupils.some((p) => p.level === null && p.labelLevels.length === 0)) continue;
    const levels = classLevelsByBirthYear(pupils, anchor);
    if (levels.length === 0) continue;
    for (const p of pupils) {
      if (p.level !== null || p.labelLevels.length > 0) continue;
      // In a multi-level class, a dated pupil's own birth year says which of the class's levels is theirs.
      const own = p.date ? anchor - p.date.y : null;
      if (levels.length === 1 || (own !== null && levels.includes(own))) {
        p.level = levels.length === 1 ? (levels[0] as number) : (own as number);
        p.levelName = describe(p.level);
      } else {
        p.labelLevels = levels.slice();
      }
      p.levelSource = 'birth-years';
    }
  }
}

/** The youngest class's birth year (most common year of the class with the latest one), for relative levels. */
function youngestCohortYear(classes: Map<string, PupilFeatures[]>): number | null {
  let youngest: number | null = null;
  for (const pupils of classes.values()) {
    const counts = new Map<number, number>();
    for (const p of pupils) if (p.date) counts.set(p.date.y, (counts.get(p.date.y) ?? 0) + 1);
    let mode: number | null = null;
    let best = 1;
    for (const [year, count] of counts) if (count > best || (count === best && mode !== null && year > mode)) [mode, best] = [year, count];
    if (mode !== null && (youngest === null || mode > youngest)) youngest = mode;
  }
  return youngest;
}

/** Fills in the levels the files leave out, on both rosters (features mutated). */
export function inferLevels(olds: PupilFeatures[], news: PupilFeatures[]): void {
  const oldClasses = byClass(olds);
  const newClasses = byClass(news);
  fromClassmatesLevels(oldClasses);
  fromClassmatesLevels(newClasses);
  const needed = olds.some((p) => p.level === null && p.labelLevels.length === 0) || news.some((p) => p.level === null && p.labelLevels.length === 0);
  if (!needed) return;
  // The new roster is one year later: the same child has level + 1, so year + level grows by one.
  const fromNew = yearPlusLevel(news);
  const fromOld = yearPlusLevel(olds);
  let newAnchor = fromNew ?? (fromOld !== null ? fromOld + 1 : null);
  let absolute = true;
  if (newAnchor === null) {
    const youngest = youngestCohortYear(newClasses) ?? ((youngestCohortYear(oldClasses) ?? NaN) + 1);
    if (Number.isNaN(youngest)) return;
    newAnchor = youngest;
    absolute = false;
  }
  const oldAnchor = fromOld ?? newAnchor - 1;
  const describe = (anchor: number) => (level: number) => (absolute && LEVELS[level] ? `${LEVELS[level]} (déduit des dates de naissance de la classe)` : `enfants nés en ${anchor - level}`);
  fromBirthYears(oldClasses, oldAnchor, describe(oldAnchor));
  fromBirthYears(newClasses, newAnchor, describe(newAnchor));
}
