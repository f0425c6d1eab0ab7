/** A teacher's first login: the school's classes with their first pupils, and the choice of one's class. */
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { ChooseClassResponse, ClassChoicesResponse } from '../../src-shared/api/roster';
import { isLevel } from '../../src-shared/domain/roster';
import { requireRole, type Principal } from './auth';
import { bumpNewVersion } from './roster';

export async function classChoices(ctx: ServerContext, p: Principal): Promise<ClassChoicesResponse> {
  const uai = requireRole(p, 'teacher');
  const classes = await ctx.db.selectFrom('classes').selectAll().where('school_uai', '=', uai).where('year', '=', 'new').orderBy('position').execute();
  const pupils = await ctx.db
    .selectFrom('accounts')
    .select(['nom', 'prenom', 'class_id'])
    .where('school_uai', '=', uai)
    .where('year', '=', 'new')
    .where('class_id', 'is not', null)
    .orderBy('nom')
    .orderBy('prenom')
    .execute();
  return {
    schoolUai: uai,
    classes: classes.map((c) => {
      const inClass = pupils.filter((x) => x.class_id === c.id);
      return { id: c.id, label: c.label, levels: c.levels.split(',').filter(isLevel), firstPupils: inClass.slice(0, 3).map((x) => ({ nom: x.nom, prenom: x.prenom })), pupilCount: inClass.length };
    }),
  };
}

export async function chooseClass(ctx: ServerContext, p: Principal, classId: string): Promise<ChooseClassResponse> {
  const uai = requireRole(p, 'teacher');
  const cls = await ctx.db.selectFrom('classes').select(['id', 'label']).where('id', '=', classId).where('school_uai', '=', uai).where('year', '=', 'new').executeTakeFirst();
  if (!cls) throw new HttpError('validation', { problems: [{ path: 'classId', message: "cette classe n'existe pas dans votre école cette année" }] });
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ chosen_class_id: cls.id }).where('id', '=', p.accountId).execute();
    const has = await tx.selectFrom('roles').select('account_id').where('account_id', '=', p.accountId).where('role', '=', 'teacher').where('class_id', '=', cls.id).executeTakeFirst();
    if (!has) {
      await tx.deleteFrom('roles').where('account_id', '=', p.accountId).where('role', '=', 'teacher').where('class_id', 'is', null).execute();
      await tx.insertInto('roles').values({ account_id: p.accountId, role: 'teacher', school_uai: uai, class_id: cls.id }).execute();
      const me = await tx.selectFrom('accounts').select(['prenom', 'nom']).where('id', '=', p.accountId).executeTakeFirstOrThrow();
      await bumpNewVersion(tx, uai, `${me.prenom} ${me.nom.toUpperCase()} enseigne désormais en ${cls.label}`, ctx.now());
    }
  });
  return { classId: cls.id, label: cls.label };
}
