/**
 * Trap families planted in generated schools on request (generator OPTIONS; all off by default, so the default
 * output — the demo académie, the e2e fixtures — never changes). Each family is a situation the files cannot
 * settle, or that an engine gets wrong when it reads names or class labels carelessly:
 *  (a) dateless-namesake: a child who left, whose old account has no birth date, and a newcomer with the same
 *      name (or one letter different) at the next level or at the same level;
 *  (b) swapped-namesake: a leaver "RICHARD Marius" and a newcomer "MARIUS Richard";
 *  (c) duplicate-old-name: two old accounts with the same name, one of a child who left;
 *  (d) undecomposed-letters: names with letters Unicode NFD does not decompose (ı ł ø đ þ ß æ…);
 *  (e) nickname-classes: classes named "Les Dauphins" or after their teacher, and no level column.
 * Ground truth stays exact: a trap leaver has no true pair, nor has the namesake newcomer.
 * Trap draws come from their own seeded stream, never from the school's.
 */
import type { SeededRandom } from './random';
import { nextLevel, type Level, type Sex } from './roster';
import { typo } from './generator-noise';

export const TRAP_FAMILIES = ['dateless-namesake', 'swapped-namesake', 'duplicate-old-name', 'undecomposed-letters', 'nickname-classes'] as const;
export type TrapFamily = (typeof TRAP_FAMILIES)[number];

export interface TrapOptions {
  /** (a) Chance, per old account, that a dateless leaver with a namesake newcomer is added next to it. */
  datelessNamesake?: number;
  /** (b) Chance, per old account, that a dateless leaver and a newcomer with surname and first name swapped are added. */
  swappedNamesake?: number;
  /** (c) Chance, per continuing pupil, that a dateless old account of another child with the same name (who left) is added. */
  duplicateOldName?: number;
  /** (d) Share of surnames, and of first names, replaced by names with letters NFD does not decompose. */
  undecomposedLetters?: number;
  /** (e) Share of classes with a label naming no level (default 0.15, as without traps). */
  nicknameClasses?: number;
  /** (e) False: the old file has no level column (every old `niveau` empty). */
  oldLevelColumn?: boolean;
  /** (e) False: the new file has no level column either. */
  newLevelColumn?: boolean;
}

/** A realistic rate (about one trap per school, as a real académie may hold) and a stress rate, per family. */
export const TRAP_RATES: Record<TrapFamily, { realistic: TrapOptions; stress: TrapOptions }> = {
  'dateless-namesake': { realistic: { datelessNamesake: 0.004 }, stress: { datelessNamesake: 0.04 } },
  'swapped-namesake': { realistic: { swappedNamesake: 0.003 }, stress: { swappedNamesake: 0.03 } },
  'duplicate-old-name': { realistic: { duplicateOldName: 0.004 }, stress: { duplicateOldName: 0.04 } },
  'undecomposed-letters': { realistic: { undecomposedLetters: 0.05 }, stress: { undecomposedLetters: 0.4 } },
  'nickname-classes': { realistic: { nicknameClasses: 0.5, oldLevelColumn: false }, stress: { nicknameClasses: 1, oldLevelColumn: false, newLevelColumn: false } },
};

/** A child as the generator knows it (official names as ONDE has them). */
export interface TrapChild {
  nom: string;
  prenom: string;
  sexe: Sex;
  birth: string;
  /** The old account was typed without a birth date. */
  dateless?: boolean;
  /** Spellings in the child's own alphabet, which a teacher may type instead of the official ones. */
  nativeNom?: string;
  nativePrenom?: string;
}

export interface TrapEnrolment {
  child: TrapChild;
  level: Level;
}

/** One planted trap: the children involved (turned into account ids once the rosters are typed). */
export interface PlantedTrap {
  family: TrapFamily;
  /** e.g. "same-name/next-level", "one-letter/same-level-older". */
  variant: string;
  oldChildren: TrapChild[];
  newChildren: TrapChild[];
}

