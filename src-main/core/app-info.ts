/**
 * App information and the ENT server's health, the first method carried end to end by the RPC spine.
 * The health check goes through the ENT client (`GET /v1/health`, parsed with the contract's schema).
 */
import type { AppInfo, ServerStatus } from '../../src-shared/rpc';
import { EntClient, normalizeServerUrl, type FetchLike, type ProxyFor } from './ent/client';
import { MemoryTokenStore } from './secrets';

export interface AppInfoOptions {
  name: string;
  version: string;
  host: AppInfo['host'];
  dataDir: string;
  /** Where the host writes its logs, when it keeps any. */
  logsDir?: string | null;
  /** The ENT server: a fixed address (CLI), or read at each check (the app, where the settings can change it). */
  serverUrl: string | (() => string);
  /** Milliseconds before the server is declared unreachable. */
  timeoutMs?: number;
  /** The same network stack as the session's clients (Electron's `net.fetch`, or the Node hosts' proxy). */
  fetch?: FetchLike;
  proxyFor?: ProxyFor;
}

export interface AppInfoService {
  info(): Promise<AppInfo>;
  checkServer(): Promise<ServerStatus>;
}

export function createAppInfoService(options: AppInfoOptions): AppInfoService {
  const currentUrl = typeof options.serverUrl === 'function' ? options.serverUrl : () => options.serverUrl as string;
  let target: { raw: string; url: string; client: EntClient | null } | null = null;

  /** The client of the current address, rebuilt when the address changes. */
  function clientFor(raw: string): { url: string; client: EntClient | null } {
    if (target?.raw === raw) return target;
    try {
      const network = { ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.proxyFor ? { proxyFor: options.proxyFor } : {}) };
      target = { raw, url: normalizeServerUrl(raw), client: new EntClient({ serverUrl: raw, tokens: new MemoryTokenStore(), timeoutMs: options.timeoutMs ?? 3000, ...network }) };
    } catch {
      // A malformed address is simply a server that does not answer.
      target = { raw, url: raw.replace(/\/+$/, ''), client: null };
    }
    return target;
  }

  async function checkServer(): Promise<ServerStatus> {
    const { url, client } = clientFor(currentUrl());
    if (!client) return { url, reachable: false };
    const started = performance.now();
    try {
      const health = await client.call('health', {});
      return { url, reachable: true, name: health.name, version: health.version, latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { url, reachable: false };
    }
  }

  return {
    checkServer,
    async info() {
      return { name: options.name, version: options.version, host: options.host, dataDir: options.dataDir, logsDir: options.logsDir ?? null, server: await checkServer() };
    },
  };
}
