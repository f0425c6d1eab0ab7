import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  RENDERER_ENTRY_URL,
  contentTypeFor,
  rendererResponseHeaders,
  rendererRootDir,
  resolveRendererRequest,
  windowEntryUrl,
} from '../../../../src-main/electron/renderer-protocol';
import { ELECTRON_CSP } from '../../../../src-main/electron/security';

const root = '/opt/Passerelle/resources/app.asar/dist/renderer';
const file = (url: string, method = 'GET') => resolveRendererRequest(url, method, root, path.posix);

describe('app:// renderer protocol', () => {
  it('serves the files of the renderer folder, index.html for /', () => {
    expect(file('app://passerelle/index.html')).toEqual({ kind: 'file', path: `${root}/index.html`, contentType: 'text/html; charset=utf-8' });
    expect(file('app://passerelle/')).toMatchObject({ kind: 'file', path: `${root}/index.html` });
    expect(file('app://passerelle/assets/index-Ab12.js?v=1#x')).toEqual({ kind: 'file', path: `${root}/assets/index-Ab12.js`, contentType: 'text/javascript; charset=utf-8' });
    expect(file('app://passerelle/assets/index.css', 'HEAD')).toMatchObject({ kind: 'file', contentType: 'text/css; charset=utf-8' });
    expect(file('app://passerelle/assets/mon%20image.svg')).toMatchObject({ kind: 'file', path: `${root}/assets/mon image.svg`, contentType: 'image/svg+xml' });
  });

  it('never leaves the renderer folder', () => {
    const refused = [
      'app://passerelle/..%2f..%2fpackage.json',
      'app://passerelle/assets/%2e%2e%2f%2e%2e%2fmain.cjs',
      'app://passerelle/assets/..%5c..%5cmain.cjs',
      'app://passerelle/%2fetc/passwd',
      'app://passerelle/assets//index.js',
      'app://passerelle/C:%5cWindows%5cwin.ini',
      'app://passerelle/index.html%00.js',
      'app://passerelle/%E0%A4%A',
    ];
    for (const url of refused) expect(file(url).kind, url).toBe('refused');
    // The URL parser already folds dot segments, plain or encoded: what is left stays inside.
    expect(file('app://passerelle/assets/../index.html')).toMatchObject({ kind: 'file', path: `${root}/index.html` });
    expect(file('app://passerelle/../../etc/passwd')).toMatchObject({ kind: 'file', path: `${root}/etc/passwd` });
    expect(file('app://passerelle/%2e%2e/%2E%2E/main.cjs')).toMatchObject({ kind: 'file', path: `${root}/main.cjs` });
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Passerelle\\resources\\app.asar\\dist\\renderer';
    expect(resolveRendererRequest('app://passerelle/assets/a.js', 'GET', winRoot, path.win32)).toMatchObject({ kind: 'file', path: `${winRoot}\\assets\\a.js` });
    for (const url of ['app://passerelle/..%5c..%5cmain.cjs', 'app://passerelle/D:%5cx', 'app://passerelle/D:/x', 'app://passerelle/..%2fx']) {
      expect(resolveRendererRequest(url, 'GET', winRoot, path.win32).kind, url).toBe('refused');
    }
  });

  it('answers only GET and HEAD, only for our host', () => {
    expect(file('app://passerelle/index.html', 'POST')).toEqual({ kind: 'refused', status: 405, reason: 'method' });
    expect(file('app://autre/index.html')).toMatchObject({ kind: 'refused', status: 404 });
    expect(file('app://x:y@passerelle/index.html')).toMatchObject({ kind: 'refused', status: 404 });
    expect(file('https://passerelle/index.html')).toMatchObject({ kind: 'refused', status: 404 });
    expect(file('pas une adresse')).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('reads a real file through the resolved path (what main.ts does)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-protocol-'));
    try {
      mkdirSync(path.join(dir, 'assets'));
      writeFileSync(path.join(dir, 'assets', 'a.js'), 'export {}');
      const target = resolveRendererRequest('app://passerelle/assets/a.js', 'GET', dir);
      expect(target.kind).toBe('file');
      if (target.kind === 'file') expect(readFileSync(target.path, 'utf8')).toBe('export {}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends the window CSP and nosniff with every response; module scripts get a JavaScript type', () => {
    expect(rendererResponseHeaders('text/html; charset=utf-8')).toMatchObject({ 'Content-Security-Policy': ELECTRON_CSP, 'X-Content-Type-Options': 'nosniff' });
    expect(ELECTRON_CSP).toContain("script-src 'self'");
    expect(contentTypeFor('a.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('noextension')).toBe('application/octet-stream');
  });

  it('gives the scheme no privilege beyond what the page needs', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(Object.keys(APP_SCHEME_PRIVILEGES)).not.toContain('bypassCSP');
    expect(Object.keys(APP_SCHEME_PRIVILEGES)).not.toContain('corsEnabled');
  });

  it('loads the window from app:// in a packaged app and in a development run, never from file://', () => {
    for (const packaged of [true, false]) {
      expect(windowEntryUrl(packaged)).toBe(RENDERER_ENTRY_URL);
      expect(new URL(windowEntryUrl(packaged)).protocol).toBe('app:');
    }
    expect(rendererRootDir('/opt/Passerelle/resources/app.asar/dist-electron', path.posix)).toBe('/opt/Passerelle/resources/app.asar/dist/renderer');
  });
});
