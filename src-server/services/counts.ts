/** Item counts per space and app, and licences per class, for one school and year. */
import type { Kysely } from 'kysely';
import type { DB, Year } from '../db/schema';
import type { AppCounts } from '../../src-shared/api/common';

export async function appCountsBySpace(db: Kysely<DB>, uai: string, year: Year): Promise<Map<string, AppCounts>> {
  const rows = await db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(['items.space_id as spaceId', 'items.app as app', (eb) => eb.fn.countAll<number>().as('n')])
    .where('spaces.school_uai', '=', uai)
    .where('spaces.year', '=', year)
    .groupBy(['items.space_id', 'items.app'])
    .execute();
  const out = new Map<string, AppCounts>();
  for (const r of rows) {
    const counts = out.get(r.spaceId) ?? {};
    counts[r.app] = Number(r.n);
    out.set(r.spaceId, counts);
  }
  return out;
}

export async function licencesByClass(db: Kysely<DB>, uai: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('licences').select(['class_id', (eb) => eb.fn.countAll<number>().as('n')]).where('school_uai', '=', uai).groupBy('class_id').execute();
  return new Map(rows.map((r) => [r.class_id, Number(r.n)]));
}

export function addCounts(into: AppCounts, from: AppCounts | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
}