/** A trap in a generated school, by account ids. */
export interface TrapInstance {
  family: TrapFamily;
  variant: string;
  oldIds: string[];
  newIds: string[];
}

export interface TrapContext {
  rng: SeededRandom;
  levels: readonly Level[];
  oldEnrolments: TrapEnrolment[];
  newEnrolments: TrapEnrolment[];
  /** Old enrolments of children who are in the new roster too. */
  continuing: TrapEnrolment[];
  /** A new child born in the normal year for `level` at the given rentrée. */
  makeChild: (level: Level, schoolYear: number) => TrapChild;
  oldYear: number;
}

/** Male first names that are French surnames too: "RICHARD Marius" and "MARIUS Richard" are both plausible. */
const SWAPPABLE = ['Martin', 'Thomas', 'Robert', 'Richard', 'Simon', 'Michel', 'David', 'Vincent', 'Laurent', 'Bernard', 'François', 'André', 'Marius', 'Antoine', 'Julien', 'Clément', 'Benoît', 'Baptiste', 'Gabriel', 'Raphaël', 'Samuel', 'Mathieu', 'Hugo', 'Noël', 'Rémy', 'Étienne', 'Grégoire', 'Denis', 'Arnaud', 'Gérard', 'Pascal', 'Olivier', 'Roger', 'Léon', 'Florent', 'Lucas', 'Paul', 'Louis', 'Jules', 'Victor'];

/** Surnames and first names met in French schools whose letters NFD does not (all) decompose. */
const UNDECOMPOSED_SURNAMES = [
  'Yıldız', 'Yıldırım', 'Kılıç', 'Aydın', 'Kırmızı', 'Yazıcı', 'Altıntaş', 'Doğan', 'Şahin', 'Çelik',
  'Łukasiewicz', 'Wałęsa', 'Michałowski', 'Głowacki', 'Małecki', 'Białas', 'Żółkiewski', 'Szczęsny',
  'Sørensen', 'Søndergaard', 'Ødegård', 'Bjørnstad', 'Næss', 'Kjær', 'Løvås', 'Ærø',
  'Đorđević', 'Đurić', 'Đokić', 'Kovačević', 'Đặng', 'Đỗ', 'Nguyễn', 'Trương', 'Lương',
  'Ștefănescu', 'Țurcanu', 'Mureșan', 'Szőke', 'Kőváry', 'Fűzfa', 'Győri',
  'Þórsson', 'Guðmundsdóttir', 'Sigurðsson', 'Groß', 'Weiß', 'Strauß', 'Œuvrard', 'Ħabib',
];
const UNDECOMPOSED_GIRLS = ['Aslı', 'Sıla', 'Işıl', 'Ayşe', 'Yağmur', 'Łucja', 'Małgorzata', 'Ewelina', 'Solveig', 'Åsa', 'Bjørg', 'Sigrún', 'Þóra', 'Đurđica', 'Thảo', 'Ngọc', 'Ștefania', 'Ildikó', 'Zsófia', 'Æsa'];
const UNDECOMPOSED_BOYS = ['Barış', 'Kıvanç', 'Yiğit', 'Çağan', 'Łukasz', 'Michał', 'Paweł', 'Rafał', 'Søren', 'Bjørn', 'Jørgen', 'Þór', 'Ægir', 'Davíð', 'Đorđe', 'Đuro', 'Đức', 'Tuấn', 'Ștefan', 'Ödön'];

/**
 * Another child with the same name is born on another day: the default generator may give two namesakes the
 * same birth date (left as it is: the default output must not change), which no file can tell from one child.
 * With traps on, a namesake born within a month of the model (or on the day-month swap) is moved six months.
 */
