/**
 * What the portal shows of an account, read from the server's data: what a pupil's new account holds since the
 * school's merge (their personal space — filled by the merge when their old account was associated — and their
 * class's space, filled with what the director recovered from last year's class), a parent's children, and the
 * state of a school's merge. Read-only: the rules (who may move what) stay in the services.
 */
import type { ServerContext } from '../context';
import type { AppCounts } from '../../src-shared/api/common';
import { appCountsBySpace } from '../services/counts';

export type MergeState = 'none' | 'running' | 'done';

export async function mergeState(ctx: ServerContext, uai: string): Promise<MergeState> {
  const m = await ctx.db.selectFrom('merges').select('status').where('school_uai', '=', uai).executeTakeFirst();
  if (!m) return 'none';
  return m.status === 'done' ? 'done' : 'running';
}

export interface PupilView {
  merge: MergeState;
  /** Last year's account was associated with this one (login and password kept, personal data moved). */
  keptAccount: boolean;
  personal: AppCounts;
  classLabel: string | null;
  classSpace: AppCounts;
}

export async function pupilView(ctx: ServerContext, accountId: string, uai: string): Promise<PupilView> {
  const account = await ctx.db.selectFrom('accounts').select(['class_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const kept = await ctx.db.selectFrom('accounts').select('id').where('merged_into', '=', accountId).where('year', '=', 'old').executeTakeFirst();
  const counts = await appCountsBySpace(ctx.db, uai, 'new');
  const personal = await ctx.db.selectFrom('spaces').select('id').where('owner_id', '=', accountId).where('kind', '=', 'personal').executeTakeFirst();
  const cls = account.class_id ? await ctx.db.selectFrom('classes').select('label').where('id', '=', account.class_id).executeTakeFirst() : undefined;
  const classSpace = account.class_id ? await ctx.db.selectFrom('spaces').select('id').where('kind', '=', 'class').where('class_id', '=', account.class_id).executeTakeFirst() : undefined;
  return {
    merge: await mergeState(ctx, uai),
    keptAccount: kept !== undefined,
    personal: personal ? (counts.get(personal.id) ?? {}) : {},
    classLabel: cls?.label ?? null,
    classSpace: classSpace ? (counts.get(classSpace.id) ?? {}) : {},
  };
}

/** Items in the account's own personal space, per app. */
export async function personalCounts(ctx: ServerContext, accountId: string): Promise<AppCounts> {
  const rows = await ctx.db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(['items.app as app', (eb) => eb.fn.countAll<number>().as('n')])
    .where('spaces.owner_id', '=', accountId)
    .where('spaces.kind', '=', 'personal')
    .groupBy('items.app')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.app, Number(r.n)]));
}

export interface Child { prenom: string; nom: string; classLabel: string | null; schoolUai: string }

/** This year's children of a parent, with their class. */
export async function childrenOf(ctx: ServerContext, parentId: string): Promise<Child[]> {
  const rows = await ctx.db
    .selectFrom('parent_links')
    .innerJoin('accounts as child', 'child.id', 'parent_links.pupil_id')
    .leftJoin('classes', 'classes.id', 'child.class_id')
    .select(['child.prenom as prenom', 'child.nom as nom', 'classes.label as classLabel', 'child.school_uai as schoolUai'])
    .where('parent_links.parent_id', '=', parentId)
    .where('child.year', '=', 'new')
    .orderBy('child.prenom')
    .execute();
  return rows;
}
