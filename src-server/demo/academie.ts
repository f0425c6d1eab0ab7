/**
 * The demo académie, built in memory from the shared generator (rosters and ground truth) plus what only the ENT
 * has: directors, referent, parents, logins and passwords, app data per space, licences. Deterministic by seed.
 */
import type { Insertable } from 'kysely';
import { generateSchool, type GeneratedSchool, type SchoolShape } from '../../src-shared/domain/generator';
import { SeededRandom } from '../../src-shared/domain/random';
import type { PupilRecord, YearRoster } from '../../src-shared/domain/roster';
import type { DB, Year } from '../db/schema';
import { loginBase, slug, uniqueLogin } from './logins';
import { addMovingTeacher } from './moving-teacher';

export interface DemoAccount {
  role: 'director' | 'referent' | 'teacher' | 'pupil' | 'parent';
  year: Year;
  login: string;
  password: string;
  email?: string;
  school: string;
  name?: string;
}

export interface SeedRows {
  schools: Array<Insertable<DB['schools']>>;
  accounts: Array<Insertable<DB['accounts']>>;
  roles: Array<Insertable<DB['roles']>>;
  classes: Array<Insertable<DB['classes']>>;
  parentLinks: Array<Insertable<DB['parent_links']>>;
  spaces: Array<Insertable<DB['spaces']>>;
  items: Array<Insertable<DB['items']>>;
  licences: Array<Insertable<DB['licences']>>;
  /** accountId → clear password (demo accounts only; hashed before insert). */
  passwords: Map<string, string>;
  demo: DemoAccount[];
}

const DEMO_SCHOOLS: Array<{ uai: string; name: string; shape: SchoolShape; pupils: number }> = [
  { uai: '0131234X', name: 'École primaire de Saint-Julien-les-Oliviers', shape: 'rural', pupils: 50 },
  { uai: '0134567K', name: 'École élémentaire Jean-Jaurès', shape: 'elementaire', pupils: 170 },
  { uai: '0137890B', name: 'Groupe scolaire Frédéric-Mistral', shape: 'primaire', pupils: 300 },
];
const ADULT_F = ['Nadia', 'Sylvie', 'Caroline', 'Laetitia', 'Fatima', 'Hélène', 'Marie-Christine', 'Amélie', 'Stéphanie', 'Anne-Laure', 'Khadija', 'Élodie'];
const ADULT_M = ['Karim', 'Frédéric', 'Jean-Marc', 'Sébastien', 'Mehdi', 'Laurent', 'Grégory', 'Jérôme', 'Pierre-Yves', 'Cédric', 'Franck', 'Rachid'];
const PRODUCTS = ['Lalilo', 'Mathador', 'Lumni Classe', 'BDnF', 'Calcul@TICE'];
export const LAST_SCHOOL_YEAR_END = Date.UTC(2026, 6, 4);

export function emptyRows(): SeedRows {
  return { schools: [], accounts: [], roles: [], classes: [], parentLinks: [], spaces: [], items: [], licences: [], passwords: new Map(), demo: [] };
}

function password(rng: SeededRandom): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

export type ItemPlan = Record<string, [number, number]>;
const SCHOOL_APPS: ItemPlan = { blog: [10, 30], media: [20, 60], calendar: [10, 20], liaison: [3, 8] };
export const CLASS_APPS: ItemPlan = { blog: [5, 20], media: [10, 40], calendar: [3, 10], homework: [20, 40], liaison: [5, 15] };
const PUPIL_APPS: ItemPlan = { messages: [0, 8], media: [0, 3], profile: [1, 1] };
export const ADULT_APPS: ItemPlan = { messages: [10, 40], media: [0, 8], profile: [1, 1] };

