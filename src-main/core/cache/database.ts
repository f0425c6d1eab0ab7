/**
 * Opens the encrypted SQLite cache of one signed-in user: key first (`PRAGMA key`/`hexkey`), then WAL,
 * `synchronous = FULL` (a committed decision survives a power cut, not only a kill -9), foreign keys,
 * then migrations. A database newer than this app is refused.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { KeyProvider } from './keys';
import { migrate, MIGRATIONS, type Migration } from './migrations';
import { keyedError } from '../../../src-shared/messages';

export type { SqliteDatabase };

export interface CacheDatabase {
  readonly path: string;
  /** The one write connection. Every service writes through it, synchronously, so writes never interleave. */
  readonly db: SqliteDatabase;
  readonly schemaVersion: number;
  close(): void;
}

export interface OpenCacheOptions {
  path: string;
  keyProvider: KeyProvider;
  /** Only for migration tests. */
  migrations?: readonly Migration[];
}

export const CACHE_FILE_NAME = 'cache.sqlite';

export async function openCache(options: OpenCacheOptions): Promise<CacheDatabase> {
  const key = await options.keyProvider.getKey();
  mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
  const db = new Database(options.path);
  try {
    applyKey(db, key);
    assertReadable(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted rows (the post-merge wipe) are overwritten, not just unlinked.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(db, options.migrations ?? MIGRATIONS);
    restrictToUser(options.path);
    return {
      path: options.path,
      db,
      schemaVersion,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The database and its WAL files readable by the user only (the folder is 0700 too). */
function restrictToUser(path: string): void {
  if (process.platform === 'win32') return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch {
      // -wal/-shm may not exist yet.
    }
  }
}

function applyKey(db: SqliteDatabase, key: Buffer | string): void {
  if (Buffer.isBuffer(key)) {
    if (key.length === 0) throw new AppError('internal', 'Clé de chiffrement du cache vide.');
    db.pragma(`hexkey = '${key.toString('hex')}'`);
  } else {
    if (key.length === 0) throw new AppError('internal', 'Clé de chiffrement du cache vide.');
    db.pragma(`key = '${key.replaceAll("'", "''")}'`);
  }
}

function assertReadable(db: SqliteDatabase): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw keyedError(
        'internal',
        'cache.unreadable',
        "Le cache local ne peut pas être ouvert (clé de chiffrement différente ou fichier abîmé). Supprimez le dossier de données de cet utilisateur puis retéléchargez les listes.",
      );
    }
    throw err;
  }
}

/** `PRAGMA integrity_check` → true when the database is sound. */
export function integrityOk(db: SqliteDatabase): boolean {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.length === 1 && rows[0]?.integrity_check === 'ok';
}

export function nowIso(): string {
  return new Date().toISOString();
}