export function distinctBirth(birth: string, model: string): string {
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  const [my, mm, md] = model.split('-').map(Number) as [number, number, number];
  if (y !== my || (Math.abs(m - mm) > 1 && !(m === md && d === mm))) return birth;
  const month = ((m + 5) % 12) + 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

function isoMinusYears(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`;
}

/** The official name with one letter changed, added, removed or swapped ("MARTIN" → "MARTINS"). */
function oneLetterOff(name: string, rng: SeededRandom): string | null {
  for (let attempt = 0; attempt < 4; attempt++) {
    const changed = typo(name, rng);
    if (changed !== name && changed.replace(/[^\p{L}]/gu, '').length >= 2) return changed;
  }
  return null;
}

/** A newcomer carrying `name` at the next level or at the same level (sometimes a year older, as a repeater). */
function namesakeNewcomer(ctx: TrapContext, level: Level, name: { nom: string; prenom: string; sexe: Sex; nativeNom?: string; nativePrenom?: string }): { child: TrapChild; level: Level; where: string } {
  const up = nextLevel(level);
  const sameLevel = up === null || !ctx.levels.includes(up) || ctx.rng.chance(0.5);
  const target = sameLevel ? level : (up as Level);
  const base = ctx.makeChild(target, ctx.oldYear + 1);
  const older = sameLevel && ctx.rng.chance(0.35);
  const child: TrapChild = { ...base, ...name, birth: older ? isoMinusYears(base.birth, 1) : base.birth };
  return { child, level: target, where: sameLevel ? (older ? 'same-level-older' : 'same-level') : 'next-level' };
}

function plantDatelessNamesakes(ctx: TrapContext, rate: number, out: PlantedTrap[]): void {
  const models = ctx.oldEnrolments.slice();
  for (const model of models) {
    if (!ctx.rng.chance(rate)) continue;
    const leaver: TrapChild = { ...ctx.makeChild(model.level, ctx.oldYear), dateless: true };
    let name = { nom: leaver.nom, prenom: leaver.prenom, sexe: leaver.sexe };
    let kind = 'same-name';
    if (ctx.rng.chance(0.5)) {
      const inSurname = ctx.rng.chance(0.5);
      const changed = oneLetterOff(inSurname ? leaver.nom : leaver.prenom, ctx.rng);
      if (changed) {
        name = inSurname ? { ...name, nom: changed } : { ...name, prenom: changed };
        kind = 'one-letter';
      }
    }
    const arrival = namesakeNewcomer(ctx, model.level, name);
    ctx.oldEnrolments.push({ child: leaver, level: model.level });
    ctx.newEnrolments.push({ child: arrival.child, level: arrival.level });
    out.push({ family: 'dateless-namesake', variant: `${kind}/${arrival.where}`, oldChildren: [leaver], newChildren: [arrival.child] });
  }
}

function plantSwappedNamesakes(ctx: TrapContext, rate: number, out: PlantedTrap[]): void {
  const models = ctx.oldEnrolments.slice();
  for (const model of models) {
    if (!ctx.rng.chance(rate)) continue;
    const surname = ctx.rng.pick(SWAPPABLE);
    let first = ctx.rng.pick(SWAPPABLE);
    while (first === surname) first = ctx.rng.pick(SWAPPABLE);
    const leaver: TrapChild = { ...ctx.makeChild(model.level, ctx.oldYear), nom: surname.toUpperCase(), prenom: first, sexe: 'M', dateless: true };
    const arrival = namesakeNewcomer(ctx, model.level, { nom: first.toUpperCase(), prenom: surname, sexe: 'M' });
    ctx.oldEnrolments.push({ child: leaver, level: model.level });
    ctx.newEnrolments.push({ child: arrival.child, level: arrival.level });
    out.push({ family: 'swapped-namesake', variant: arrival.where, oldChildren: [leaver], newChildren: [arrival.child] });
  }
}

function plantDuplicateOldNames(ctx: TrapContext, rate: number, out: PlantedTrap[]): void {
  for (const kept of ctx.continuing.slice()) {
    if (!ctx.rng.chance(rate)) continue;
    // Same level most of the time (the closest look-alike), otherwise any level of the school.
    const level = ctx.rng.chance(0.7) ? kept.level : ctx.rng.pick(ctx.levels);
    const leaver: TrapChild = { ...ctx.makeChild(level, ctx.oldYear), nom: kept.child.nom, prenom: kept.child.prenom, sexe: kept.child.sexe, dateless: true };
    if (kept.child.nativeNom) leaver.nativeNom = kept.child.nativeNom;
    if (kept.child.nativePrenom) leaver.nativePrenom = kept.child.nativePrenom;
    ctx.oldEnrolments.push({ child: leaver, level });
    out.push({ family: 'duplicate-old-name', variant: level === kept.level ? 'same-level' : 'other-level', oldChildren: [leaver, kept.child], newChildren: [] });
  }
}

/** Gives a share of surnames (every child carrying it) and of first names a spelling NFD does not decompose. */
function plantUndecomposedLetters(ctx: TrapContext, rate: number, out: PlantedTrap[]): void {
  const children: TrapChild[] = [];
  const seen = new Set<TrapChild>();
  for (const e of [...ctx.oldEnrolments, ...ctx.newEnrolments]) {
    if (!seen.has(e.child)) {
      seen.add(e.child);
      children.push(e.child);
    }
  }
  const surnameFor = new Map<string, string | null>();
  for (const child of children) {
    let native = surnameFor.get(child.nom);
    if (native === undefined) {
      native = ctx.rng.chance(rate) ? ctx.rng.pick(UNDECOMPOSED_SURNAMES) : null;
      surnameFor.set(child.nom, native);
    }
    let touched = false;
    if (native !== null) {
      child.nom = native.toUpperCase();
      child.nativeNom = native;
      touched = true;
    }
    if (ctx.rng.chance(rate)) {
      child.prenom = ctx.rng.pick(child.sexe === 'F' ? UNDECOMPOSED_GIRLS : UNDECOMPOSED_BOYS);
      child.nativePrenom = child.prenom;
      touched = true;
    }
    if (touched) out.push({ family: 'undecomposed-letters', variant: native !== null ? 'surname' : 'first-name', oldChildren: [child], newChildren: [child] });
  }
}

/** Plants the requested traps into the enrolments (mutated) and returns what was planted. */
export function plantTraps(options: TrapOptions, ctx: TrapContext): PlantedTrap[] {
  const planted: PlantedTrap[] = [];
  // Letters first, so the namesakes planted next may carry such names too.
  if (options.undecomposedLetters) plantUndecomposedLetters(ctx, options.undecomposedLetters, planted);
  if (options.datelessNamesake) plantDatelessNamesakes(ctx, options.datelessNamesake, planted);
  if (options.swappedNamesake) plantSwappedNamesakes(ctx, options.swappedNamesake, planted);
  if (options.duplicateOldName) plantDuplicateOldNames(ctx, options.duplicateOldName, planted);
  return planted;
}

/** Class labels that name no level: animals, colours, the teacher's name. */
export function nicknameLabel(rng: SeededRandom, teacher: { nom: string; prenom: string } | undefined): string {
  if (teacher && rng.chance(0.35)) return rng.chance(0.5) ? `Classe de ${teacher.prenom} ${teacher.nom}` : `La classe de ${teacher.prenom}`;
  return rng.pick(NICKNAME_LABELS);
}

const NICKNAME_LABELS = [
  'Les Nounours', 'Les Dauphins', 'Les Coccinelles', 'Les Explorateurs', 'Les Lucioles', 'Classe verte', 'Les Hiboux', 'Les Petits Loups',
  'Les Papillons', 'Les Écureuils', 'Les Tortues', 'Les Pirates', 'Classe bleue', 'Classe orange', 'Les Abeilles', 'Les Koalas',
  'Les Colibris', 'Les Castors', 'Les Renards', 'Les Baleines', 'Les Étoiles', 'Les Girafes', 'Les Manchots', 'Les Lutins',
];
