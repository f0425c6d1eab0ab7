/** A merge job's state as the contract shows it, and the once-only pupil credentials. */
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { MergeResponse, PupilCredentialsResponse } from '../../src-shared/api/merge';
import { MERGE_STEPS, type MergeStepName } from '../../src-shared/api/merge';

export async function mergeSchool(ctx: ServerContext, id: string): Promise<string> {
  const m = await ctx.db.selectFrom('merges').select('school_uai').where('id', '=', id).executeTakeFirst();
  if (!m) throw new HttpError('not-found', { message: "Ce rapprochement n'existe pas." });
  return m.school_uai;
}

const isStep = (s: string): s is MergeStepName => (MERGE_STEPS as readonly string[]).includes(s);

export async function mergeStatus(ctx: ServerContext, id: string): Promise<MergeResponse> {
  const m = await ctx.db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new HttpError('not-found', { message: "Ce rapprochement n'existe pas." });
  const steps = await ctx.db.selectFrom('merge_steps').selectAll().where('merge_id', '=', id).orderBy('position').execute();
  const creds = await ctx.db.selectFrom('pupil_credentials').select('account_id').where('merge_id', '=', id).where('fetched', '=', 0).limit(1).executeTakeFirst();
  return {
    id: m.id,
    schoolUai: m.school_uai,
    status: m.status === 'running' || m.status === 'done' || m.status === 'failed' ? m.status : 'accepted',
    acceptedAt: m.accepted_at,
    acceptedByRole: m.accepted_by_role === 'referent' ? 'referent' : 'director',
    finishedAt: m.finished_at,
    steps: steps.filter((s) => isStep(s.name)).map((s) => ({
      name: s.name as MergeStepName,
      label: s.label,
      total: Number(s.total),
      done: Number(s.done),
      status: s.status === 'running' || s.status === 'done' ? s.status : 'pending',
    })),
    credentialsAvailable: m.status === 'done' && creds !== undefined,
  };
}

/** The generated logins and passwords of new pupils, once: the clear passwords are erased as they are read. */
export async function fetchCredentials(ctx: ServerContext, id: string): Promise<PupilCredentialsResponse> {
  const m = await ctx.db.selectFrom('merges').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  if (m.status !== 'done') throw new HttpError('conflict', { message: "Le rapprochement n'est pas terminé : les identifiants seront disponibles à la fin." });
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('pupil_credentials')
      .innerJoin('accounts', 'accounts.id', 'pupil_credentials.account_id')
      .leftJoin('classes', 'classes.id', 'accounts.class_id')
      .select(['pupil_credentials.account_id', 'pupil_credentials.login', 'pupil_credentials.password', 'accounts.nom', 'accounts.prenom', 'classes.label'])
      .where('pupil_credentials.merge_id', '=', id)
      .where('pupil_credentials.fetched', '=', 0)
      .orderBy('classes.position')
      .orderBy('accounts.nom')
      .execute();
    if (rows.length === 0) {
      const any = await tx.selectFrom('pupil_credentials').select('account_id').where('merge_id', '=', id).limit(1).executeTakeFirst();
      if (!any) return { mergeId: id, credentials: [] };
      throw new HttpError('not-found', { status: 410, message: 'Les identifiants des nouveaux élèves ont déjà été récupérés (une seule fois, pour impression).' });
    }
    const res = await tx.updateTable('pupil_credentials').set({ fetched: 1, password: null }).where('merge_id', '=', id).where('fetched', '=', 0).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== rows.length) throw new HttpError('conflict', { message: 'Les identifiants sont en cours de récupération par une autre demande.' });
    return {
      mergeId: id,
      credentials: rows.map((r) => ({ pupilId: r.account_id, nom: r.nom, prenom: r.prenom, classLabel: r.label ?? '', login: r.login, password: r.password ?? '' })),
    };
  });
}
