/**
 * An index on `spaces.class_id`: accepting a batch plans each recovered class space by its class (old and new),
 * which scanned every space of the académie — each pupil's personal space included, about 1,000 rows per school —
 * twice per class, so accepting 300 schools' batches one after the other grew with the square of the schools
 * (npm run bench -- referent: sending 60 schools 5.6 s, 300 schools 135 s).
 */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('spaces_class').on('spaces').column('class_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('spaces_class').ifExists().execute();
}
