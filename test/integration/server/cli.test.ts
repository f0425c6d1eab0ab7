/** `npm run server -- --port …`: prints its URL, data folder and demo accounts file; SIGTERM closes it cleanly. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('server command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the given port, tells where everything is, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', '--port', '0'], {
      env: { ...process.env, PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('demo-accounts.json')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early (${String(code)}): ${out}`)));
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain(dataDir);
    expect(existsSync(join(dataDir, 'demo-accounts.json'))).toBe(true);
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
