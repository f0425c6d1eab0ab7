/**
 * Security decisions of the Electron host as small pure functions (tested under plain Node).
 * This file must not import `electron` at run time.
 */
import { rendererCsp } from '../../src-shared/csp';

/**
 * The renderer is trusted only when it is our own page: the exact entry URL, `app://passerelle/index.html`
 * (query and fragment ignored; see renderer-protocol.ts). Anything else — a remote page, a `file://` page,
 * another page of our scheme — is not.
 */
export function isTrustedRendererUrl(candidate: string | undefined, entryUrl: string): boolean {
  if (!candidate) return false;
  let url: URL;
  let expected: URL;
  try {
    url = new URL(candidate);
    expected = new URL(entryUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:' || url.protocol !== expected.protocol) return false;
  const path = safeDecode(url.pathname);
  return path !== null && url.host === expected.host && !url.username && !url.password && path === safeDecode(expected.pathname);
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Navigation inside the window: only a reload of our own page. */
export function isAllowedNavigation(target: string, entryUrl: string): boolean {
  return isTrustedRendererUrl(target, entryUrl);
}

/** Every permission (camera, notifications, geolocation, …) is refused: Passerelle needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** New windows are never opened (links to the outside are not part of the app). */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** The renderer's one policy (src-shared/csp.ts), with no network: the window reaches the core through IPC only. */
export const ELECTRON_CSP = rendererCsp('ipc');

export const IPC_INVOKE_CHANNEL = 'passerelle:invoke';
export const IPC_EVENT_CHANNEL = 'passerelle:event';
