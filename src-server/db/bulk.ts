/** Bulk inserts in bounded batches (SQLite and PostgreSQL both cap the number of bound parameters). */
import type { Kysely, Insertable } from 'kysely';
import type { DB } from './schema';

export async function insertMany<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Array<Insertable<DB[T]>>, batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    // kysely's generic insert types cannot follow a generic table name; rows are typed by the caller.
    await db.insertInto(table).values(rows.slice(i, i + batch) as never).execute();
  }
}
