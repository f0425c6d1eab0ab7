/**
 * The browser host's security decisions, as small pure functions with their own tests.
 */
import { timingSafeEqual } from 'node:crypto';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { rendererCsp } from '../../src-shared/csp';

/** Only our own loopback names, with our own port: a DNS-rebinding page sends its own host name. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return allowed.includes(hostHeader.toLowerCase());
}

/** A request that carries an Origin must come from the page we served; no Origin (same-origin GET, curl) is fine. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  return allowed.includes(origin.toLowerCase());
}

/** Constant-time comparison of the per-launch token given as `Authorization: Bearer <token>`. */
export function hasValidToken(authorization: string | undefined, token: string): boolean {
  if (!authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length).trim(), 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Maps a URL path to a file under `root`, or null when it would escape it (`..`, encoded separators,
 * NUL bytes, absolute paths). Directory-like paths map to index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const rootAbs = resolve(root);
  const target = resolve(rootAbs, '.' + normalize('/' + wanted));
  const rel = relative(rootAbs, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return target;
}

/** The renderer's one policy (src-shared/csp.ts); the browser host's renderer calls the core over same-origin HTTP. */
export const CONTENT_SECURITY_POLICY = rendererCsp('http');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 ? CONTENT_TYPES[path.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}
