/**
 * One teacher of the demo académie who changed school (a « mutation »): last year Agnès Rouvière ran the UPE2A of
 * the groupe scolaire Frédéric-Mistral (an old class space with its own blog, media library, calendar, homework and
 * liaison books, and no pupil enrolled in it: they belong to their ordinary classes); this year she teaches at the
 * école Jean-Jaurès and has not chosen her class yet. No school batch proposes her old space (no pupil went anywhere
 * from it, and she is not among the old school's teachers this year), so she recovers it herself, with her own
 * messages. Added after everything else of the académie, with its own random stream: no other account, login,
 * password or item changes.
 */
import { SeededRandom } from '../../src-shared/domain/random';
import type { DemoAccount, SeedRows } from './academie';
import { account, addItems, addSpace, ADULT_APPS, CLASS_APPS } from './academie';
import { loginBase, slug, uniqueLogin } from './logins';

export const MOVING_TEACHER = { prenom: 'Agnès', nom: 'Rouvière', email: 'agnes.rouviere@ac-aix-marseille.fr', oldSchool: '0137890B', newSchool: '0134567K' } as const;
export const MOVING_TEACHER_OLD_CLASS = `o-${MOVING_TEACHER.oldSchool}-upe2a`;

type List = (role: DemoAccount['role'], year: 'new' | 'old', accountId: string, school: string, name?: string) => void;

export function addMovingTeacher(rows: SeedRows, seed: number, taken: Set<string>, list: List): void {
  const t = MOVING_TEACHER;
  if (!rows.schools.some((s) => s.uai === t.oldSchool) || !rows.schools.some((s) => s.uai === t.newSchool)) return;
  const rng = new SeededRandom(seed ^ 0x0be2a);
  const oldId = `o-${t.oldSchool}-t-upe2a`;
  const newId = `n-${t.newSchool}-t-arrivee`;
  const position = rows.classes.filter((c) => c.school_uai === t.oldSchool && c.year === 'old').length;
  rows.classes.push({ id: MOVING_TEACHER_OLD_CLASS, year: 'old', school_uai: t.oldSchool, label: 'UPE2A', levels: 'CE1,CE2,CM1,CM2', position });
  addItems(rows, rng, addSpace(rows, 'old', t.oldSchool, 'class', MOVING_TEACHER_OLD_CLASS), CLASS_APPS, 1);

  account(rows, { id: oldId, year: 'old', login: uniqueLogin(`${slug(t.prenom).slice(0, 1)}${slug(t.nom).replace(/-/g, '')}`, taken), nom: t.nom, prenom: t.prenom, uai: t.oldSchool, email: t.email });
  rows.roles.push({ account_id: oldId, role: 'teacher', school_uai: t.oldSchool, class_id: MOVING_TEACHER_OLD_CLASS });
  addItems(rows, rng, addSpace(rows, 'old', t.oldSchool, 'personal', oldId), ADULT_APPS, 1, false);

  account(rows, { id: newId, year: 'new', login: uniqueLogin(loginBase(t.prenom, t.nom), taken), nom: t.nom, prenom: t.prenom, uai: t.newSchool, email: t.email });
  // A teacher of the school whose class is not chosen yet: the class choice comes first at her login.
  rows.roles.push({ account_id: newId, role: 'teacher', school_uai: t.newSchool, class_id: null });
  addSpace(rows, 'new', t.newSchool, 'personal', newId);

  const oldName = rows.schools.find((s) => s.uai === t.oldSchool)?.name ?? t.oldSchool;
  list('teacher', 'new', newId, t.newSchool, `${t.prenom} ${t.nom} (arrivée cette année ; l'an dernier à l'UPE2A, ${oldName})`);
  list('teacher', 'old', oldId, t.oldSchool, `${t.prenom} ${t.nom} (UPE2A l'an dernier)`);
}
