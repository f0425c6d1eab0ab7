/**
 * App information and the ENT server's health, the first method carried end to end by the RPC spine.
 */
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import type { AppInfo, ServerStatus } from '../../../src-shared/rpc';

const healthSchema = z.object({
  status: z.literal('ok'),
  name: z.string(),
  version: z.string(),
});

export interface AppInfoOptions {
  name: string;
  version: string;
  host: AppInfo['host'];
  dataDir: string;
  serverUrl: string;
  /** Milliseconds before the server is declared unreachable. */
  timeoutMs?: number;
  http?: AxiosInstance;
}

export interface AppInfoService {
  info(): Promise<AppInfo>;
  checkServer(): Promise<ServerStatus>;
}

export function createAppInfoService(options: AppInfoOptions): AppInfoService {
  const http = options.http ?? axios.create({ timeout: options.timeoutMs ?? 3000 });
  const serverUrl = options.serverUrl.replace(/\/+$/, '');

  async function checkServer(): Promise<ServerStatus> {
    const started = performance.now();
    try {
      const response = await http.get(`${serverUrl}/v1/health`, { responseType: 'json', validateStatus: (s) => s === 200 });
      const health = healthSchema.safeParse(response.data);
      if (!health.success) return { url: serverUrl, reachable: false };
      return {
        url: serverUrl,
        reachable: true,
        name: health.data.name,
        version: health.data.version,
        latencyMs: Math.round(performance.now() - started),
      };
    } catch {
      return { url: serverUrl, reachable: false };
    }
  }

  return {
    checkServer,
    async info() {
      return {
        name: options.name,
        version: options.version,
        host: options.host,
        dataDir: options.dataDir,
        server: await checkServer(),
      };
    },
  };
}