export function addItems(rows: SeedRows, rng: SeededRandom, spaceId: string, plan: ItemPlan, years: number, perYear = true): void {
  for (const [app, [min, max]] of Object.entries(plan)) {
    const count = app === 'profile' ? 1 : perYear ? Array.from({ length: years }, () => rng.int(min, max)).reduce((a, b) => a + b, 0) : rng.int(min, max);
    for (let i = 0; i < count; i++) {
      const at = new Date(LAST_SCHOOL_YEAR_END - rng.int(0, years * 300) * 86_400_000).toISOString();
      rows.items.push({ id: `${spaceId}:${app}:${i + 1}`, space_id: spaceId, app, title: `${app} ${i + 1}`, created_at: at });
    }
  }
}

export function addSpace(rows: SeedRows, year: Year, uai: string, kind: 'school' | 'class' | 'personal', ref: string): string {
  const id = kind === 'school' ? `sp-${year}-${uai}` : `sp-${ref}`;
  rows.spaces.push({ id, year, school_uai: uai, kind, class_id: kind === 'class' ? ref : null, owner_id: kind === 'personal' ? ref : null });
  return id;
}

export function account(rows: SeedRows, a: { id: string; year: Year; login: string; nom: string; prenom: string; uai: string; email?: string | null; pupil?: PupilRecord }): void {
  rows.accounts.push({
    id: a.id, year: a.year, login: a.login, password_hash: null, email: a.email ?? null, nom: a.nom, prenom: a.prenom,
    date_naissance: a.pupil?.dateNaissance ?? null, sexe: a.pupil?.sexe ?? null, niveau: a.pupil?.niveau ?? null, class_id: a.pupil?.classId ?? null,
    school_uai: a.uai, base_eleves_director: 0, chosen_class_id: null, disabled: 0, merged_into: null, personal_decision: null,
  });
}

/** One year of one school: classes, spaces, teachers, pupils, their parents, app data of the old year. */
export function addYear(rows: SeedRows, rng: SeededRandom, school: GeneratedSchool, year: Year, roster: YearRoster, taken: Set<string>, dataYears: number): Map<string, string> {
  const uai = school.uai;
  const loginOf = (prenom: string, nom: string) => uniqueLogin(year === 'new' ? loginBase(prenom, nom) : `${slug(prenom).slice(0, 1)}${slug(nom).replace(/-/g, '')}`, taken);
  const old = year === 'old';
  const schoolSpace = addSpace(rows, year, uai, 'school', uai);
  if (old) addItems(rows, rng, schoolSpace, SCHOOL_APPS, dataYears);
  roster.classes.forEach((c, position) => {
    rows.classes.push({ id: c.id, year, school_uai: uai, label: c.label, levels: c.levels.join(','), position });
    const space = addSpace(rows, year, uai, 'class', c.id);
    if (old) {
      addItems(rows, rng, space, CLASS_APPS, dataYears);
      const size = roster.pupils.filter((p) => p.classId === c.id).length;
      for (let l = 0; l < rng.int(1, 2); l++) rows.licences.push({ id: `lic-${c.id}-${l + 1}`, school_uai: uai, class_id: c.id, product: PRODUCTS[(position + l) % PRODUCTS.length] ?? 'Lalilo', seats: size });
    }
  });
  for (const t of roster.teachers) {
    account(rows, { id: t.id, year, login: loginOf(t.prenom, t.nom), nom: t.nom, prenom: t.prenom, uai, email: t.email });
    for (const c of roster.classes.filter((k) => k.teacherIds.includes(t.id))) rows.roles.push({ account_id: t.id, role: 'teacher', school_uai: uai, class_id: c.id });
    const space = addSpace(rows, year, uai, 'personal', t.id);
    if (old) addItems(rows, rng, space, ADULT_APPS, dataYears, false);
  }
  const parentOfPupil = new Map<string, string>();
  for (const p of roster.pupils) {
    account(rows, { id: p.id, year, login: loginOf(p.prenom, p.nom), nom: p.nom, prenom: p.prenom, uai, pupil: p });
    rows.roles.push({ account_id: p.id, role: 'pupil', school_uai: uai, class_id: p.classId });
    const space = addSpace(rows, year, uai, 'personal', p.id);
    if (old) addItems(rows, rng, space, PUPIL_APPS, dataYears, false);
    const parents = rng.chance(old ? 0.2 : 0.5) ? 2 : 1;
    for (let k = 1; k <= parents; k++) {
      const id = `${p.id}-p${k}`;
      const prenom = rng.pick(k === 1 ? ADULT_F : ADULT_M);
      const nom = old && rng.chance(0.3) ? p.nom.toUpperCase() : p.nom;
      account(rows, { id, year, login: loginOf(prenom, nom), nom, prenom, uai });
      rows.roles.push({ account_id: id, role: 'parent', school_uai: uai, class_id: null });
      rows.parentLinks.push({ parent_id: id, pupil_id: p.id });
      const pspace = addSpace(rows, year, uai, 'personal', id);
      if (old) addItems(rows, rng, pspace, { messages: [0, 10], profile: [1, 1] }, dataYears, false);
      if (k === 1) parentOfPupil.set(p.id, id);
    }
  }
  return parentOfPupil;
}

