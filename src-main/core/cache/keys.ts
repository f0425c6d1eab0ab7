/**
 * Where the cache's encryption key comes from. The Electron host supplies a `safeStorage`-backed provider;
 * the browser host and the CLI use a key file readable only by the user, inside the user's data folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keyedError } from '../../../src-shared/messages';

export interface KeyProvider {
  /** A Buffer is used as a raw key (hex), a string as a passphrase. */
  getKey(): Promise<Buffer | string>;
}

export const KEY_FILE_NAME = 'cache.key';
const KEY_BYTES = 32;

/** A random 32-byte key kept in `<dataDir>/cache.key` with mode 0600, created on first use. */
export class KeyFileProvider implements KeyProvider {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, KEY_FILE_NAME);
  }

  async getKey(): Promise<Buffer> {
    const existing = this.readExisting();
    if (existing) return existing;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    try {
      // 'wx': never overwrite a key another process created in the meantime.
      writeFileSync(this.path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        const raced = this.readExisting();
        if (raced) return raced;
      }
      throw keyedError('internal', 'cache.key-create', "Impossible de créer la clé de chiffrement du cache. Vérifiez les droits du dossier de données.");
    }
    if (process.platform !== 'win32') chmodSync(this.path, 0o600);
    return key;
  }

  private readExisting(): Buffer | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8').trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw keyedError('internal', 'cache.key-read', 'Impossible de lire la clé de chiffrement du cache. Vérifiez les droits du dossier de données.');
    }
    if (!/^[0-9a-f]{64}$/i.test(text)) {
      throw keyedError('internal', 'cache.key-unreadable', 'La clé de chiffrement du cache est illisible. Supprimez le dossier de données de cet utilisateur puis retéléchargez les listes.');
    }
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    return Buffer.from(text, 'hex');
  }
}

/** A fixed key, for tests and for hosts that manage the key themselves. */
export class StaticKeyProvider implements KeyProvider {
  constructor(private readonly key: Buffer | string) {}
  async getKey(): Promise<Buffer | string> {
    return this.key;
  }
}
