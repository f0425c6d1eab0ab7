/**
 * Security decisions of the Electron host as small pure functions (tested under plain Node).
 * This file must not import `electron` at run time.
 */

/**
 * The renderer is trusted only when it is our own bundled page: the exact file URL of index.html
 * (query and fragment ignored). Anything else (remote page, another local file) is not.
 */
export function isTrustedRendererUrl(candidate: string | undefined, indexFileUrl: string): boolean {
  if (!candidate) return false;
  let url: URL;
  let expected: URL;
  try {
    url = new URL(candidate);
    expected = new URL(indexFileUrl);
  } catch {
    return false;
  }
  return url.protocol === 'file:' && expected.protocol === 'file:' && url.host === expected.host && decodeURIComponent(url.pathname) === decodeURIComponent(expected.pathname);
}

/** Navigation inside the window: only a reload of our own page. */
export function isAllowedNavigation(target: string, indexFileUrl: string): boolean {
  return isTrustedRendererUrl(target, indexFileUrl);
}

/** Every permission (camera, notifications, geolocation, …) is refused: Passerelle needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** New windows are never opened (links to the outside are not part of the app). */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

export const ELECTRON_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const IPC_INVOKE_CHANNEL = 'passerelle:invoke';
export const IPC_EVENT_CHANNEL = 'passerelle:event';
