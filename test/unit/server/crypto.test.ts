/** Passwords, signed tokens, readable passwords: the server's small security helpers. */
import { describe, expect, it } from 'vitest';
import { derivedKey, hashPassword, parseSecrets, readablePassword, seal, signToken, unseal, verifyPassword, verifyToken, type SigningKeys } from '../../../src-server/services/crypto';

const raw = Buffer.alloc(32, 1);
const secret: SigningKeys = { sign: raw, verify: [raw] };
const other: SigningKeys = { sign: Buffer.alloc(32, 2), verify: [Buffer.alloc(32, 2)] };

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword('Motdepasse-1', 1 << 10);
    const b = await hashPassword('Motdepasse-1', 1 << 10);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$/);
    expect(await verifyPassword('Motdepasse-1', a)).toBe(true);
    expect(await verifyPassword('motdepasse-1', a)).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await verifyPassword('x', 'n/importe/quoi')).toBe(false);
  });

  it('generates readable passwords without ambiguous characters', () => {
    for (let i = 0; i < 50; i++) expect(readablePassword()).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{10}$/);
  });
});

describe('signed tokens', () => {
  const now = Date.UTC(2026, 8, 1);
  const token = signToken(secret, { typ: 'access', sub: 'n-1', exp: now / 1000 + 60 });

  it('accepts a well-signed, unexpired token of the right type', () => {
    expect(verifyToken(secret, token, 'access', now)?.sub).toBe('n-1');
  });

  it('refuses expired, forged, retyped or mangled tokens', () => {
    expect(verifyToken(secret, token, 'access', now + 61_000)).toBeNull();
    expect(verifyToken(other, token, 'access', now)).toBeNull();
    expect(verifyToken(secret, token, 'grant', now)).toBeNull();
    const [body, sig] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ typ: 'access', sub: 'n-2', exp: now / 1000 + 60 })).toString('base64url');
    expect(verifyToken(secret, `${tampered}.${sig}`, 'access', now)).toBeNull();
    expect(verifyToken(secret, `${body}`, 'access', now)).toBeNull();
    expect(verifyToken(secret, `${body}.${sig}.x`, 'access', now)).toBeNull();
    expect(verifyToken(secret, 'pas un jeton', 'access', now)).toBeNull();
  });
});

describe('signing keys', () => {
  it('reads one or more configured keys (base64 or hex), the first one signing, and refuses short ones', () => {
    const a = Buffer.alloc(32, 7).toString('base64');
    const b = Buffer.alloc(32, 8).toString('hex');
    const keys = parseSecrets(` ${a} , ${b} `);
    expect(keys.sign.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(keys.verify).toHaveLength(2);
    expect(() => parseSecrets('court')).toThrow(/32 octets/);
    expect(() => parseSecrets('')).toThrow(/32 octets/);
  });

  it('keeps accepting tokens of a retired key while signing with the new one (rotation)', () => {
    const now = Date.UTC(2026, 8, 1);
    const old = signToken(secret, { typ: 'access', sub: 'n-1', exp: now / 1000 + 60 });
    const rotated: SigningKeys = { sign: other.sign, verify: [other.sign, raw] };
    expect(verifyToken(rotated, old, 'access', now)?.sub).toBe('n-1');
    expect(verifyToken(secret, signToken(rotated, { typ: 'access', sub: 'n-2', exp: now / 1000 + 60 }), 'access', now)).toBeNull();
  });

  it('seals mail secrets so that only the derived key opens them, and detects tampering', () => {
    const key = derivedKey(secret, 'mail');
    expect(key.equals(raw)).toBe(false);
    const box = seal(key, 'Xy7-secret');
    expect(box).not.toContain('Xy7');
    expect(unseal(key, box)).toBe('Xy7-secret');
    expect(unseal(derivedKey(other, 'mail'), box)).toBeNull();
    expect(unseal(key, `${box.slice(0, -2)}AA`)).toBeNull();
    expect(unseal(key, 'pas une boîte')).toBeNull();
  });
});
