/** One rule for an ENT address everywhere (settings, hosts, client): https, or http for this computer only. */
import { describe, expect, it } from 'vitest';
import { parseServerUrl } from '../../../src-main/core/settings';
import { normalizeServerUrl } from '../../../src-main/core/ent/client';

describe('ENT server address', () => {
  it('accepts http only for a server on this computer, and says why otherwise', () => {
    for (const ok of ['http://127.0.0.1:8787', 'http://localhost:3000/ent', 'http://127.0.0.2:8080', 'http://[::1]:8787']) expect(parseServerUrl(ok)).toBe(ok);
    for (const bad of ['http://ent.example.fr', 'http://10.0.0.5:8787', 'http://127.0.0.1.evil.example']) {
      expect(() => parseServerUrl(bad), bad).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringMatching(/https:\/\//) }));
    }
  });

  it('is the same rule in the client as in the settings (one validator, one error code)', () => {
    for (const input of ['https://ent.example.fr/', 'http://127.0.0.1:8787/', 'ftp://x', 'http://ent.example.fr']) {
      let a: unknown;
      let b: unknown;
      try { a = parseServerUrl(input); } catch (err) { a = (err as { code: string }).code; }
      try { b = normalizeServerUrl(input); } catch (err) { b = (err as { code: string }).code; }
      expect(b, input).toEqual(a);
    }
  });
});
