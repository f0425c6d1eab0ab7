import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, parseServerUrl, readSettings, resolveServerUrl, writeSettings } from '../../../src-main/core/settings';
import { writeCurrentSession } from '../../../src-main/core/user-folders';
import { tempDir } from './tmp';

describe('settings', () => {
  let cleanup = (): void => undefined;
  afterEach(() => cleanup());
  const folder = (): string => {
    const t = tempDir('passerelle-settings-');
    cleanup = t.cleanup;
    return t.dir;
  };

  it('accepts http and https addresses only, normalised, without credentials', () => {
    expect(parseServerUrl('  https://ent.example.fr/ ')).toBe('https://ent.example.fr');
    expect(parseServerUrl('http://127.0.0.1:8787/ent/')).toBe('http://127.0.0.1:8787/ent');
    for (const bad of ['ftp://ent.example.fr', 'file:///etc/passwd', 'javascript:alert(1)', 'ent.example.fr', 'pas une adresse', 'https://moi:secret@ent.example.fr']) {
      expect(() => parseServerUrl(bad), bad).toThrow(expect.objectContaining({ code: 'validation' }));
    }
  });

  it('writes the file atomically (no temporary file left), readable by its owner only', () => {
    const dir = folder();
    writeSettings(join(dir, 'data'), { serverUrl: 'https://ent.example.fr' });
    expect(readSettings(join(dir, 'data'))).toEqual({ serverUrl: 'https://ent.example.fr' });
    expect(readdirSync(join(dir, 'data'))).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'data', 'settings.json')).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8'))).toEqual({ serverUrl: 'https://ent.example.fr' });
  });

  it('resolves the startup server: explicit > settings > last session > default; broken values are skipped', () => {
    const dir = folder();
    expect(resolveServerUrl(dir)).toBe(DEFAULT_SERVER_URL);
    writeCurrentSession(dir, { serverUrl: 'https://session.example', userKey: '0123456789abcdef', login: 'x' });
    expect(resolveServerUrl(dir)).toBe('https://session.example');
    writeSettings(dir, { serverUrl: 'https://settings.example' });
    expect(resolveServerUrl(dir)).toBe('https://settings.example');
    expect(resolveServerUrl(dir, 'https://explicit.example/')).toBe('https://explicit.example');
    writeFileSync(join(dir, 'settings.json'), '{ pas du json');
    expect(readSettings(dir)).toEqual({});
    expect(resolveServerUrl(dir)).toBe('https://session.example');
    writeSettings(dir, { serverUrl: 'ftp://settings.example' });
    expect(resolveServerUrl(dir)).toBe('https://session.example');
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });

  it('places the machine-wide preset after the user\'s settings and before the last session; a bad preset is skipped', () => {
    const dir = folder();
    const preset = 'https://ent.ac-exemple.fr/';
    expect(resolveServerUrl(dir, undefined, preset)).toBe('https://ent.ac-exemple.fr');
    writeCurrentSession(dir, { serverUrl: 'https://session.example', userKey: '0123456789abcdef', login: 'x' });
    expect(resolveServerUrl(dir, undefined, preset)).toBe('https://ent.ac-exemple.fr');
    expect(resolveServerUrl(dir, undefined, 'ftp://ent.ac-exemple.fr')).toBe('https://session.example');
    expect(resolveServerUrl(dir, undefined, undefined)).toBe('https://session.example');
    writeSettings(dir, { serverUrl: 'https://settings.example' });
    expect(resolveServerUrl(dir, undefined, preset)).toBe('https://settings.example');
    expect(resolveServerUrl(dir, 'https://explicit.example/', preset)).toBe('https://explicit.example');
  });
});
