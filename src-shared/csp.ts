/**
 * The one Content-Security-Policy of the renderer, wherever it runs. The only thing the hosts differ on is how the
 * renderer reaches the core: Electron through IPC (no network at all: `connect-src 'none'`), the browser host
 * through same-origin HTTP (`connect-src 'self'`). The renderer's index.html carries the strictest common part as a
 * meta tag (vite.config.ts writes it from here); each host sends its full policy as a header.
 */
export type RendererTransport = 'ipc' | 'http';

const BASE = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** The header a host sends with every renderer response. */
export function rendererCsp(transport: RendererTransport): string {
  return [...BASE, `connect-src ${transport === 'ipc' ? "'none'" : "'self'"}`, "frame-ancestors 'none'"].join('; ');
}

/** The meta tag's policy (a meta CSP cannot carry frame-ancestors; connect-src as the browser host needs it). */
export const RENDERER_META_CSP = [...BASE, "connect-src 'self'"].join('; ');
