/**
 * Adults recover their own personal data, and only theirs. An old adult account is claimed by proving it (its old
 * password) or by identity data the ENT already holds matching the new account:
 *  - a teacher: the same academic e-mail on both accounts (the address activation mails credentials to);
 *  - a parent: an old parent account of a child whose old account the school merged into one of this parent's
 *    children this year (the family link, from the school's files of both years), with the same first name
 *    (accents, case and separators ignored) — and only when exactly one old parent of that child has it. The first
 *    name is what tells a child's two parents apart in the ENT's files; the surname is not required because it is
 *    the field most often mistyped or changed between years (double names, marriage). Two parents of one child with
 *    the same first name are never offered either account: they prove theirs with its old password.
 *    The other parent's account is never offered.
 * Each old account goes to one new account and each new account receives one old account: the claim row (two
 * unique keys) and the final decision are written first in the transaction that moves the data, so concurrent
 * claims give exactly one success on SQLite and PostgreSQL.
 */
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../context';
import type { DB } from '../db/schema';
import { isUniqueViolation } from '../db/connect';
import { HttpError } from '../http/errors';
import type { ParentCandidatesResponse, ParentDecisionRequest, PersonalTransferResponse, TeacherLinkRequest, TeacherOldAccountResponse } from '../../src-shared/api/parents';
import type { AppCounts, PersonalApp } from '../../src-shared/api/common';
import { foldCase } from '../../src-shared/domain/text';
import { requireRole, type Principal } from './auth';
import { checkOldCredentials, oldRoles } from './legacy';

type Method = 'password' | 'identity' | 'email';

const sameName = (a: string, b: string): boolean => foldCase(a).replace(/[^a-z0-9]+/g, ' ').trim() === foldCase(b).replace(/[^a-z0-9]+/g, ' ').trim();

const alreadyClaimed = (): HttpError => new HttpError('conflict', { message: 'Les données de cet ancien compte ont déjà été récupérées par un autre compte : rien n’a été déplacé.', key: 'personal.claimed-elsewhere' });
const alreadyDecided = (): HttpError => new HttpError('conflict', { message: 'Vous avez déjà répondu : cette décision est définitive.', key: 'personal.decided' });

/**
 * In one transaction: the decision (only if none yet), the claim (unique on both sides), the personal items moved
 * (every app, or only the `apps` chosen), the old account archived. Any conflict rolls everything back. Also used by
 * a school adult's recovery with the grant of their own old account (services/staff-data.ts).
 */
export async function claimAndMove(ctx: ServerContext, oldId: string, newId: string, method: Method, decision: 'confirmed' | 'linked', apps: readonly PersonalApp[] | null = null): Promise<AppCounts> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const decided = await tx.updateTable('accounts').set({ personal_decision: decision }).where('id', '=', newId).where('personal_decision', 'is', null).executeTakeFirst();
      if (Number(decided.numUpdatedRows) !== 1) throw alreadyDecided();
      await tx.insertInto('personal_claims').values({ old_account_id: oldId, new_account_id: newId, method, created_at: new Date(ctx.now()).toISOString(), apps: apps ? apps.join(',') : null }).execute();
      return movePersonalData(tx, oldId, newId, apps);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyClaimed();
    throw err;
  }
}

