import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts the reference server with demo data and the browser host on it, and Ctrl+C stops both', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, PASSERELLE_DATA_DIR: dataDir, PASSERELLE_SERVER_PORT: '0', PASSERELLE_HOST: 'browser' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

    const deadline = Date.now() + 60_000;
    while (!/#token=/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    const appUrl = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(output);
    const serverUrl = /Serveur ENT de référence : (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(appUrl, output).not.toBeNull();
    expect(serverUrl).toBeDefined();

    // The page and the RPC spine, as the browser would use them.
    const page = await fetch(`${appUrl![1]}/`);
    expect(await page.text()).toContain('<div id="root">');
    const info = (await (await fetch(`${appUrl![1]}/rpc/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${appUrl![2]}`, 'Content-Type': 'application/json' },
      body: '{}',
    })).json()) as { ok: boolean; value: { server: { url: string; reachable: boolean } } };
    expect(info).toMatchObject({ ok: true, value: { server: { url: serverUrl, reachable: true } } });

    const demoFile = join(dataDir, 'serveur-ent', 'demo-accounts.json');
    expect(existsSync(demoFile)).toBe(true);
    expect((JSON.parse(readFileSync(demoFile, 'utf8')) as { accounts: unknown[] }).accounts.length).toBeGreaterThan(10);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${serverUrl}/v1/health`)).rejects.toThrow();
  }, 90_000);
});
