/**
 * Seeded generator of realistic schools with ground truth: last year's hand-typed accounts ("old"), this
 * year's ONDE accounts ("new") and which old account is which new one. Used by the matching tests and
 * benchmark and by the reference server's demo data. Deterministic by seed: no Math.random, no clock.
 */
import { COMMON_SURNAMES, BOY_FIRST_NAMES, GIRL_FIRST_NAMES, PARTICLE_SURNAMES, RARE_SURNAMES } from './names';
import { hashString, SeededRandom } from './random';
import { LEVELS, nextLevel, type ClassRecord, type Level, type PupilRecord, type Sex, type TeacherRecord, type YearRoster } from './roster';
import { isoOf, titleCase, typeBirthDate, typeFirstName, typeSurname } from './generator-noise';
import { distinctBirth, nicknameLabel, plantTraps, type PlantedTrap, type TrapChild, type TrapInstance, type TrapOptions } from './generator-traps';
import { slug, stripAccents } from './text';

export type SchoolShape = 'rural' | 'maternelle' | 'elementaire' | 'primaire';

export interface GenerateSchoolOptions {
  seed: number;
  uai: string;
  name?: string;
  shape: SchoolShape;
  /** Approximate size of the new roster. */
  pupils?: number;
  /** Share (0..1) of old accounts without a birth date. */
  missingBirthDateRate?: number;
  /** Trap families to plant (generator-traps.ts); none by default, and the default output never changes. */
  traps?: TrapOptions;
}

export interface GeneratedSchool {
  uai: string;
  name: string;
  shape: SchoolShape;
  old: YearRoster;
  new: YearRoster;
  truth: Array<{ oldId: string; newId: string }>;
  /** Present only when traps were asked for: what was planted, by account ids. */
  traps?: TrapInstance[];
}

/** The school year the "old" roster belongs to (rentrée year); the new roster is the next one. */
export const OLD_SCHOOL_YEAR = 2025;

const SHAPE_LEVELS: Record<SchoolShape, readonly Level[]> = {
  rural: ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'],
  maternelle: ['PS', 'MS', 'GS'],
  elementaire: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
  primaire: ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'],
};
const DEFAULT_PUPILS: Record<SchoolShape, number> = { rural: 70, maternelle: 130, elementaire: 260, primaire: 330 };
const UNLEVELLED_LABELS = ['Les Nounours', 'Les Dauphins', 'Les Coccinelles', 'Les Explorateurs', 'Les Lucioles', 'Classe verte', 'Les Hiboux', 'Les Petits Loups'];
const TEACHER_FIRST = ['Sophie', 'Nathalie', 'Isabelle', 'Céline', 'Julien', 'Stéphane', 'Claire', 'Aurélie', 'Hélène', 'Marc', 'Virginie', 'Delphine', 'Olivier', 'Sandrine', 'Émilie', 'Karine'];

type Child = TrapChild;

interface Enrolment {
  child: Child;
  level: Level;
}

