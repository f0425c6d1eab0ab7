/** The school's town (`commune`), when the ENT knows it: a referent searches her board by town. */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('schools').addColumn('commune', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('schools').dropColumn('commune').execute();
}
