/**
 * Old class spaces (blog, media library, calendar, homework book, liaison book) move once, whoever comes first:
 * the school's accepted batch (its accepting transaction claims every class it recovers, `claimClassSpacesForMerge`)
 * or a teacher who taught the class, with the grant of their old account, into one of their classes of this year.
 * The claim row (`class_space_claims`, one per old class) is written in the transaction that moves the items, and
 * the teacher's one answer (`teacher_space_answers`) first of all: concurrent answers, and a teacher racing the
 * school's batch, give exactly one move on SQLite and PostgreSQL. A batch accepted after a teacher's move leaves
 * that class out of its plan.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../context';
import type { ClassSpaceClaimsTable, DB } from '../db/schema';
import { isUniqueViolation } from '../db/connect';
import { HttpError } from '../http/errors';
import { SPACE_APPS, type AppCounts, type SpaceApp } from '../../src-shared/api/common';
import type { MergeBatch } from '../../src-shared/api/merge';
import type { MovedClassSpace, TeacherClassSpacesRequest, TeacherClassSpacesResponse, TeacherClassSpacesResult } from '../../src-shared/api/staff';
import type { Problem } from '../../src-shared/errors';
import { requireRole, type Principal } from './auth';
import type { Grant } from './grant';
import { needsProof } from './staff-data';

const isSpaceApp = (a: string): a is SpaceApp => (SPACE_APPS as readonly string[]).includes(a);
const appsOf = (csv: string): SpaceApp[] => csv.split(',').filter(isSpaceApp);

/** In the accepting transaction of a school's batch: claims the class spaces it recovers; returns those a teacher took first. */
export async function claimClassSpacesForMerge(tx: Kysely<DB>, mergeId: string, batch: MergeBatch, at: string): Promise<Set<string>> {
  const recovered = batch.classes.filter((c) => c.action === 'recover');
  for (const c of recovered) {
    await tx
      .insertInto('class_space_claims')
      .values({ old_class_id: c.oldClassId, new_class_id: c.newClassId, kind: 'school', merge_id: mergeId, account_id: null, apps: c.apps.join(','), moved: null, created_at: at })
      .onConflict((oc) => oc.column('old_class_id').doNothing())
      .execute();
  }
  if (recovered.length === 0) return new Set();
  const rows = await tx.selectFrom('class_space_claims').select(['old_class_id', 'merge_id']).where('old_class_id', 'in', recovered.map((c) => c.oldClassId)).execute();
  return new Set(rows.filter((r) => r.merge_id !== mergeId).map((r) => r.old_class_id));
}

/** The batch as the job applies it: the class spaces a teacher took first are skipped. */
export function withoutTakenClasses(batch: MergeBatch, taken: ReadonlySet<string>): MergeBatch {
  if (taken.size === 0) return batch;
  return { ...batch, classes: batch.classes.map((c) => (c.action === 'recover' && taken.has(c.oldClassId) ? { action: 'skip', oldClassId: c.oldClassId } : c)) };
}

interface ClassRow { id: string; label: string; school_uai: string }

