/**
 * App information and the ENT server's health, the first method carried end to end by the RPC spine.
 * The health check goes through the ENT client (`GET /v1/health`, parsed with the contract's schema).
 */
import type { AppInfo, ServerStatus } from '../../../src-shared/rpc';
import { EntClient, normalizeServerUrl } from '../ent/client';
import { MemoryTokenStore } from '../secrets';

export interface AppInfoOptions {
  name: string;
  version: string;
  host: AppInfo['host'];
  dataDir: string;
  serverUrl: string;
  /** Milliseconds before the server is declared unreachable. */
  timeoutMs?: number;
}

export interface AppInfoService {
  info(): Promise<AppInfo>;
  checkServer(): Promise<ServerStatus>;
}

export function createAppInfoService(options: AppInfoOptions): AppInfoService {
  let serverUrl = options.serverUrl.replace(/\/+$/, '');
  let client: EntClient | null = null;
  try {
    client = new EntClient({ serverUrl: options.serverUrl, tokens: new MemoryTokenStore(), timeoutMs: options.timeoutMs ?? 3000 });
    serverUrl = normalizeServerUrl(options.serverUrl);
  } catch {
    // A malformed address is simply a server that does not answer.
  }

  async function checkServer(): Promise<ServerStatus> {
    if (!client) return { url: serverUrl, reachable: false };
    const started = performance.now();
    try {
      const health = await client.health();
      return { url: serverUrl, reachable: true, name: health.name, version: health.version, latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { url: serverUrl, reachable: false };
    }
  }

  return {
    checkServer,
    async info() {
      return { name: options.name, version: options.version, host: options.host, dataDir: options.dataDir, server: await checkServer() };
    },
  };
}