export function generateSchool(opts: GenerateSchoolOptions): GeneratedSchool {
  const rng = new SeededRandom(opts.seed);
  const levels = SHAPE_LEVELS[opts.shape];
  const size = Math.max(levels.length * 4, opts.pupils ?? DEFAULT_PUPILS[opts.shape]);
  const perLevel = size / levels.length;
  const missingRate = opts.missingBirthDateRate ?? 0.3;
  const people = new ChildFactory(rng.fork(1));

  // Last year's pupils, level by level, with twins and exact homonyms.
  const oldEnrolments: Enrolment[] = [];
  for (const level of levels) {
    const count = Math.max(3, Math.round(perLevel * (0.85 + rng.next() * 0.3)));
    for (let i = 0; i < count; i++) {
      const child = people.child(level, OLD_SCHOOL_YEAR);
      oldEnrolments.push({ child, level });
      if (rng.chance(0.012)) oldEnrolments.push({ child: people.twinOf(child), level });
    }
  }
  for (let i = 0; i < Math.max(1, Math.round(size / 150)); i++) {
    const model = rng.pick(oldEnrolments).child;
    const level = rng.pick(levels);
    const homonym: Child = { ...people.child(level, OLD_SCHOOL_YEAR), nom: model.nom, prenom: model.prenom, sexe: model.sexe };
    if (opts.traps) homonym.birth = distinctBirth(homonym.birth, model.birth);
    oldEnrolments.push({ child: homonym, level });
  }

  // Where everyone goes: the top level leaves, some move away, some repeat, the rest move up one level.
  const topLevel = levels[levels.length - 1] as Level;
  const newEnrolments: Enrolment[] = [];
  const continuing = new Map<Child, Enrolment>();
  const leavers: Enrolment[] = [];
  for (const e of oldEnrolments) {
    const up = nextLevel(e.level);
    if (e.level === topLevel || up === null || rng.chance(0.04)) {
      leavers.push(e);
      continue;
    }
    const repeats = rng.chance(0.03) && e.level !== levels[0]; // the first level is all new
    const moved: Enrolment = { child: e.child, level: repeats ? e.level : up };
    newEnrolments.push(moved);
    continuing.set(e.child, moved);
  }
  // Arrivals: the whole first level, and a few at every other level.
  for (const level of levels) {
    const count = level === levels[0] ? Math.round(perLevel * (0.9 + rng.next() * 0.2)) : Math.round(perLevel * 0.06 * rng.next() * 2);
    for (let i = 0; i < count; i++) {
      const child = people.child(level, OLD_SCHOOL_YEAR + 1);
      newEnrolments.push({ child, level });
      if (rng.chance(0.012)) newEnrolments.push({ child: people.twinOf(child), level });
    }
  }
  // A child who left and a child who arrived with exactly the same name.
  const sameNameArrivals = (rng.chance(0.35) ? 1 : 0) + (size > 350 && rng.chance(0.2) ? 1 : 0);
  for (let i = 0; i < sameNameArrivals && leavers.length > 0; i++) {
    const leaver = rng.pick(leavers).child;
    const level = rng.pick(levels);
    const namesake: Child = { ...people.child(level, OLD_SCHOOL_YEAR + 1), nom: leaver.nom, prenom: leaver.prenom, sexe: leaver.sexe };
    if (opts.traps) namesake.birth = distinctBirth(namesake.birth, leaver.birth);
    newEnrolments.push({ child: namesake, level });
  }

  // Traps draw from their own stream (nothing is drawn from `rng` for them): without traps, not one byte changes.
  let planted: PlantedTrap[] | null = null;
  if (opts.traps) {
    const trapRng = new SeededRandom(hashString(`traps:${opts.seed}:${opts.uai}`));
    const trapPeople = new ChildFactory(trapRng.fork(1));
    const stillHere = oldEnrolments.filter((e) => continuing.has(e.child));
    planted = plantTraps(opts.traps, { rng: trapRng, levels, oldEnrolments, newEnrolments, continuing: stillHere, makeChild: (level, year) => trapPeople.child(level, year), oldYear: OLD_SCHOOL_YEAR });
  }
  const layout: YearLayout = { nicknameRate: opts.traps?.nicknameClasses ?? 0.15, nicknamesByTeacher: opts.traps?.nicknameClasses !== undefined };

  const uai = opts.uai;
  const oldYear = buildYear(oldEnrolments, levels, rng.fork(2), `o-${uai}`, null, layout);
  const newYear = buildYear(newEnrolments, levels, rng.fork(3), `n-${uai}`, oldYear.teachers, layout);
  const oldLevels = opts.traps?.oldLevelColumn !== false;
  const newLevels = opts.traps?.newLevelColumn !== false;
  if (!oldLevels) for (const c of oldYear.classes) c.levels = [];
  if (!newLevels) for (const c of newYear.classes) c.levels = [];

  const typing = rng.fork(4);
  const oldPupils: PupilRecord[] = [];
  const oldIdByChild = new Map<Child, string>();
  typing.shuffle(oldYear.placed).forEach((p, i) => {
    const id = `o-${uai}-${i + 1}`;
    oldIdByChild.set(p.child, id);
    const typed = typedPupil(id, p, missingRate, typing);
    if (!oldLevels) typed.niveau = null;
    oldPupils.push(typed);
  });
  const newPupils: PupilRecord[] = [];
  const newIdByChild = new Map<Child, string>();
  const truth: Array<{ oldId: string; newId: string }> = [];
  typing.shuffle(newYear.placed).forEach((p, i) => {
    const id = `n-${uai}-${i + 1}`;
    const nom = typing.chance(0.5) ? stripAccents(p.child.nom) : p.child.nom;
    newIdByChild.set(p.child, id);
    newPupils.push({ id, nom, prenom: p.child.prenom, dateNaissance: p.child.birth, sexe: p.child.sexe, niveau: newLevels ? p.level : null, classId: p.classRecord.id, classLabel: p.classRecord.label });
    const oldId = continuing.has(p.child) ? oldIdByChild.get(p.child) : undefined;
    if (oldId) truth.push({ oldId, newId: id });
  });

  const school: GeneratedSchool = {
    uai,
    name: opts.name ?? `École ${opts.shape} ${uai}`,
    shape: opts.shape,
    old: { classes: oldYear.classes, teachers: oldYear.teachers, pupils: oldPupils },
    new: { classes: newYear.classes, teachers: newYear.teachers, pupils: newPupils },
    truth,
  };
  if (planted) {
    const ids = (children: Child[], byChild: Map<Child, string>) => children.map((c) => byChild.get(c)).filter((id): id is string => id !== undefined);
    school.traps = planted.map((t) => ({ family: t.family, variant: t.variant, oldIds: ids(t.oldChildren, oldIdByChild), newIds: ids(t.newChildren, newIdByChild) }));
  }
  return school;
}

