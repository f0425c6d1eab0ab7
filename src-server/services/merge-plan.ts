/**
 * The job's plan, written with the accepted batch: ordered operations, grouped in steps whose totals are known
 * up front. The worker applies them chunk by chunk (see worker/apply.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { MERGE_STEPS, type MergeBatch, type MergeStepName } from '../../src-shared/api/merge';

export const STEP_LABELS: Record<MergeStepName, string> = {
  'school-space': "Espace de l'école",
  'class-spaces': 'Espaces de classe',
  licences: 'Licences',
  'pupil-data': 'Données personnelles des élèves',
  'pupil-credentials': 'Identifiants des nouveaux élèves',
};

export type OpKind = 'move-items' | 'move-licences' | 'link-pupil' | 'credentials';

async function spaceOf(db: Kysely<DB>, where: { uai: string; year: 'old' | 'new'; kind: 'school' } | { kind: 'class'; classId: string } | { kind: 'personal'; ownerId: string }): Promise<string | null> {
  let q = db.selectFrom('spaces').select('id').where('kind', '=', where.kind);
  if (where.kind === 'school') q = q.where('school_uai', '=', where.uai).where('year', '=', where.year);
  else if (where.kind === 'class') q = q.where('class_id', '=', where.classId);
  else q = q.where('owner_id', '=', where.ownerId);
  const row = await q.executeTakeFirst();
  return row?.id ?? null;
}

async function countItems(db: Kysely<DB>, spaceId: string, apps: readonly string[]): Promise<number> {
  if (apps.length === 0) return 0;
  const r = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).where('space_id', '=', spaceId).where('app', 'in', apps).executeTakeFirst();
  return Number(r?.n ?? 0);
}

async function oldAccountsWithoutPassword(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('accounts').select('id').where('id', 'in', ids.slice(i, i + 500)).where('password_hash', 'is', null).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Personal items per old account for the given apps, in one query. */
async function personalCounts(db: Kysely<DB>, ownerIds: string[], apps: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (apps.length === 0) return out;
  for (let i = 0; i < ownerIds.length; i += 500) {
    const ids = ownerIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('items')
      .innerJoin('spaces', 'spaces.id', 'items.space_id')
      .select(['spaces.owner_id as owner', (eb) => eb.fn.countAll<number>().as('n')])
      .where('spaces.kind', '=', 'personal')
      .where('spaces.owner_id', 'in', ids)
      .where('items.app', 'in', apps)
      .groupBy('spaces.owner_id')
      .execute();
    for (const r of rows) if (r.owner) out.set(r.owner, Number(r.n));
  }
  return out;
}

export async function planMerge(db: Kysely<DB>, mergeId: string, uai: string, batch: MergeBatch, newPupilIds: string[]): Promise<void> {
  const ops: Array<{ step: MergeStepName; kind: OpKind; src: string; dst: string; apps: string[] }> = [];
  const totals = new Map<MergeStepName, number>(MERGE_STEPS.map((s) => [s, 0]));
  const add = (step: MergeStepName, kind: OpKind, src: string, dst: string, apps: string[], total: number) => {
    ops.push({ step, kind, src, dst, apps });
    totals.set(step, (totals.get(step) ?? 0) + total);
  };
  if (batch.schoolSpace && batch.schoolSpace.apps.length) {
    const src = await spaceOf(db, { kind: 'school', uai, year: 'old' });
    const dst = await spaceOf(db, { kind: 'school', uai, year: 'new' });
    if (src && dst) add('school-space', 'move-items', src, dst, batch.schoolSpace.apps, await countItems(db, src, batch.schoolSpace.apps));
  }
  for (const c of batch.classes) {
    if (c.action !== 'recover') continue;
    const src = await spaceOf(db, { kind: 'class', classId: c.oldClassId });
    const dst = await spaceOf(db, { kind: 'class', classId: c.newClassId });
    if (src && dst && c.apps.length) add('class-spaces', 'move-items', src, dst, c.apps, await countItems(db, src, c.apps));
    const lic = await db.selectFrom('licences').select((eb) => eb.fn.countAll<number>().as('n')).where('class_id', '=', c.oldClassId).executeTakeFirst();
    const n = Number(lic?.n ?? 0);
    if (n > 0) add('licences', 'move-licences', c.oldClassId, c.newClassId, [], n);
  }
  const associated = new Set<string>();
  const personal = await personalCounts(db, batch.pupils.map((p) => p.oldPupilId), batch.personalApps);
  const withoutPassword = await oldAccountsWithoutPassword(db, batch.pupils.map((p) => p.oldPupilId));
  for (const p of batch.pupils) {
    // One unit per association plus one per personal item it brings along; the new account keeps the old login
    // and password, unless the old account never had a password: then it gets generated credentials too.
    if (!withoutPassword.has(p.oldPupilId)) associated.add(p.newPupilId);
    add('pupil-data', 'link-pupil', p.oldPupilId, p.newPupilId, batch.personalApps, 1 + (personal.get(p.oldPupilId) ?? 0));
  }
  for (const id of newPupilIds) if (!associated.has(id)) add('pupil-credentials', 'credentials', id, id, [], 1);

  await db
    .insertInto('merge_steps')
    .values(MERGE_STEPS.map((name, position) => ({ merge_id: mergeId, name, position, label: STEP_LABELS[name], total: totals.get(name) ?? 0, done: 0, status: 'pending' })))
    .execute();
  for (let i = 0; i < ops.length; i += 400) {
    await db
      .insertInto('merge_ops')
      .values(ops.slice(i, i + 400).map((o, j) => ({ merge_id: mergeId, seq: i + j, step: o.step, kind: o.kind, src: o.src, dst: o.dst, apps: o.apps.join(','), done: 0 })))
      .execute();
  }
}