async function classesById(ctx: ServerContext, ids: readonly string[]): Promise<Map<string, ClassRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('classes').select(['id', 'label', 'school_uai']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function schoolNames(ctx: ServerContext, uais: readonly string[]): Promise<Map<string, string>> {
  if (uais.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('schools').select(['uai', 'name']).where('uai', 'in', [...new Set(uais)]).execute();
  return new Map(rows.map((r) => [r.uai, r.name]));
}

/** Claims as the contract shows them: labels, school, and for the school's batch how far its merge is. */
async function describe(ctx: ServerContext, p: Principal, claims: ClassSpaceClaimsTable[]): Promise<Map<string, MovedClassSpace>> {
  const classes = await classesById(ctx, claims.flatMap((c) => [c.old_class_id, c.new_class_id]));
  const names = await schoolNames(ctx, [...classes.values()].map((c) => c.school_uai));
  const mergeIds = [...new Set(claims.map((c) => c.merge_id).filter((id): id is string => id !== null))];
  const merges = mergeIds.length
    ? await ctx.db
        .selectFrom('merges')
        .leftJoin('accounts', 'accounts.id', 'merges.accepted_by_account')
        .leftJoin('merge_steps', (j) => j.onRef('merge_steps.merge_id', '=', 'merges.id').on('merge_steps.name', '=', 'class-spaces'))
        .select(['merges.id', 'merges.status', 'merges.finished_at', 'accounts.prenom', 'accounts.nom', 'merge_steps.done', 'merge_steps.total'])
        .where('merges.id', 'in', mergeIds)
        .execute()
    : [];
  const out = new Map<string, MovedClassSpace>();
  for (const c of claims) {
    const oldClass = classes.get(c.old_class_id);
    const m = merges.find((x) => x.id === c.merge_id);
    const status = m?.status === 'running' || m?.status === 'done' || m?.status === 'failed' ? m.status : 'accepted';
    out.set(c.old_class_id, {
      oldClassId: c.old_class_id,
      oldLabel: oldClass?.label ?? c.old_class_id,
      oldSchoolUai: oldClass?.school_uai ?? '',
      oldSchoolName: names.get(oldClass?.school_uai ?? '') ?? '',
      newClassId: c.new_class_id,
      newLabel: classes.get(c.new_class_id)?.label ?? c.new_class_id,
      apps: appsOf(c.apps),
      by: c.kind === 'teacher' ? 'teacher' : 'school',
      mine: c.kind === 'teacher' && c.account_id === p.accountId,
      at: c.created_at,
      merge: m
        ? { status, acceptedByName: m.prenom ? `${m.prenom} ${m.nom ?? ''}`.trim() : '', finishedAt: m.finished_at, progress: { done: Number(m.done ?? 0), total: Number(m.total ?? 0) } }
        : null,
      moved: c.moved ? (JSON.parse(c.moved) as AppCounts) : null,
    });
  }
  return out;
}

/** The teacher's classes of this year (where an old class space may go). */
async function targetsOf(ctx: ServerContext, p: Principal): Promise<ClassRow[]> {
  const ids = p.roles.filter((r) => r.role === 'teacher' && r.classId !== null).map((r) => r.classId as string);
  if (ids.length === 0) return [];
  return ctx.db.selectFrom('classes').select(['id', 'label', 'school_uai']).where('id', 'in', [...new Set(ids)]).where('year', '=', 'new').orderBy('position').execute();
}

async function classSpaceCounts(ctx: ServerContext, classIds: readonly string[]): Promise<Map<string, AppCounts>> {
  if (classIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(['spaces.class_id as classId', 'items.app', (eb) => eb.fn.countAll<number>().as('n')])
    .where('spaces.kind', '=', 'class')
    .where('spaces.class_id', 'in', [...classIds])
    .groupBy(['spaces.class_id', 'items.app'])
    .execute();
  const out = new Map<string, AppCounts>();
  for (const r of rows) if (r.classId) out.set(r.classId, { ...out.get(r.classId), [r.app]: Number(r.n) });
  return out;
}

/** What came into the teacher's classes; with a grant, each old class the proven account taught and its fate. */
export async function teacherClassSpaces(ctx: ServerContext, p: Principal, grant: Grant | null): Promise<TeacherClassSpacesResponse> {
  requireRole(p, 'teacher');
  const targets = await targetsOf(ctx, p);
  const incomingRows = targets.length ? await ctx.db.selectFrom('class_space_claims').selectAll().where('new_class_id', 'in', targets.map((t) => t.id)).orderBy('created_at').execute() : [];
  const oldIds = grant?.classes ?? [];
  const oldClaims = oldIds.length ? await ctx.db.selectFrom('class_space_claims').selectAll().where('old_class_id', 'in', oldIds).execute() : [];
  const described = await describe(ctx, p, [...incomingRows, ...oldClaims]);
  let old: TeacherClassSpacesResponse['old'] = null;
  if (grant) {
    const rows = oldIds.length ? await ctx.db.selectFrom('classes').select(['id', 'label', 'school_uai']).where('id', 'in', oldIds).where('year', '=', 'old').orderBy('school_uai').orderBy('position').execute() : [];
    const names = await schoolNames(ctx, rows.map((r) => r.school_uai));
    const counts = await classSpaceCounts(ctx, rows.map((r) => r.id));
    old = rows.map((r) => {
      const claim = oldClaims.find((c) => c.old_class_id === r.id);
      const movedTo = claim ? (described.get(r.id) ?? null) : null;
      const state = !claim ? 'available' : claim.kind === 'school' ? 'school' : claim.account_id === p.accountId ? 'mine' : 'other';
      return { id: r.id, label: r.label, schoolUai: r.school_uai, schoolName: names.get(r.school_uai) ?? '', apps: counts.get(r.id) ?? {}, state, movedTo };
    });
  }
  const answer = await ctx.db.selectFrom('teacher_space_answers').selectAll().where('account_id', '=', p.accountId).executeTakeFirst();
  return {
    targets: targets.map((t) => ({ id: t.id, label: t.label, schoolUai: t.school_uai })),
    incoming: incomingRows.map((c) => described.get(c.old_class_id)).filter((x): x is MovedClassSpace => x !== undefined),
    old,
    answer: answer ? { decision: answer.decision === 'recovered' ? 'recovered' : 'declined', at: answer.created_at } : null,
  };
}

const alreadyAnswered = (): HttpError => new HttpError('conflict', { message: 'Vous avez déjà répondu pour vos anciennes classes : cette réponse est définitive, rien n’a bougé.', key: 'classes.answered' });

function takenError(kind: string | undefined): HttpError {
  return kind === 'school'
    ? new HttpError('conflict', { message: "L'espace de cette ancienne classe a déjà été récupéré par le lot de rapprochement de l'école : le premier l'emporte, rien n'a bougé.", key: 'classes.taken-by-school' })
    : new HttpError('conflict', { message: "L'espace de cette ancienne classe a déjà été récupéré par un autre enseignant de cette classe : le premier l'emporte, rien n'a bougé.", key: 'classes.taken-by-teacher' });
}

async function classSpaceOf(tx: Transaction<DB>, classId: string): Promise<string | null> {
  const row = await tx.selectFrom('spaces').select('id').where('kind', '=', 'class').where('class_id', '=', classId).executeTakeFirst();
  return row?.id ?? null;
}

/** Moves one old class space's chosen apps (and its licences, within the same school) into the teacher's class. */
async function moveClassSpace(tx: Transaction<DB>, oldClass: ClassRow, newClass: ClassRow, apps: readonly SpaceApp[]): Promise<{ moved: AppCounts; licences: number }> {
  const src = await classSpaceOf(tx, oldClass.id);
  let dst = await classSpaceOf(tx, newClass.id);
  if (!dst) {
    dst = `sp-${newClass.id}`;
    await tx.insertInto('spaces').values({ id: dst, year: 'new', school_uai: newClass.school_uai, kind: 'class', class_id: newClass.id, owner_id: null }).execute();
  }
  const moved: AppCounts = {};
  if (src && apps.length) {
    const counts = await tx.selectFrom('items').select(['app', (eb) => eb.fn.countAll<number>().as('n')]).where('space_id', '=', src).where('app', 'in', [...apps]).groupBy('app').execute();
    for (const c of counts) moved[c.app] = Number(c.n);
    await tx.updateTable('items').set({ space_id: dst }).where('space_id', '=', src).where('app', 'in', [...apps]).execute();
  }
  let licences = 0;
  if (oldClass.school_uai === newClass.school_uai) {
    const res = await tx.updateTable('licences').set({ class_id: newClass.id }).where('class_id', '=', oldClass.id).executeTakeFirst();
    licences = Number(res.numUpdatedRows);
  }
  return { moved, licences };
}

/** The teacher's one answer: their old class spaces into their classes (first wins), or none. */
export async function recoverTeacherClassSpaces(ctx: ServerContext, p: Principal, grant: Grant | null, body: TeacherClassSpacesRequest): Promise<TeacherClassSpacesResult> {
  requireRole(p, 'teacher');
  if (body.classes.length > 0 && !grant) throw needsProof('classes');
  const invalid: Problem[] = [];
  const seen = new Set<string>();
  body.classes.forEach((c, i) => {
    if (seen.has(c.oldClassId)) invalid.push({ path: `classes.${i}.oldClassId`, message: 'cette ancienne classe apparaît plusieurs fois' });
    seen.add(c.oldClassId);
    if (c.action === 'recover' && c.apps.length === 0) invalid.push({ path: `classes.${i}.apps`, message: 'choisissez au moins une application, ou « Je ne souhaite pas récupérer les informations de mon ancienne classe »' });
    if (c.action === 'recover' && new Set(c.apps).size !== c.apps.length) invalid.push({ path: `classes.${i}.apps`, message: 'application en double' });
  });
  if (invalid.length) throw new HttpError('validation', { problems: invalid });
  // Only the classes the proven old account taught, only into one's own classes: unknown ids are "not covered" too.
  const covered = new Set(grant?.classes ?? []);
  const targets = new Map((await targetsOf(ctx, p)).map((t) => [t.id, t]));
  const oldClasses = await classesById(ctx, body.classes.map((c) => c.oldClassId));
  const refused: Problem[] = [];
  body.classes.forEach((c, i) => {
    if (!covered.has(c.oldClassId) || !oldClasses.has(c.oldClassId)) refused.push({ path: `classes.${i}.oldClassId`, message: "cette ancienne classe n'est pas couverte par l'ancien compte vérifié" });
    if (c.action === 'recover' && !targets.has(c.newClassId)) refused.push({ path: `classes.${i}.newClassId`, message: "cette classe n'est pas la vôtre cette année" });
  });
  if (refused.length) {
    throw new HttpError('forbidden', { message: "Vous ne pouvez récupérer que les espaces des classes que votre ancien compte enseignait, dans vos propres classes de cette année : rien n'a bougé.", key: 'classes.not-yours', problems: refused });
  }
  const recovers = body.classes.filter((c) => c.action === 'recover');
  const at = new Date(ctx.now()).toISOString();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      // First statement: the teacher's one answer (a replay, or a concurrent answer, stops here).
      await tx.insertInto('teacher_space_answers').values({ account_id: p.accountId, decision: recovers.length ? 'recovered' : 'declined', created_at: at }).execute();
      const moved: TeacherClassSpacesResult['moved'] = [];
      for (const c of recovers) {
        const oldClass = oldClasses.get(c.oldClassId) as ClassRow;
        const newClass = targets.get(c.newClassId) as ClassRow;
        await tx.insertInto('class_space_claims').values({ old_class_id: c.oldClassId, new_class_id: c.newClassId, kind: 'teacher', merge_id: null, account_id: p.accountId, apps: c.apps.join(','), moved: null, created_at: at }).execute();
        const result = await moveClassSpace(tx, oldClass, newClass, c.apps);
        await tx.updateTable('class_space_claims').set({ moved: JSON.stringify(result.moved) }).where('old_class_id', '=', c.oldClassId).execute();
        moved.push({ oldClassId: c.oldClassId, newClassId: c.newClassId, ...result });
      }
      return { decision: recovers.length ? 'recovered' : 'declined', moved };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const answered = await ctx.db.selectFrom('teacher_space_answers').select('account_id').where('account_id', '=', p.accountId).executeTakeFirst();
    if (answered) throw alreadyAnswered();
    const claim = await ctx.db.selectFrom('class_space_claims').select('kind').where('old_class_id', 'in', recovers.map((c) => c.oldClassId)).executeTakeFirst();
    throw takenError(claim?.kind);
  }
}