export function generateAcademie(opts: { seed: number; schools: number; missingBirthDateRate?: number; averagePupils?: number }): GeneratedSchool[] {
  const rng = new SeededRandom(opts.seed);
  const shapes: SchoolShape[] = ['rural', 'maternelle', 'elementaire', 'primaire'];
  const weights = [0.3, 0.2, 0.3, 0.2];
  const scale = (opts.averagePupils ?? 191) / 191; // 191 = mean of DEFAULT_PUPILS under these weights
  const used = new Set<string>();
  const schools: GeneratedSchool[] = [];
  for (let i = 0; i < opts.schools; i++) {
    const shape = rng.pickWeighted(shapes, weights);
    let uai: string;
    do uai = `013${String(rng.int(0, 9999)).padStart(4, '0')}${'ABCDEFGHJKLMNPRSTUVWXYZ'[rng.int(0, 22)]}`;
    while (used.has(uai));
    used.add(uai);
    const base = DEFAULT_PUPILS[shape];
    const pupils = Math.round(base * scale * (0.6 + rng.next() * 0.8));
    const school = generateSchool({ seed: rng.int(1, 0x7fffffff), uai, shape, pupils, missingBirthDateRate: opts.missingBirthDateRate ?? rng.pick([0.1, 0.3, 0.5, 0.8]) });
    schools.push(school);
  }
  return schools;
}

const SIMPLE_SURNAMES = COMMON_SURNAMES.concat(RARE_SURNAMES).filter((s) => !s.includes(' '));
const SIMPLE_RARE_SURNAMES = RARE_SURNAMES.filter((s) => !s.includes(' '));

class ChildFactory {
  constructor(private readonly rng: SeededRandom) {}

  child(level: Level, schoolYear: number): Child {
    const sexe: Sex = this.rng.chance(0.5) ? 'F' : 'M';
    return { nom: this.surname(), prenom: this.firstName(sexe), sexe, birth: this.birthDate(level, schoolYear) };
  }

  twinOf(child: Child): Child {
    const sexe: Sex = this.rng.chance(0.5) ? 'F' : 'M';
    let prenom = this.firstName(sexe);
    while (prenom === child.prenom) prenom = this.firstName(sexe);
    return { nom: child.nom, prenom, sexe, birth: child.birth };
  }

  private firstName(sexe: Sex): string {
    return this.rng.pick(sexe === 'F' ? GIRL_FIRST_NAMES : BOY_FIRST_NAMES);
  }

  private surname(): string {
    const r = this.rng.next();
    if (r < 0.35) return this.rng.pick(COMMON_SURNAMES);
    if (r < 0.43) return this.rng.pick(PARTICLE_SURNAMES);
    if (r < 0.49) {
      const first = this.rng.pick(SIMPLE_SURNAMES);
      let second = this.rng.pick(SIMPLE_RARE_SURNAMES);
      while (second === first) second = this.rng.pick(SIMPLE_RARE_SURNAMES);
      return `${first}-${second}`;
    }
    return this.rng.pick(RARE_SURNAMES);
  }

  /** Born in the calendar year that puts the child in `level` at the given rentrée (a few a year early or late). */
  private birthDate(level: Level, schoolYear: number): string {
    const year = schoolYear - 2 - LEVELS.indexOf(level);
    const month = this.rng.int(1, 12);
    const day = this.rng.int(1, month === 2 ? 28 : 30);
    return isoOf(year, month, day);
  }
}

interface Placed {
  child: Child;
  level: Level;
  classRecord: ClassRecord;
}

interface BuiltYear {
  classes: ClassRecord[];
  teachers: TeacherRecord[];
  placed: Placed[];
}

interface YearLayout {
  /** Share of classes whose label names no level. */
  nicknameRate: number;
  /** Labels from the longer list, some after the teacher ("Classe de Sophie Martin"); false keeps the original draws. */
  nicknamesByTeacher: boolean;
}

