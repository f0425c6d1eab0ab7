/**
 * Electron `safeStorage`-backed key provider and token store, written against a structural interface so this
 * file never imports `electron`: the Electron host passes `safeStorage` itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KeyProvider } from '../cache/keys';
import { storedTokensSchema, type StoredTokens, type TokenStore } from './index';
import { keyedError } from '../../../src-shared/messages';

/** The part of Electron's `safeStorage` we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

function requireAvailable(safeStorage: SafeStorageLike): void {
  if (!safeStorage.isEncryptionAvailable()) {
    throw keyedError('internal', 'secrets.unavailable', "Le coffre-fort du système n'est pas disponible : impossible de protéger les données de Passerelle sur cet ordinateur.");
  }
}

function writePrivate(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, data, { mode: 0o600 });
}

function readIfExists(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The cache key, random, stored encrypted by the OS keychain in `<dataDir>/cache.key.safe`. */
export class SafeStorageKeyProvider implements KeyProvider {
  readonly path: string;
  constructor(dataDir: string, private readonly safeStorage: SafeStorageLike) {
    this.path = join(dataDir, 'cache.key.safe');
  }

  async getKey(): Promise<Buffer> {
    requireAvailable(this.safeStorage);
    const existing = readIfExists(this.path);
    if (existing) {
      const hex = this.safeStorage.decryptString(existing);
      if (!/^[0-9a-f]{64}$/.test(hex)) throw keyedError('internal', 'cache.key-unreadable', 'La clé de chiffrement du cache est illisible. Supprimez le dossier de données de cet utilisateur puis retéléchargez les listes.');
      return Buffer.from(hex, 'hex');
    }
    const key = randomBytes(32);
    writePrivate(this.path, this.safeStorage.encryptString(key.toString('hex')));
    return key;
  }
}

/** ENT tokens encrypted by the OS keychain in `<dataDir>/tokens.safe`. */
export class SafeStorageTokenStore implements TokenStore {
  readonly path: string;
  constructor(dataDir: string, private readonly safeStorage: SafeStorageLike) {
    this.path = join(dataDir, 'tokens.safe');
  }

  async load(): Promise<StoredTokens | null> {
    const existing = readIfExists(this.path);
    if (!existing || !this.safeStorage.isEncryptionAvailable()) return null;
    try {
      const parsed = storedTokensSchema.safeParse(JSON.parse(this.safeStorage.decryptString(existing)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async save(tokens: StoredTokens): Promise<void> {
    requireAvailable(this.safeStorage);
    writePrivate(this.path, this.safeStorage.encryptString(JSON.stringify(storedTokensSchema.parse(tokens))));
  }

  async clear(): Promise<void> {
    rmSync(this.path, { force: true });
  }
}