async function movePersonalData(tx: Transaction<DB>, oldId: string, newId: string, apps: readonly PersonalApp[] | null): Promise<AppCounts> {
  const src = await tx.selectFrom('spaces').select('id').where('owner_id', '=', oldId).where('kind', '=', 'personal').executeTakeFirst();
  const moved: AppCounts = {};
  if (src && (apps === null || apps.length > 0)) {
    const dst = await personalSpaceOf(tx, newId);
    let counted = tx.selectFrom('items').select(['app', (eb) => eb.fn.countAll<number>().as('n')]).where('space_id', '=', src.id);
    if (apps) counted = counted.where('app', 'in', [...apps]);
    for (const c of await counted.groupBy('app').execute()) moved[c.app] = Number(c.n);
    let move = tx.updateTable('items').set({ space_id: dst }).where('space_id', '=', src.id);
    if (apps) move = move.where('app', 'in', [...apps]);
    await move.execute();
  }
  const res = await tx.updateTable('accounts').set({ merged_into: newId }).where('id', '=', oldId).where('merged_into', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw alreadyClaimed();
  return moved;
}

/** The account's personal space, created when it has none yet (an account made outside ONDE, a referent). */
async function personalSpaceOf(tx: Transaction<DB>, accountId: string): Promise<string> {
  const found = await tx.selectFrom('spaces').select('id').where('owner_id', '=', accountId).where('kind', '=', 'personal').executeTakeFirst();
  if (found) return found.id;
  const a = await tx.selectFrom('accounts').select(['year', 'school_uai']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const id = `sp-${accountId}`;
  await tx.insertInto('spaces').values({ id, year: a.year, school_uai: a.school_uai, kind: 'personal', class_id: null, owner_id: accountId }).execute();
  return id;
}

interface Candidate { id: string; label: string }

/** The old parent accounts the ENT recognises as this parent's own (see the rule at the top of this file). */
async function recognisedParentAccounts(ctx: ServerContext, parentId: string): Promise<Candidate[]> {
  const me = await ctx.db.selectFrom('accounts').select(['prenom']).where('id', '=', parentId).executeTakeFirstOrThrow();
  const rows = await ctx.db
    .selectFrom('parent_links as mine')
    .innerJoin('accounts as child', 'child.id', 'mine.pupil_id')
    .innerJoin('accounts as oldChild', 'oldChild.merged_into', 'child.id')
    .innerJoin('parent_links as theirs', 'theirs.pupil_id', 'oldChild.id')
    .innerJoin('accounts as oldParent', 'oldParent.id', 'theirs.parent_id')
    .leftJoin('classes', 'classes.id', 'child.class_id')
    .leftJoin('personal_claims', 'personal_claims.old_account_id', 'oldParent.id')
    .select(['oldParent.id as id', 'oldParent.prenom as parentPrenom', 'oldChild.id as oldChildId', 'child.prenom as prenom', 'child.nom as nom', 'classes.label as classLabel', 'personal_claims.old_account_id as claimed'])
    .where('mine.parent_id', '=', parentId)
    .where('oldParent.year', '=', 'old')
    .orderBy('oldParent.id')
    .execute();
  const byChild = new Map<string, typeof rows>();
  for (const r of rows) byChild.set(r.oldChildId, [...(byChild.get(r.oldChildId) ?? []), r]);
  const out = new Map<string, Candidate>();
  for (const parents of byChild.values()) {
    const matching = parents.filter((r) => sameName(r.parentPrenom, me.prenom));
    const only = matching.length === 1 ? matching[0] : undefined;
    if (!only || only.claimed !== null || out.has(only.id)) continue;
    out.set(only.id, { id: only.id, label: `Parent de ${only.prenom} ${only.nom.toUpperCase()} — ${only.classLabel ?? ''}`.trim() });
  }
  return [...out.values()];
}

export async function parentCandidates(ctx: ServerContext, p: Principal): Promise<ParentCandidatesResponse> {
  requireRole(p, 'parent');
  const me = await ctx.db.selectFrom('accounts').select('personal_decision').where('id', '=', p.accountId).executeTakeFirstOrThrow();
  if (me.personal_decision === 'confirmed' || me.personal_decision === 'refused') return { candidates: [], decision: me.personal_decision };
  return { candidates: await recognisedParentAccounts(ctx, p.accountId), decision: null };
}

export async function parentDecision(ctx: ServerContext, req: FastifyRequest, p: Principal, d: ParentDecisionRequest): Promise<PersonalTransferResponse> {
  requireRole(p, 'parent');
  if (d.decision === 'refuse') {
    const res = await ctx.db.updateTable('accounts').set({ personal_decision: 'refused' }).where('id', '=', p.accountId).where('personal_decision', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw alreadyDecided();
    return { decision: 'refused', moved: {} };
  }
  if (d.decision === 'confirm') {
    const current = await parentCandidates(ctx, p);
    if (current.decision) throw alreadyDecided();
    if (!current.candidates.some((c) => c.id === d.candidateId)) {
      throw new HttpError('validation', { problems: [{ path: 'candidateId', message: 'ce compte ne fait pas partie des comptes reconnus comme les vôtres' }] });
    }
    return { decision: 'confirmed', moved: await claimAndMove(ctx, d.candidateId, p.accountId, 'identity', 'confirmed') };
  }
  const old = await checkOldCredentials(ctx, req, p, d.login, d.password);
  const isParent = await ctx.db.selectFrom('roles').select('role').where('account_id', '=', old.id).where('role', '=', 'parent').executeTakeFirst();
  if (!isParent) throw new HttpError('forbidden', { message: "Cet ancien compte n'était pas un compte de parent." });
  return { decision: 'confirmed', moved: await claimAndMove(ctx, old.id, p.accountId, 'password', 'confirmed') };
}

/** The old staff account with the same academic e-mail as this account, when there is exactly one and it is free. */
async function oldAccountByEmail(ctx: ServerContext, accountId: string): Promise<{ id: string; login: string; nom: string; prenom: string } | null> {
  const me = await ctx.db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirstOrThrow();
  if (!me.email) return null;
  const rows = await ctx.db
    .selectFrom('accounts')
    .leftJoin('personal_claims', 'personal_claims.old_account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.login', 'accounts.nom', 'accounts.prenom', 'accounts.base_eleves_director', 'personal_claims.old_account_id as claimed'])
    .where('accounts.year', '=', 'old')
    .where('accounts.email', '=', me.email.toLowerCase())
    .where('accounts.disabled', '=', 0)
    .execute();
  const staff = [];
  for (const r of rows) if ((await oldRoles(ctx, r)).staff) staff.push(r);
  const only = staff.length === 1 ? staff[0] : undefined;
  return only && only.claimed === null ? { id: only.id, login: only.login, nom: only.nom, prenom: only.prenom } : null;
}

export async function teacherOldAccount(ctx: ServerContext, p: Principal): Promise<TeacherOldAccountResponse> {
  requireRole(p, 'teacher');
  const me = await ctx.db.selectFrom('accounts').select('personal_decision').where('id', '=', p.accountId).executeTakeFirstOrThrow();
  if (me.personal_decision === 'linked') return { byEmail: null, decision: 'linked' };
  return { byEmail: await oldAccountByEmail(ctx, p.accountId), decision: null };
}

export async function linkTeacherOldAccount(ctx: ServerContext, req: FastifyRequest, p: Principal, body: TeacherLinkRequest): Promise<PersonalTransferResponse> {
  requireRole(p, 'teacher');
  if ('method' in body) {
    const match = await oldAccountByEmail(ctx, p.accountId);
    if (!match) throw new HttpError('validation', { problems: [{ path: 'method', message: "aucun ancien compte d'enseignant libre n'a la même adresse académique que le vôtre : indiquez vos identifiants de l'an dernier" }] });
    return { decision: 'linked', moved: await claimAndMove(ctx, match.id, p.accountId, 'email', 'linked') };
  }
  const old = await checkOldCredentials(ctx, req, p, body.login, body.password);
  if (!(await oldRoles(ctx, old)).staff) {
    throw new HttpError('forbidden', { message: "Cet ancien compte n'est pas un compte d'enseignant : seul son titulaire peut en récupérer les données." });
  }
  return { decision: 'linked', moved: await claimAndMove(ctx, old.id, p.accountId, 'password', 'linked') };
}