/** The demo schools' rosters and ground truth (what the demo seeding uses), reproducible from the seed. */
export function generateDemoSchools(seed: number): GeneratedSchool[] {
  const rng = new SeededRandom(seed);
  return DEMO_SCHOOLS.map((spec) => generateSchool({ seed: rng.int(1, 0x7fffffff), uai: spec.uai, name: spec.name, shape: spec.shape, pupils: spec.pupils }));
}

export function buildDemoAcademie(seed: number): SeedRows {
  const generated = generateDemoSchools(seed);
  const rng = new SeededRandom(seed ^ 0x5eed);
  const rows = emptyRows();
  const taken = new Set<string>(['referent.ent']);
  const pw = rng.fork(99);
  const list = (role: DemoAccount['role'], year: Year, accountId: string, school: string, name?: string): void => {
    const acc = rows.accounts.find((a) => a.id === accountId);
    if (!acc) return;
    const pass = rows.passwords.get(accountId) ?? password(pw);
    rows.passwords.set(accountId, pass);
    rows.demo.push({ role, year, login: acc.login, password: pass, ...(acc.email ? { email: acc.email } : {}), school, name: name ?? `${acc.prenom} ${acc.nom}` });
  };
  // The académie's ENT referent (this year), scope: every demo school.
  rows.accounts.push({ id: 'n-referent-1', year: 'new', login: 'referent.ent', password_hash: null, email: 'benedicte.garnier@ac-aix-marseille.fr', nom: 'Garnier', prenom: 'Bénédicte', date_naissance: null, sexe: null, niveau: null, class_id: null, school_uai: DEMO_SCHOOLS[0]?.uai ?? '', base_eleves_director: 0, chosen_class_id: null, disabled: 0, merged_into: null, personal_decision: null });
  DEMO_SCHOOLS.forEach((spec, index) => {
    const school = generated[index];
    if (!school) return;
    const dataYears = [1, 3, 2][index] ?? 2;
    rows.schools.push({ uai: spec.uai, name: spec.name, new_version: 1, old_version: 1 });
    rows.roles.push({ account_id: 'n-referent-1', role: 'referent', school_uai: spec.uai, class_id: null });
    const oldParents = addYear(rows, rng.fork(index * 10 + 1), school, 'old', school.old, taken, dataYears);
    const newParents = addYear(rows, rng.fork(index * 10 + 2), school, 'new', school.new, taken, dataYears);
    // Same parent both years for a continuing pupil: the old account is the hand-typed one.
    for (const { oldId, newId } of school.truth) {
      const o = rows.accounts.find((a) => a.id === oldParents.get(oldId));
      const n = rows.accounts.find((a) => a.id === newParents.get(newId));
      if (o && n && o.prenom !== n.prenom) {
        o.prenom = n.prenom;
        o.login = uniqueLogin(`${slug(n.prenom).slice(0, 1)}${slug(o.nom).replace(/-/g, '')}`, taken);
      }
    }
    // Director: a teacher who stayed (same academic e-mail both years), else the first teacher of each year.
    let stayed = school.new.teachers.find((t) => school.old.teachers.some((o) => o.email === t.email));
    const firstOld = school.old.teachers[0];
    const firstNew = rows.accounts.find((a) => a.id === school.new.teachers[0]?.id);
    if (!stayed && firstOld && firstNew) {
      // Nobody stayed: last year's director stays on as this year's (same person, same academic e-mail).
      Object.assign(firstNew, { nom: firstOld.nom, prenom: firstOld.prenom, email: firstOld.email, login: uniqueLogin(loginBase(firstOld.prenom, firstOld.nom), taken) });
      stayed = { ...firstOld, id: firstNew.id };
    }
    const newDirector = stayed ?? school.new.teachers[0];
    const oldDirector = school.old.teachers.find((o) => o.email === newDirector?.email) ?? school.old.teachers[0];
    if (newDirector) rows.roles.push({ account_id: newDirector.id, role: 'director', school_uai: spec.uai, class_id: null });
    if (oldDirector) {
      // Third school: last year's director was director in Base élèves only, not in the ENT.
      if (index === 2) {
        const acc = rows.accounts.find((a) => a.id === oldDirector.id);
        if (acc) acc.base_eleves_director = 1;
      } else rows.roles.push({ account_id: oldDirector.id, role: 'director', school_uai: spec.uai, class_id: null });
    }
    const full = (t: { prenom: string; nom: string }) => `${t.prenom} ${t.nom}`;
    if (newDirector) list('director', 'new', newDirector.id, spec.uai);
    if (oldDirector) list('director', 'old', oldDirector.id, spec.uai, `${full(oldDirector)}${index === 2 ? ' (directeur dans Base élèves)' : ''}`);
    // Second school: last year's ENT referent was a teacher of that school.
    const oldReferent = index === 1 ? school.old.teachers.find((t) => t.id !== oldDirector?.id) : undefined;
    if (oldReferent) {
      rows.roles.push({ account_id: oldReferent.id, role: 'referent', school_uai: spec.uai, class_id: null });
      list('referent', 'old', oldReferent.id, spec.uai, `${full(oldReferent)} (référent ENT l'an dernier)`);
    }
    for (const t of school.new.teachers) list('teacher', 'new', t.id, spec.uai);
    for (const t of school.old.teachers) list('teacher', 'old', t.id, spec.uai);
    for (const { oldId, newId } of school.truth.slice(0, 3)) {
      const np = school.new.pupils.find((p) => p.id === newId);
      const op = school.old.pupils.find((p) => p.id === oldId);
      if (np) list('pupil', 'new', np.id, spec.uai, `${np.prenom} ${np.nom} — ${np.classLabel}`);
      if (op) list('pupil', 'old', op.id, spec.uai, `${op.prenom} ${op.nom} — ${op.classLabel}`);
      const npar = newParents.get(newId);
      const opar = oldParents.get(oldId);
      if (npar && np) list('parent', 'new', npar, spec.uai, `Parent de ${np.prenom} ${np.nom.toUpperCase()} — ${np.classLabel}`);
      if (opar && op) list('parent', 'old', opar, spec.uai, `Parent de ${op.prenom} ${op.nom} — ${op.classLabel} (l'an dernier)`);
    }
  });
  const ref = rows.accounts.find((a) => a.id === 'n-referent-1');
  if (ref) list('referent', 'new', ref.id, DEMO_SCHOOLS[0]?.uai ?? '', 'Bénédicte Garnier (référente ENT de l’académie)');
  // Added last, so nothing above changes: a teacher who changed school, with an old class space no school batch takes.
  addMovingTeacher(rows, seed, taken, list);
  return rows;
}
