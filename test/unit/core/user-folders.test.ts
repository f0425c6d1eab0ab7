import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearCurrentSession, readCurrentSession, userDir, userKeyFor, writeCurrentSession } from '../../../src-main/core/user-folders';
import { defaultDataRoot } from '../../../src-main/core/paths';
import { tempDir } from './tmp';

describe('user folders', () => {
  it('gives each account of each server its own folder', () => {
    const a = userKeyFor('http://ent', 'u1');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(userKeyFor('http://ent', 'u2')).not.toBe(a);
    expect(userKeyFor('http://other', 'u1')).not.toBe(a);
    expect(userDir('/data', a)).toBe(join('/data', 'users', a));
  });

  it('remembers the current session without any secret', () => {
    const t = tempDir();
    try {
      expect(readCurrentSession(t.dir)).toBeNull();
      writeCurrentSession(t.dir, { serverUrl: 'http://ent', userKey: 'abcdef0123456789', login: 'dir' });
      expect(readCurrentSession(t.dir)).toEqual({ serverUrl: 'http://ent', userKey: 'abcdef0123456789', login: 'dir' });
      clearCurrentSession(t.dir);
      expect(readCurrentSession(t.dir)).toBeNull();
    } finally {
      t.cleanup();
    }
  });

  it('uses PASSERELLE_DATA_DIR, else the platform data folder', () => {
    expect(defaultDataRoot({ PASSERELLE_DATA_DIR: '/x' }, 'linux')).toBe('/x');
    expect(defaultDataRoot({ XDG_DATA_HOME: '/home/u/.data' }, 'linux')).toBe(join('/home/u/.data', 'passerelle'));
    expect(defaultDataRoot({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'Passerelle'));
  });
});
