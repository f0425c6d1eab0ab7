/**
 * Merge batches: idempotency, first-wins (a UNIQUE school_uai row written in the same transaction as the
 * idempotency key), proof (403 unless a legacy grant covers every old account and space the batch moves), stale
 * base versions (412 with the changes the caller may read), validation (422), then the job's plan.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ServerContext } from '../context';
import type { MergesTable } from '../db/schema';
import { isUniqueViolation } from '../db/connect';
import { HttpError } from '../http/errors';
import type { MergeBatch, MergeReceipt } from '../../src-shared/api/merge';
import { movesOldData } from '../../src-shared/api/merge-rules';
import type { Problem } from '../../src-shared/errors';
import { scopeOf, type Grant, type GrantScope } from './grant';
import { loadRoster, type Roster } from './rosters';
import { requireSchool } from './roster';
import { validateBatch } from './merge-validate';
import { planMerge } from './merge-plan';
import { claimClassSpacesForMerge, withoutTakenClasses } from './class-spaces';

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function receipt(m: Pick<MergesTable, 'id' | 'school_uai' | 'accepted_at' | 'accepted_by_role'>): MergeReceipt {
  return {
    id: m.id,
    schoolUai: m.school_uai,
    acceptedAt: m.accepted_at,
    acceptedByRole: m.accepted_by_role === 'referent' ? 'referent' : 'director',
    statusUrl: `/v1/merges/${m.id}`,
    eventsUrl: `/v1/merges/${m.id}/events`,
  };
}

export interface SubmitResult { receipt: MergeReceipt; replayed: boolean }

/** The answer already decided for this key or this school, if any (replay, 422 reused key, 409). */
async function priorAnswer(ctx: ServerContext, uai: string, key: string, hash: string): Promise<SubmitResult | null> {
  const byKey = await ctx.db.selectFrom('merges').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  if (byKey) {
    if (byKey.request_hash === hash) return { receipt: receipt(byKey), replayed: true };
    throw new HttpError('validation', {
      message: 'Cette clé d’idempotence a déjà servi pour un autre lot : un nouveau lot demande une nouvelle clé.',
      problems: [{ path: 'headers.idempotency-key', message: 'clé déjà utilisée avec un contenu différent' }],
    });
  }
  const bySchool = await ctx.db
    .selectFrom('merges')
    .leftJoin('accounts', 'accounts.id', 'merges.accepted_by_account')
    .select(['merges.id', 'merges.accepted_at', 'merges.accepted_by_role', 'accounts.prenom', 'accounts.nom'])
    .where('merges.school_uai', '=', uai)
    .executeTakeFirst();
  if (bySchool) {
    const role = bySchool.accepted_by_role === 'referent' ? 'referent' : 'director';
    const name = bySchool.prenom ? `${bySchool.prenom} ${bySchool.nom ?? ''}`.trim() : '';
    const who = `${name ? `${name}, ` : ''}${role === 'referent' ? 'référent ENT' : "direction de l'école"}`;
    const when = new Date(bySchool.accepted_at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
    throw new HttpError('conflict', {
      message: `Cette école a déjà été rapprochée le ${when} par ${who} : le premier lot accepté est définitif.`,
      details: { acceptedAt: bySchool.accepted_at, acceptedByRole: role, ...(name ? { acceptedByName: name } : {}), mergeId: bySchool.id },
    });
  }
  return null;
}

/**
 * Everything the batch moves that the grant does not cover, by path. Unknown old ids are "not covered" too, so a
 * caller without rights learns nothing about which old accounts exist.
 */
export function uncovered(batch: MergeBatch, scope: GrantScope, oldRoster: Roster): Problem[] {
  const problems: Problem[] = [];
  const coveredPupils = new Set(oldRoster.pupils.filter((p) => scope.wholeSchool || (p.classId !== null && scope.classIds.has(p.classId))).map((p) => p.id));
  if (batch.schoolSpace && !scope.wholeSchool) problems.push({ path: 'schoolSpace', message: "l'espace de l'école de l'an dernier n'est pas couvert par l'ancien compte vérifié" });
  batch.classes.forEach((c, i) => {
    if (c.action === 'recover' && !scope.classIds.has(c.oldClassId)) problems.push({ path: `classes.${i}.oldClassId`, message: `la classe ${c.oldClassId} de l'an dernier n'est pas couverte par l'ancien compte vérifié` });
  });
  batch.pupils.forEach((p, i) => {
    if (!coveredPupils.has(p.oldPupilId)) problems.push({ path: `pupils.${i}.oldPupilId`, message: `l'ancien compte élève ${p.oldPupilId} n'est pas couvert par l'ancien compte vérifié` });
  });
  return problems;
}

function notCoveredError(problems: Problem[]): HttpError {
  const pupils = problems.filter((p) => p.path.startsWith('pupils.')).length;
  const classes = problems.filter((p) => p.path.startsWith('classes.')).length;
  const parts = [
    ...(problems.some((p) => p.path === 'schoolSpace') ? ["l'espace de l'école"] : []),
    ...(classes ? [`${classes} classe${classes > 1 ? 's' : ''}`] : []),
    ...(pupils ? [`${pupils} élève${pupils > 1 ? 's' : ''}`] : []),
  ];
  return new HttpError('forbidden', {
    message: `L'ancien compte vérifié ne couvre pas tout ce lot (${parts.join(', ')} de l'an dernier hors de son périmètre) : rien n'a été enregistré.`,
    problems,
  });
}

export async function submitMerge(ctx: ServerContext, input: { uai: string; key: string; batch: MergeBatch; grant: Grant | null; role: 'director' | 'referent'; accountId: string }): Promise<SubmitResult> {
  const { uai, key, batch } = input;
  const school = await requireSchool(ctx, uai);
  const hash = createHash('sha256').update(stableStringify({ uai, batch })).digest('hex');
  const prior = await priorAnswer(ctx, uai, key, hash);
  if (prior) return prior;

  // Proof before anything that reads last year's data: nothing about the old roster leaks to a caller without rights.
  const moves = movesOldData(batch);
  if (moves && !input.grant) {
    throw new HttpError('forbidden', {
      message: "Ce lot déplace des données de l'an dernier (élèves associés, espaces) : vérifiez d'abord les identifiants de votre ancien compte (en-tête X-Legacy-Grant). Rien n'a été enregistré.",
    });
  }
  const [oldRoster, newRoster] = await Promise.all([loadRoster(ctx.db, uai, 'old'), loadRoster(ctx.db, uai, 'new')]);
  const scope = scopeOf(input.grant, uai, oldRoster.classes.map((c) => c.id));
  const outOfScope = uncovered(batch, scope, oldRoster);
  if (outOfScope.length) throw notCoveredError(outOfScope);

  // A batch that moves nothing of last year does not depend on the old roster (and learns nothing of its version).
  const current = { new: String(school.new_version), old: moves ? String(school.old_version) : batch.baseVersions.old };
  if (current.new !== batch.baseVersions.new || current.old !== batch.baseVersions.old) {
    const changes = await ctx.db
      .selectFrom('roster_changes')
      .select(['year', 'version', 'description'])
      .where('school_uai', '=', uai)
      .where((eb) =>
        eb.or([
          eb.and([eb('year', '=', 'new'), eb('version', '>', Number(batch.baseVersions.new) || 0)]),
          eb.and([eb('year', '=', 'old'), eb('version', '>', Number(batch.baseVersions.old) || 0)]),
        ]),
      )
      .orderBy('version')
      .execute();
    throw new HttpError('stale-roster', {
      details: {
        currentVersions: current,
        // Last year's changes only for a grant that covers the whole school.
        changes: changes.filter((c) => c.year === 'new' || scope.wholeSchool).map((c) => ({ year: c.year, version: String(c.version), description: c.description })),
      },
    });
  }

  const problems = validateBatch(batch, {
    uai,
    oldClassIds: new Set(oldRoster.classes.map((c) => c.id)),
    newClassIds: new Set(newRoster.classes.map((c) => c.id)),
    oldPupilIds: new Set(oldRoster.pupils.map((p) => p.id)),
    newPupilIds: new Set(newRoster.pupils.map((p) => p.id)),
  }, input.grant);
  if (problems.length) throw new HttpError('validation', { problems });

  const row: MergesTable = {
    id: randomUUID(),
    school_uai: uai,
    idempotency_key: key,
    request_hash: hash,
    batch: JSON.stringify(batch),
    accepted_at: new Date(ctx.now()).toISOString(),
    accepted_by_role: input.role,
    accepted_by_account: input.accountId,
    status: 'accepted',
    finished_at: null,
    credentials_released_at: null,
    credentials_released_by: null,
  };
  try {
    await ctx.db.transaction().execute(async (tx) => {
      // First statement of the transaction: the unique constraints decide which concurrent batch wins.
      await tx.insertInto('merges').values(row).execute();
      // Each old class space moves once: those a teacher already took are left out of the job's plan.
      const takenByTeachers = await claimClassSpacesForMerge(tx, row.id, batch, row.accepted_at);
      await planMerge(tx, row.id, uai, withoutTakenClasses(batch, takenByTeachers), newRoster.pupils.map((p) => p.id));
      await ctx.enqueueMerge(tx, row.id);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const answer = await priorAnswer(ctx, uai, key, hash);
    if (answer) return answer;
    throw err;
  }
  return { receipt: receipt(row), replayed: false };
}
