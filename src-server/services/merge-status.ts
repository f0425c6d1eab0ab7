/**
 * A merge job's state as the contract shows it; the schools' merges as their managers see them; and the new pupils'
 * credentials: for any director or referent of the school (each fetch recorded), sealed at rest, until a manager
 * marks the letters printed or they expire — the director's app must never be the only one able to print them.
 */
import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { DB, MergesTable } from '../db/schema';
import { HttpError } from '../http/errors';
import type { MergeResponse, PupilCredentialsResponse, SchoolMergeSummary, SchoolMergesResponse } from '../../src-shared/api/merge';
import { MERGE_STEPS, type MergeStepName } from '../../src-shared/api/merge';
import type { Principal } from './auth';
import { derivedKey, seal, unseal } from './crypto';

/** Credentials not printed are erased this long after the merge finished. */
export const CREDENTIALS_TTL_MS = 30 * 24 * 3600 * 1000;

export async function mergeSchool(ctx: ServerContext, id: string): Promise<string> {
  const m = await ctx.db.selectFrom('merges').select('school_uai').where('id', '=', id).executeTakeFirst();
  if (!m) throw new HttpError('not-found', { message: "Ce rapprochement n'existe pas.", key: 'merge.unknown' });
  return m.school_uai;
}

const isStep = (s: string): s is MergeStepName => (MERGE_STEPS as readonly string[]).includes(s);
const statusOf = (m: Pick<MergesTable, 'status'>): MergeResponse['status'] => (m.status === 'running' || m.status === 'done' || m.status === 'failed' ? m.status : 'accepted');

