/**
 * Letters for every manager of a school: the generated credentials stay (sealed) until a manager marks the letters
 * printed or they expire, and every fetch is recorded.
 */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('merges').addColumn('credentials_released_at', 'text').execute();
  await db.schema.alterTable('merges').addColumn('credentials_released_by', 'text').execute();
  await db.schema
    .createTable('credential_fetches')
    .addColumn('merge_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credential_fetches_merge').on('credential_fetches').column('merge_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('credential_fetches').ifExists().execute();
  await db.schema.alterTable('merges').dropColumn('credentials_released_by').execute();
  await db.schema.alterTable('merges').dropColumn('credentials_released_at').execute();
}
