/**
 * Passwords (scrypt, parameters stored in the hash), HMAC-signed tokens with expiry, constant-time comparisons,
 * and the per-data-folder secret key (file `server-secret.key`, mode 0600).
 */
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'server-secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('base64'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
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

export function signToken(secret: Buffer, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${sig}`;
}

/** Returns the payload of a well-signed, unexpired token of the given type, else null. */
export function verifyToken(secret: Buffer, token: string, typ: string, nowMs: number): TokenPayload | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
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