/** Cuts the pupils, in level order, into classes of ~24; a class spanning two levels is multi-level. */
function buildYear(enrolments: Enrolment[], levels: readonly Level[], rng: SeededRandom, idPrefix: string, lastYearTeachers: TeacherRecord[] | null, layout: YearLayout): BuiltYear {
  const ordered = levels.flatMap((level) => rng.shuffle(enrolments.filter((e) => e.level === level)));
  const classCount = Math.max(1, Math.round(ordered.length / (24 + rng.int(-2, 3))));
  const classSize = Math.ceil(ordered.length / classCount);
  const classes: ClassRecord[] = [];
  const placed: Placed[] = [];
  const teachers = assignTeachers(classCount, rng, idPrefix, lastYearTeachers);
  const labelsUsed = new Map<string, number>();
  for (let c = 0; c < classCount; c++) {
    const members = ordered.slice(c * classSize, (c + 1) * classSize);
    if (members.length === 0) continue;
    const classLevels = [...new Set(members.map((m) => m.level))];
    const teacher = teachers[c];
    const nickname = rng.chance(layout.nicknameRate);
    const base = nickname ? (layout.nicknamesByTeacher ? nicknameLabel(rng, teacher) : rng.pick(UNLEVELLED_LABELS)) : classLevels.join(rng.chance(0.7) ? '-' : '/');
    const seen = labelsUsed.get(base) ?? 0;
    labelsUsed.set(base, seen + 1);
    const label = seen === 0 ? base : `${base} ${'ABCDEFGH'[seen] ?? String(seen + 1)}`;
    const classRecord: ClassRecord = { id: `${idPrefix}-c${c + 1}`, label, levels: classLevels, teacherIds: teacher ? [teacher.id] : [] };
    classes.push(classRecord);
    for (const m of members) placed.push({ child: m.child, level: m.level, classRecord });
  }
  return { classes, teachers, placed };
}

/** Class c's teacher; next year, most teachers stay (same e-mail, new id), some change class, some leave. */
function assignTeachers(classCount: number, rng: SeededRandom, idPrefix: string, lastYear: TeacherRecord[] | null): TeacherRecord[] {
  const teachers: TeacherRecord[] = [];
  const staying = lastYear ? lastYear.filter(() => rng.chance(0.85)) : [];
  for (let c = 0; c < classCount; c++) {
    const previous = lastYear?.[c];
    let person: { nom: string; prenom: string } | undefined;
    if (previous && staying.includes(previous) && rng.chance(0.75)) person = previous;
    else if (staying.length > 0 && rng.chance(0.5)) person = staying.find((t) => !teachers.some((x) => x.email === t.email));
    if (!person || teachers.some((t) => t.email === emailOf(person!))) {
      person = { nom: titleCase(rng.pick(RARE_SURNAMES.concat(COMMON_SURNAMES))), prenom: rng.pick(TEACHER_FIRST) };
      if (teachers.some((t) => t.email === emailOf(person!))) person = { ...person, nom: `${person.nom}-${titleCase(rng.pick(RARE_SURNAMES))}` };
    }
    teachers.push({ id: `${idPrefix}-t${c + 1}`, nom: person.nom, prenom: person.prenom, email: emailOf(person) });
  }
  return teachers;
}

function emailOf(person: { nom: string; prenom: string }): string {
  return `${slug(person.prenom)}.${slug(person.nom)}@ac-aix-marseille.fr`;
}

function typedPupil(id: string, p: Placed, missingRate: number, rng: SeededRandom): PupilRecord {
  let nom = typeSurname(p.child.nom, rng);
  let prenom = typeFirstName(p.child.prenom, rng);
  // A name in another alphabet's letters is often typed as the family writes it ("Yıldız" for YILDIZ).
  if (p.child.nativeNom && rng.chance(0.5)) nom = p.child.nativeNom;
  if (p.child.nativePrenom && rng.chance(0.3)) prenom = p.child.nativePrenom;
  if (rng.chance(0.02)) [nom, prenom] = [prenom, nom];
  const labelHasLevel = p.classRecord.levels.some((l) => p.classRecord.label.includes(l));
  const typedDate = typeBirthDate(p.child.birth, missingRate, rng);
  return {
    id,
    nom,
    prenom,
    dateNaissance: p.child.dateless ? null : typedDate,
    sexe: rng.chance(0.5) ? p.child.sexe : null,
    niveau: rng.chance(labelHasLevel ? 0.2 : 0.1) ? null : p.level,
    classId: p.classRecord.id,
    classLabel: p.classRecord.label,
  };
}
