/**
 * An index on `accounts.merged_into`: each new pupil's credentials step asks whether an old account was merged into
 * it, which scanned every account of the académie (430,000 rows for 300 schools) once per pupil.
 */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('accounts_merged_into').on('accounts').column('merged_into').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('accounts_merged_into').ifExists().execute();
}
