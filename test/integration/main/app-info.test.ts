import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppInfoService } from '../../../src-main/core/app-info';
import { startEntServer, type RunningServer } from '../../../src-server/index';

describe('app info against the real reference ENT server', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-info-'));
    server = await startEntServer({ port: 0, dataDir: dir, demo: false });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the server reachable with its name, version and latency', async () => {
    const service = createAppInfoService({ name: 'Passerelle', version: '0.1.0', host: 'cli', dataDir: '/d', serverUrl: `${server.url}/` });
    const info = await service.info();
    expect(info.server).toMatchObject({ url: server.url, reachable: true, name: expect.stringMatching(/référence/), version: expect.any(String) });
    expect(info.server.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a closed port as unreachable instead of failing', async () => {
    const service = createAppInfoService({ name: 'Passerelle', version: '0.1.0', host: 'cli', dataDir: '/d', serverUrl: 'http://127.0.0.1:9', timeoutMs: 1000 });
    expect(await service.checkServer()).toEqual({ url: 'http://127.0.0.1:9', reachable: false });
  });
});
