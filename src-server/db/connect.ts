/**
 * Opens the database: SQLite file `ent.sqlite` in the data folder (WAL, busy_timeout) by default, PostgreSQL when a
 * URL is given. Runs the migrations (one set for both) before returning. SQLite is in clear text by default (the
 * reference server holds demo data); `encrypt` switches to an encrypted file keyed from the data folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase, { type Database as SqliteHandle } from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_trust';
import * as m0003 from './migrations/0003_letters';
import * as m0004 from './migrations/0004_class_spaces';
import * as m0005 from './migrations/0005_school_commune';
import * as m0006 from './migrations/0006_accounts_merged_into';
import * as m0007 from './migrations/0007_spaces_class';
import { privateDir, privateFile, writePrivateFile } from '../files';

export type DialectName = 'sqlite' | 'postgres';
/** The kysely handle, plus the driver's own handle for libraries that need it (rate-limiter-flexible, pg-boss). */
export type RawClient = { dialect: 'sqlite'; sqlite: SqliteHandle } | { dialect: 'postgres'; pool: pg.Pool; url: string };
export interface Database { db: Kysely<DB>; dialect: DialectName; raw: RawClient; close(): Promise<void> }

const MIGRATIONS: Record<string, Migration> = { '0001_initial': m0001, '0002_trust': m0002, '0003_letters': m0003, '0004_class_spaces': m0004, '0005_school_commune': m0005, '0006_accounts_merged_into': m0006, '0007_spaces_class': m0007 };

// PostgreSQL COUNT(*) is a bigint, returned as a string by pg: parse int8 as a JS number (our counts are small).
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

/** Key of the encrypted SQLite file, generated once per data folder (`database.key`, mode 0600). */
function databaseKey(dataDir: string): string {
  const file = join(dataDir, 'database.key');
  if (existsSync(file)) {
    privateFile(file);
    return readFileSync(file, 'utf8').trim();
  }
  const key = randomBytes(32).toString('hex');
  writePrivateFile(file, key);
  return key;
}

export async function openDatabase(opts: { dataDir: string; databaseUrl?: string | undefined; encrypt?: boolean | undefined; poolSize?: number | undefined }): Promise<Database> {
  let db: Kysely<DB>;
  let dialect: DialectName;
  let raw: RawClient;
  if (opts.databaseUrl) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    raw = { dialect, pool, url: opts.databaseUrl };
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    privateDir(opts.dataDir);
    const path = join(opts.dataDir, opts.encrypt ? 'ent-encrypted.sqlite' : 'ent.sqlite');
    // The file (and so its -wal and -shm companions, which SQLite creates with the same mode) is 0600.
    for (const f of [path, `${path}-wal`, `${path}-shm`]) privateFile(f, f === path);
    const file = new SqliteDatabase(path);
    raw = { dialect, sqlite: file };
    if (opts.encrypt) {
      // SQLCipher-compatible encryption; the key is 64 hex characters of our own making (nothing to escape).
      file.pragma(`cipher='sqlcipher'`);
      file.pragma(`key="x'${databaseKey(opts.dataDir)}'"`);
    }
    file.pragma('journal_mode = WAL');
    file.pragma('busy_timeout = 5000');
    file.pragma('synchronous = NORMAL');
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: file }) });
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration de la base impossible${failed ? ` (${failed.migrationName})` : ''}`, { cause: error });
  }
  return { db, dialect, raw, close: () => db.destroy() };
}

/** True when the error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
