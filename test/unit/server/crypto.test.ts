/** Passwords, signed tokens, readable passwords: the server's small security helpers. */
import { describe, expect, it } from 'vitest';
import { hashPassword, readablePassword, signToken, verifyPassword, verifyToken } from '../../../src-server/services/crypto';

const secret = Buffer.alloc(32, 1);

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
    expect(verifyToken(Buffer.alloc(32, 2), token, 'access', now)).toBeNull();
    expect(verifyToken(secret, token, 'grant', now)).toBeNull();
    const [body, sig] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ typ: 'access', sub: 'n-2', exp: now / 1000 + 60 })).toString('base64url');
    expect(verifyToken(secret, `${tampered}.${sig}`, 'access', now)).toBeNull();
    expect(verifyToken(secret, `${body}`, 'access', now)).toBeNull();
    expect(verifyToken(secret, `${body}.${sig}.x`, 'access', now)).toBeNull();
    expect(verifyToken(secret, 'pas un jeton', 'access', now)).toBeNull();
  });
});
