import type { Database } from 'better-sqlite3';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-activity';
import type { Migration } from './types';
import { keyedError } from '../../../../src-shared/messages';

export type { Migration } from './types';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION, one transaction per migration; refuses a database from the future. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const target = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > target) {
    throw keyedError('internal', 'cache.newer-version', 'Ce cache a été créé par une version plus récente de Passerelle (schéma {current}, cette version connaît {target}). Mettez Passerelle à jour.', { current, target });
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return target;
}
