/**
 * Every role's own steps (issue "every role has its screens"): an old class space moves once — by the school's
 * accepted batch or by a teacher who taught it, whoever comes first (`class_space_claims`, one row per old class);
 * a teacher answers once for their old class spaces (`teacher_space_answers`); a personal-data claim records the
 * apps chosen (`personal_claims.apps`). Merges accepted before this migration claim the class spaces they recover.
 */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('class_space_claims')
    .addColumn('old_class_id', 'text', (c) => c.primaryKey())
    .addColumn('new_class_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('merge_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('apps', 'text', (c) => c.notNull())
    .addColumn('moved', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('class_space_claims_new_class').on('class_space_claims').column('new_class_id').execute();
  await db.schema
    .createTable('teacher_space_answers')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('personal_claims').addColumn('apps', 'text').execute();

  const merges = (await db.selectFrom('merges').select(['id', 'batch', 'accepted_at']).orderBy('accepted_at').execute()) as Array<{ id: string; batch: string; accepted_at: string }>;
  for (const m of merges) {
    let classes: unknown;
    try {
      classes = (JSON.parse(m.batch) as { classes?: unknown }).classes;
    } catch {
      continue;
    }
    if (!Array.isArray(classes)) continue;
    for (const c of classes as Array<{ action?: unknown; oldClassId?: unknown; newClassId?: unknown; apps?: unknown }>) {
      if (c.action !== 'recover' || typeof c.oldClassId !== 'string' || typeof c.newClassId !== 'string') continue;
      const apps = Array.isArray(c.apps) ? c.apps.filter((a): a is string => typeof a === 'string').join(',') : '';
      await db
        .insertInto('class_space_claims')
        .values({ old_class_id: c.oldClassId, new_class_id: c.newClassId, kind: 'school', merge_id: m.id, account_id: null, apps, moved: null, created_at: m.accepted_at })
        .onConflict((oc) => oc.column('old_class_id').doNothing())
        .execute();
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('personal_claims').dropColumn('apps').execute();
  await db.schema.dropTable('teacher_space_answers').ifExists().execute();
  await db.schema.dropTable('class_space_claims').ifExists().execute();
}
