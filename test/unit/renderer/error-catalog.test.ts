/**
 * Errors as codes with parameters: every message key the core or the ENT puts on an error has its wording in the
 * renderer's French and English catalogs, with the same parameters; an error without a key is worded by its code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/errors';
import { errorsEn } from '../../../src-renderer/i18n/errors-en';
import { errorsFr } from '../../../src-renderer/i18n/errors-fr';
import { wordError } from '../../../src-renderer/i18n/errors';

const root = resolve(import.meta.dirname, '../../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** Keys written in the sources: `keyedError('code', 'key'`, `key: 'a.b'` (HttpError/EntError/AppError wording), and `key: cond ? 'a.b' : 'c.d'`. */
function keysUsed(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...files(join(root, 'src-main')), ...files(join(root, 'src-server'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/keyedError\(\s*'[a-z-]+',\s*'([a-z]+\.[a-z-]+)'/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/\bkey: ([^,}\n]+)/g)) for (const k of m[1]!.matchAll(/'([a-z]+\.[a-z-]+)'/g)) found.set(k[1]!, file);
  }
  return found;
}

const placeholders = (template: string) => [...new Set([...template.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]!))].sort();

describe('error catalog', () => {
  it('finds the keys in the sources (guard against a pattern that matches nothing)', () => {
    const used = keysUsed();
    expect(used.size).toBeGreaterThan(40);
    expect(used.has('school.undecided')).toBe(true);
    expect(used.has('auth.wrong-credentials')).toBe(true);
  });

  it('words every key used by the core and the ENT, in French and in English', () => {
    const missing = [...keysUsed()].filter(([key]) => !(key in errorsFr) || !(key in errorsEn)).map(([key, file]) => `${key} (${file.slice(root.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('has a default wording for every error code, and the same parameters in both languages', () => {
    for (const code of ERROR_CODES) expect(errorsFr[`default.${code}`], code).toBeTruthy();
    const differ = Object.keys(errorsFr).filter((k) => placeholders(errorsFr[k as keyof typeof errorsFr]).join() !== placeholders(errorsEn[k as keyof typeof errorsEn]).join());
    expect(differ).toEqual([]);
  });

  it('words an error from its key and parameters, dates in the locale, never French in English', () => {
    const conflict = { code: 'conflict' as const, message: 'Cette école a déjà été rapprochée par B. Garnier (référent ENT) le 3 septembre 2026 à 10:15.', key: 'school.reconciled-first', params: { name: 'B. Garnier', role: 'referent', acceptedAt: '2026-09-03T08:15:00.000Z' } };
    expect(wordError('en', conflict)).toBe('This school was already reconciled by B. Garnier (ENT referent) on 3 September 2026 at 10:15. The first accepted batch is final: your batch was not sent.');
    expect(wordError('fr', conflict)).toMatch(/rapprochée par B\. Garnier \(référent ENT\) le 3 septembre 2026 à 10:15\./);
    expect(wordError('en', { ...conflict, params: { ...conflict.params, name: '' } })).toMatch(/reconciled by ENT referent on/);
    expect(wordError('en', { code: 'rate-limited', message: 'x', key: 'limits.wait', params: { minutes: 1 } })).toBe('Too many attempts. Try again in 1 minute.');
    expect(wordError('fr', { code: 'rate-limited', message: 'x', key: 'limits.wait', params: { minutes: 3 } })).toBe('Trop d’essais. Réessayez dans 3 minutes.');
    // No key: French keeps the core's own sentence, English gets the code's wording.
    expect(wordError('fr', { code: 'forbidden', message: 'Refus détaillé.' })).toBe('Refus détaillé.');
    expect(wordError('en', { code: 'forbidden', message: 'Refus détaillé.' })).toBe('Your account is not allowed to do this for this school.');
    expect(wordError('en', { code: 'forbidden', message: 'x', key: 'not.a-key' })).toBe('Your account is not allowed to do this for this school.');
  });
});
