/**
 * The renderer is served through our own privileged scheme, `app://passerelle/…`, never `file://`: the page gets a
 * real origin (so `'self'` in the CSP means our bundle and nothing else on the disk), the file protocol's extra
 * privileges can be switched off (electronFuses), and every response carries the CSP header.
 * Pure decisions, tested under plain Node: this file must not import `electron` at run time.
 */
import * as nodePath from 'node:path';
import { ELECTRON_CSP } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'passerelle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges given to `app:` (protocol.registerSchemesAsPrivileged, before `ready`): a standard, secure scheme
 * (origin, relative URLs, secure context) whose module scripts load. Deliberately not `bypassCSP`, not
 * `corsEnabled` (other origins cannot read it), no service workers, no streaming.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** The renderer folder built by vite (dist/renderer), next to dist-electron/ where the bundled main lives. */
export function rendererRootDir(mainBundleDir: string, path: Pick<typeof nodePath, 'join'> = nodePath): string {
  return path.join(mainBundleDir, '..', 'dist', 'renderer');
}

/**
 * The address the window loads. The same in a packaged app and in a development run (`npm start`): always our
 * scheme, never a `file://` URL, so the packaged path cannot fall back to the file protocol.
 */
export function windowEntryUrl(_isPackaged: boolean): string {
  return RENDERER_ENTRY_URL;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 ? CONTENT_TYPES[file.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/** Headers of every `app:` response: the window's CSP (the same as the header added to every other response), no sniffing. */
export function rendererResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': ELECTRON_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

export type RendererTarget =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; reason: string };

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Which file of the renderer folder answers an `app:` request, or why none does. Only GET/HEAD on our host;
 * the path is decoded once, and anything that could leave the folder (`..`, `.`, empty segments, backslashes,
 * drive letters, NUL) is refused before the path is joined; the joined path is checked again to lie inside the
 * folder. `/` is index.html. Whether the file exists is the caller's business (a missing file is a 404 there).
 * `path` is injectable so the Windows rules are tested on any machine.
 */
export function resolveRendererRequest(rawUrl: string, method: string, rootDir: string, path: PathApi = nodePath): RendererTarget {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405, reason: 'method' };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', status: 400, reason: 'url' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return { kind: 'refused', status: 404, reason: 'host' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'encoding' };
  }
  if (/[\\\0:]/.test(pathname)) return { kind: 'refused', status: 400, reason: 'characters' };
  const relativePath = pathname === '/' ? 'index.html' : pathname.slice(1);
  const segments = relativePath.split('/');
  if (!pathname.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    return { kind: 'refused', status: 403, reason: 'segments' };
  }
  const root = path.resolve(rootDir);
  const full = path.resolve(root, ...segments);
  const inside = path.relative(root, full);
  if (!inside || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return { kind: 'refused', status: 403, reason: 'outside' };
  return { kind: 'file', path: full, contentType: contentTypeFor(full) };
}