async function credentialsLeft(db: Kysely<DB>, mergeId: string): Promise<boolean> {
  const row = await db.selectFrom('pupil_credentials').select('account_id').where('merge_id', '=', mergeId).where('password', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function mergeStatus(ctx: ServerContext, id: string): Promise<MergeResponse> {
  const m = await ctx.db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new HttpError('not-found', { message: "Ce rapprochement n'existe pas.", key: 'merge.unknown' });
  const steps = await ctx.db.selectFrom('merge_steps').selectAll().where('merge_id', '=', id).orderBy('position').execute();
  return {
    id: m.id,
    schoolUai: m.school_uai,
    status: statusOf(m),
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
    credentialsAvailable: m.status === 'done' && m.credentials_released_at === null && (await credentialsLeft(ctx.db, id)),
  };
}

/** The merges of every school the caller manages this year (one answer for a referent's whole board). */
export async function schoolMerges(ctx: ServerContext, p: Principal): Promise<SchoolMergesResponse> {
  const uais = p.year === 'new' ? [...new Set(p.roles.filter((r) => r.role === 'director' || r.role === 'referent').map((r) => r.schoolUai))] : [];
  if (uais.length === 0) return { schools: [] };
  const schools = await ctx.db.selectFrom('schools').select(['uai', 'name']).where('uai', 'in', uais).orderBy('uai').execute();
  const merges = await ctx.db
    .selectFrom('merges')
    .leftJoin('accounts', 'accounts.id', 'merges.accepted_by_account')
    .select(['merges.id', 'merges.school_uai', 'merges.status', 'merges.accepted_at', 'merges.accepted_by_role', 'merges.finished_at', 'merges.credentials_released_at', 'accounts.prenom', 'accounts.nom'])
    .where('merges.school_uai', 'in', uais)
    .execute();
  const ids = merges.map((m) => m.id);
  const progress = ids.length
    ? await ctx.db.selectFrom('merge_steps').select(['merge_id', (eb) => eb.fn.sum<number>('done').as('done'), (eb) => eb.fn.sum<number>('total').as('total')]).where('merge_id', 'in', ids).groupBy('merge_id').execute()
    : [];
  const withCredentials = ids.length
    ? new Set((await ctx.db.selectFrom('pupil_credentials').select('merge_id').distinct().where('merge_id', 'in', ids).where('password', 'is not', null).execute()).map((r) => r.merge_id))
    : new Set<string>();
  const byUai = new Map(merges.map((m) => [m.school_uai, m]));
  return {
    schools: schools.map((s) => {
      const m = byUai.get(s.uai);
      if (!m) return { uai: s.uai, name: s.name, merge: null };
      const pr = progress.find((x) => x.merge_id === m.id);
      const summary: SchoolMergeSummary = {
        id: m.id,
        status: statusOf(m),
        acceptedAt: m.accepted_at,
        acceptedByRole: m.accepted_by_role === 'referent' ? 'referent' : 'director',
        acceptedByName: m.prenom ? `${m.prenom} ${m.nom ?? ''}`.trim() : '',
        finishedAt: m.finished_at,
        progress: { done: Number(pr?.done ?? 0), total: Number(pr?.total ?? 0) },
        credentialsAvailable: m.status === 'done' && m.credentials_released_at === null && withCredentials.has(m.id),
        credentialsReleasedAt: m.credentials_released_at,
      };
      return { uai: s.uai, name: s.name, merge: summary };
    }),
  };
}

/** The sealing of generated passwords at rest (a key of its own, derived from the signing key). */
export function credentialsKey(ctx: Pick<ServerContext, 'keys'>): Buffer {
  return derivedKey(ctx.keys, 'pupil-credentials');
}

export const sealCredential = (key: Buffer, password: string): string => `s1.${seal(key, password)}`;
const openCredential = (key: Buffer, stored: string): string => (stored.startsWith('s1.') ? (unseal(key, stored.slice(3)) ?? '') : stored);

function released(m: Pick<MergesTable, 'credentials_released_at' | 'credentials_released_by'>): HttpError {
  const day = new Date(m.credentials_released_at ?? '').toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  const why = m.credentials_released_by === 'expiry' ? `ont expiré le ${day}` : `ont été effacés le ${day}, les lettres ayant été marquées imprimées`;
  return new HttpError('not-found', {
    status: 410,
    message: `Les identifiants des nouveaux élèves ${why}. Pour un élève sans identifiants, le référent ENT réinitialise son mot de passe.`,
    key: m.credentials_released_by === 'expiry' ? 'merge.credentials-expired' : 'merge.credentials-released',
    params: { releasedAt: m.credentials_released_at ?? '' },
  });
}

/** The generated logins and passwords of new pupils, for a manager of the school; the fetch is recorded. */
export async function fetchCredentials(ctx: ServerContext, id: string, p: Principal, role: 'director' | 'referent'): Promise<PupilCredentialsResponse> {
  const m = await ctx.db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (m.status !== 'done') throw new HttpError('conflict', { message: "Le rapprochement n'est pas terminé : les identifiants seront disponibles à la fin.", key: 'merge.not-done-credentials' });
  if (m.credentials_released_at !== null) throw released(m);
  const rows = await ctx.db
    .selectFrom('pupil_credentials')
    .innerJoin('accounts', 'accounts.id', 'pupil_credentials.account_id')
    .leftJoin('classes', 'classes.id', 'accounts.class_id')
    .select(['pupil_credentials.account_id', 'pupil_credentials.login', 'pupil_credentials.password', 'accounts.nom', 'accounts.prenom', 'classes.label'])
    .where('pupil_credentials.merge_id', '=', id)
    .where('pupil_credentials.password', 'is not', null)
    .orderBy('classes.position')
    .orderBy('accounts.nom')
    .execute();
  await ctx.db.insertInto('credential_fetches').values({ merge_id: id, account_id: p.accountId, role, at: new Date(ctx.now()).toISOString() }).execute();
  const key = credentialsKey(ctx);
  return {
    mergeId: id,
    credentials: rows.map((r) => ({ pupilId: r.account_id, nom: r.nom, prenom: r.prenom, classLabel: r.label ?? '', login: r.login, password: openCredential(key, r.password ?? '') })),
  };
}

/** A manager says the letters are printed: the passwords are erased for everyone (recorded, like a fetch). */
export async function releaseCredentials(ctx: ServerContext, id: string, p: Principal): Promise<void> {
  const at = new Date(ctx.now()).toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const m = await tx.updateTable('merges').set({ credentials_released_at: at, credentials_released_by: p.accountId }).where('id', '=', id).where('status', '=', 'done').where('credentials_released_at', 'is', null).executeTakeFirst();
    if (Number(m.numUpdatedRows) !== 1) {
      const row = await tx.selectFrom('merges').select(['status', 'credentials_released_at']).where('id', '=', id).executeTakeFirstOrThrow();
      if (row.status !== 'done') throw new HttpError('conflict', { message: "Le rapprochement n'est pas terminé.", key: 'merge.not-done' });
      return; // already released: nothing more to erase
    }
    await tx.updateTable('pupil_credentials').set({ password: null, fetched: 1 }).where('merge_id', '=', id).execute();
  });
}

/** Erases the credentials of merges finished more than `CREDENTIALS_TTL_MS` ago (maintenance). */
export async function expireCredentials(ctx: ServerContext): Promise<number> {
  const before = new Date(ctx.now() - CREDENTIALS_TTL_MS).toISOString();
  const due = await ctx.db.selectFrom('merges').select('id').where('status', '=', 'done').where('credentials_released_at', 'is', null).where('finished_at', '<', before).execute();
  for (const m of due) {
    const at = new Date(ctx.now()).toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('merges').set({ credentials_released_at: at, credentials_released_by: 'expiry' }).where('id', '=', m.id).where('credentials_released_at', 'is', null).execute();
      await tx.updateTable('pupil_credentials').set({ password: null, fetched: 1 }).where('merge_id', '=', m.id).execute();
    });
  }
  return due.length;
}
