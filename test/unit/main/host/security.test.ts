import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, hasValidToken, isAllowedHost, isAllowedOrigin, resolveStaticPath } from '../../../../src-main/host/security';

describe('browser host security', () => {
  it('accepts only loopback Host headers with our port (no DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
  });

  it('accepts requests without Origin or from our own origin only', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 4000)).toBe(false);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
  });

  it('checks the bearer token exactly', () => {
    expect(hasValidToken('Bearer abc123', 'abc123')).toBe(true);
    expect(hasValidToken('Bearer abc12', 'abc123')).toBe(false);
    expect(hasValidToken('Bearer abc1234', 'abc123')).toBe(false);
    expect(hasValidToken('abc123', 'abc123')).toBe(false);
    expect(hasValidToken(undefined, 'abc123')).toBe(false);
    expect(hasValidToken('Bearer ', 'abc123')).toBe(false);
  });

  it('maps URL paths inside the static folder and refuses escapes', () => {
    const root = resolve('/srv/app');
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index.js?v=1')).toBe(join(root, 'assets', 'index.js'));
    expect(resolveStaticPath(root, '/../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveStaticPath(root, '/..%5c..%5cwindows')).toBeNull();
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('serves scripts and styles with their content types', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/javascript/);
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
