/**
 * Adults recover their own personal data themselves: parents confirm (or refuse) a candidate old parent account
 * at their login; teachers link their old personal account with their old credentials. A director never moves
 * another adult's messages. Teachers also choose their class at first login.
 */
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../context';
import type { DB } from '../db/schema';
import { HttpError } from '../http/errors';
import type { ParentCandidatesResponse, PersonalTransferResponse } from '../../src-shared/api/parents';
import type { ChooseClassResponse, ClassChoicesResponse } from '../../src-shared/api/roster';
import type { AppCounts } from '../../src-shared/api/common';
import { isLevel } from '../../src-shared/domain/roster';
import type { Principal } from './auth';
import { checkOldCredentials } from './legacy';
import { bumpNewVersion } from './roster';

function requireRole(p: Principal, role: 'parent' | 'teacher'): string {
  const r = p.roles.find((x) => x.role === role);
  if (!r || p.year !== 'new') throw new HttpError('forbidden', { message: role === 'parent' ? 'Réservé aux comptes parents de cette année.' : 'Réservé aux comptes enseignants de cette année.' });
  return r.schoolUai;
}

/** Moves every personal item of the old account to the new one and archives the old account, in one transaction. */
async function movePersonalData(tx: Transaction<DB>, oldId: string, newId: string, decision: 'confirmed' | 'linked'): Promise<AppCounts> {
  const src = await tx.selectFrom('spaces').select('id').where('owner_id', '=', oldId).where('kind', '=', 'personal').executeTakeFirst();
  const dst = await tx.selectFrom('spaces').select('id').where('owner_id', '=', newId).where('kind', '=', 'personal').executeTakeFirst();
  const moved: AppCounts = {};
  if (src && dst) {
    const counts = await tx.selectFrom('items').select(['app', (eb) => eb.fn.countAll<number>().as('n')]).where('space_id', '=', src.id).groupBy('app').execute();
    for (const c of counts) moved[c.app] = Number(c.n);
    await tx.updateTable('items').set({ space_id: dst.id }).where('space_id', '=', src.id).execute();
  }
  const res = await tx.updateTable('accounts').set({ merged_into: newId }).where('id', '=', oldId).where('merged_into', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new HttpError('conflict', { message: "Les données de cet ancien compte ont déjà été transférées." });
  await tx.updateTable('accounts').set({ personal_decision: decision }).where('id', '=', newId).execute();
  return moved;
}

interface Candidate { id: string; label: string }

async function candidatesOf(ctx: ServerContext, parentId: string): Promise<Candidate[]> {
  const rows = await ctx.db
    .selectFrom('parent_links as mine')
    .innerJoin('accounts as child', 'child.id', 'mine.pupil_id')
    .innerJoin('accounts as oldChild', 'oldChild.merged_into', 'child.id')
    .innerJoin('parent_links as theirs', 'theirs.pupil_id', 'oldChild.id')
    .innerJoin('accounts as oldParent', 'oldParent.id', 'theirs.parent_id')
    .leftJoin('classes', 'classes.id', 'child.class_id')
    .select(['oldParent.id as id', 'oldParent.prenom as parentPrenom', 'child.prenom as prenom', 'child.nom as nom', 'classes.label as classLabel'])
    .where('mine.parent_id', '=', parentId)
    .where('oldParent.merged_into', 'is', null)
    .where('oldParent.year', '=', 'old')
    .orderBy('oldParent.id')
    .execute();
  const labels = rows.map((r) => `Parent de ${r.prenom} ${r.nom.toUpperCase()} — ${r.classLabel ?? ''}`.trim());
  return rows.map((r, i) => {
    const label = labels[i] ?? '';
    return { id: r.id, label: labels.filter((l) => l === label).length > 1 ? `${label} (compte de ${r.parentPrenom})` : label };
  });
}

export async function parentCandidates(ctx: ServerContext, p: Principal): Promise<ParentCandidatesResponse> {
  requireRole(p, 'parent');
  const me = await ctx.db.selectFrom('accounts').select('personal_decision').where('id', '=', p.accountId).executeTakeFirstOrThrow();
  if (me.personal_decision === 'confirmed' || me.personal_decision === 'refused') return { candidates: [], decision: me.personal_decision };
  return { candidates: await candidatesOf(ctx, p.accountId), decision: null };
}

export async function parentDecision(ctx: ServerContext, p: Principal, d: { decision: 'confirm'; candidateId: string } | { decision: 'refuse' }): Promise<PersonalTransferResponse> {
  const current = await parentCandidates(ctx, p);
  if (current.decision) throw new HttpError('conflict', { message: 'Vous avez déjà répondu : cette décision est définitive.' });
  if (d.decision === 'refuse') {
    await ctx.db.updateTable('accounts').set({ personal_decision: 'refused' }).where('id', '=', p.accountId).execute();
    return { decision: 'refused', moved: {} };
  }
  if (!current.candidates.some((c) => c.id === d.candidateId)) {
    throw new HttpError('validation', { problems: [{ path: 'candidateId', message: "ce compte ne fait pas partie des propositions" }] });
  }
  const moved = await ctx.db.transaction().execute((tx) => movePersonalData(tx, d.candidateId, p.accountId, 'confirmed'));
  return { decision: 'confirmed', moved };
}

export async function linkTeacherOldAccount(ctx: ServerContext, req: FastifyRequest, p: Principal, login: string, password: string): Promise<PersonalTransferResponse> {
  requireRole(p, 'teacher');
  const old = await checkOldCredentials(ctx, req, login, password);
  const roles = await ctx.db.selectFrom('roles').select('role').where('account_id', '=', old.id).execute();
  if (!old.base_eleves_director && !roles.some((r) => r.role === 'teacher' || r.role === 'director' || r.role === 'referent')) {
    throw new HttpError('forbidden', { message: "Cet ancien compte n'est pas un compte d'enseignant : seul son titulaire peut en récupérer les données." });
  }
  const moved = await ctx.db.transaction().execute((tx) => movePersonalData(tx, old.id, p.accountId, 'linked'));
  return { decision: 'linked', moved };
}

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
