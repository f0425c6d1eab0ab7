/** Rosters of a school (new or old year) read from the accounts and classes tables. */
import type { Kysely } from 'kysely';
import type { DB, Year } from '../db/schema';
import { isLevel, type ClassRecord, type Level, type PupilRecord, type TeacherRecord } from '../../src-shared/domain/roster';

export interface Roster { classes: ClassRecord[]; teachers: TeacherRecord[]; pupils: PupilRecord[] }

const levelsOf = (s: string): Level[] => s.split(',').filter(isLevel);

export async function loadRoster(db: Kysely<DB>, uai: string, year: Year): Promise<Roster> {
  const classRows = await db.selectFrom('classes').selectAll().where('school_uai', '=', uai).where('year', '=', year).orderBy('position').execute();
  const roleRows = await db
    .selectFrom('roles')
    .innerJoin('accounts', 'accounts.id', 'roles.account_id')
    .select(['roles.account_id', 'roles.role', 'roles.class_id'])
    .where('roles.school_uai', '=', uai)
    .where('accounts.year', '=', year)
    .where('roles.role', '=', 'teacher')
    .execute();
  const teacherIds = [...new Set(roleRows.map((r) => r.account_id))];
  const teacherRows = teacherIds.length
    ? await db.selectFrom('accounts').select(['id', 'nom', 'prenom', 'email']).where('id', 'in', teacherIds).orderBy('id').execute()
    : [];
  const pupilRows = await db
    .selectFrom('accounts')
    .innerJoin('roles', 'roles.account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.nom', 'accounts.prenom', 'accounts.date_naissance', 'accounts.sexe', 'accounts.niveau', 'accounts.class_id'])
    .where('roles.role', '=', 'pupil')
    .where('roles.school_uai', '=', uai)
    .where('accounts.year', '=', year)
    .orderBy('accounts.id')
    .execute();
  const labels = new Map(classRows.map((c) => [c.id, c.label]));
  return {
    classes: classRows.map((c) => ({
      id: c.id,
      label: c.label,
      levels: levelsOf(c.levels),
      teacherIds: roleRows.filter((r) => r.class_id === c.id).map((r) => r.account_id).sort(),
    })),
    teachers: teacherRows.map((t) => ({ id: t.id, nom: t.nom, prenom: t.prenom, email: t.email ?? '' })),
    pupils: pupilRows.map((p) => ({
      id: p.id,
      nom: p.nom,
      prenom: p.prenom,
      dateNaissance: p.date_naissance,
      sexe: p.sexe === 'F' || p.sexe === 'M' ? p.sexe : null,
      niveau: p.niveau !== null && isLevel(p.niveau) ? p.niveau : null,
      classId: p.class_id,
      classLabel: (p.class_id ? labels.get(p.class_id) : undefined) ?? '',
    })),
  };
}
