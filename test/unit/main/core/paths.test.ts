import { describe, expect, it } from 'vitest';
import { defaultDataRoot } from '../../../../src-main/core/paths';

describe('defaultDataRoot', () => {
  it('prefers PASSERELLE_DATA_DIR, then the platform folder', () => {
    expect(defaultDataRoot({ PASSERELLE_DATA_DIR: '/custom' }, 'linux', '/home/u')).toBe('/custom');
    expect(defaultDataRoot({}, 'linux', '/home/u')).toBe('/home/u/.local/share/passerelle');
    expect(defaultDataRoot({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/passerelle');
    expect(defaultDataRoot({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Passerelle');
    expect(defaultDataRoot({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toMatch(/Passerelle$/);
  });
});
