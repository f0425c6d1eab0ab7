/**
 * Passwords (scrypt, parameters stored in the hash), HMAC-signed tokens with expiry, constant-time comparisons,
 * the signing keys (configured for a PostgreSQL deployment of several instances; generated once per data folder,
 * `server-secret.key` 0600, for the single-instance SQLite default) and the encryption of mail secrets at rest.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateFile, writePrivateFile } from '../files';

/** The key that signs new tokens, and every key still accepted (the signing key first: rotation keeps the old one). */
export interface SigningKeys { sign: Buffer; verify: Buffer[] }

export const SECRET_ENV = 'PASSERELLE_SERVER_SECRET';

/** Parses `key[,key…]`, each base64 (or hex) of at least 32 bytes; the first one signs. */
export function parseSecrets(value: string): SigningKeys {
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => (/^[0-9a-f]+$/i.test(k) && k.length % 2 === 0 ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64')));
  const first = keys[0];
  if (!first || keys.some((k) => k.length < 32)) {
    throw new Error(`clé de signature invalide : ${SECRET_ENV} doit contenir une ou plusieurs clés (séparées par des virgules) d'au moins 32 octets, en base64 ou en hexadécimal`);
  }
  return { sign: first, verify: keys };
}

/**
 * Signing keys: the configured value when given (required with PostgreSQL: every instance behind the load balancer
 * must verify the tokens of the others), else the data folder's own key, generated on first start.
 */
export function loadSigningKeys(opts: { dataDir: string; configured?: string | undefined; sharedDatabase: boolean }): SigningKeys {
  if (opts.configured) return parseSecrets(opts.configured);
  if (opts.sharedDatabase) {
    throw new Error(`avec PostgreSQL (DATABASE_URL), toutes les instances doivent partager la clé de signature : définissez ${SECRET_ENV} (ou --secret-file), par exemple avec « openssl rand -base64 32 »`);
  }
  const file = join(opts.dataDir, 'server-secret.key');
  if (existsSync(file)) {
    privateFile(file);
    return parseSecrets(readFileSync(file, 'utf8').trim());
  }
  const secret = randomBytes(32);
  writePrivateFile(file, secret.toString('base64'));
  return { sign: secret, verify: [secret] };
}

/** A key of its own for each use, derived from the signing key (a leaked mail key signs nothing). */
export function derivedKey(keys: SigningKeys, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', keys.sign, Buffer.alloc(0), `passerelle:${purpose}`, 32));
}

/** AES-256-GCM, `iv.tag.ciphertext` in base64url. */
export function seal(key: Buffer, clear: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

/** The clear text, or null when the box was sealed with another key or tampered with. */
export function unseal(key: Buffer, box: string): string | null {
  const [iv, tag, data] = box.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function scryptAsync(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, { N: n, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Cost 2^14 for real passwords; the published demo passwords may use a cheaper cost (they are public anyway). */
export async function hashPassword(password: string, cost: number = 1 << 14): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, cost);
  return `scrypt$${cost}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const DUMMY_HASH = `scrypt$16384$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

/** Verifies in constant time; with a null hash (unknown or inactive account) it burns the same time and says no. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split('$');
  const cost = Number(parts[1]);
  if (parts.length !== 4 || parts[0] !== 'scrypt' || !Number.isInteger(cost)) return false;
  const expected = Buffer.from(parts[3] ?? '', 'base64');
  const actual = await scryptAsync(password, Buffer.from(parts[2] ?? '', 'base64'), cost);
  return stored !== null && expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A readable password for a person to type: no ambiguous characters (0/O, 1/l/I). */
export function readablePassword(length = 10): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export interface TokenPayload { typ: string; sub: string; exp: number; [key: string]: unknown }

export function signToken(keys: SigningKeys, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', keys.sign).update(body).digest('base64url');
  return `${body}.${sig}`;
}

/** Returns the payload of a well-signed, unexpired token of the given type, else null. */
export function verifyToken(keys: SigningKeys, token: string, typ: string, nowMs: number): TokenPayload | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const given = Buffer.from(sig, 'base64url');
  const signedByUs = keys.verify.some((key) => {
    const expected = createHmac('sha256', key).update(body).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedByUs) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<TokenPayload>;
  if (p.typ !== typ || typeof p.sub !== 'string' || typeof p.exp !== 'number' || p.exp * 1000 <= nowMs) return null;
  return p as TokenPayload;
}
