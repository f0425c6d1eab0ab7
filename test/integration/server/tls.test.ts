/**
 * The reference server over https (`tls` option, `--tls-cert FILE --tls-key FILE`): the same API with the given
 * certificate, nothing in clear on its port; the command line wants both files or neither.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntServer, type RunningServer } from '../../../src-server/index';
import { makeCertificate, type TestCertificate } from '../certificate';

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string; authorized: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      const authorized = (res.socket as { authorized?: boolean }).authorized === true;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, authorized }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('reference server over https', () => {
  let cert: TestCertificate;
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    cert = makeCertificate({ dns: ['localhost'], ip: ['127.0.0.1'] });
    dataDir = mkdtempSync(join(tmpdir(), 'passerelle-ent-tls-'));
    server = await startEntServer({ port: 0, dataDir, demo: false, tls: { cert: cert.cert, key: cert.key } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    cert.remove();
  });

  it('answers the API over https with its certificate, and says its https address', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsGet(`${server.url}/v1/health`, cert.cert);
    expect(health.status).toBe(200);
    expect(health.authorized).toBe(true);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
  });

  it('refuses a client that does not trust the certificate, and speaks no plain http', async () => {
    await expect(httpsGet(`${server.url}/v1/health`, '')).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const plain = await fetch(server.url.replace('https:', 'http:') + '/v1/health', { signal: AbortSignal.timeout(5000) }).then((r) => r.status, (err: unknown) => err);
    expect(plain).toBeInstanceOf(Error);
  });

  it('the command line wants the certificate and the key together', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', '--port', '0', '--no-demo', '--data-dir', dataDir, '--tls-cert', cert.certFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('donnez à la fois --tls-cert (certificat PEM) et --tls-key (clé privée PEM)');
  });

  it('the command line serves https with both files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-ent-tls-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', '--port', '0', '--no-demo', '--data-dir', dir, '--tls-cert', cert.certFile, '--tls-key', cert.keyFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const found = /(https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        child.on('exit', (c) => reject(new Error(`exited (${String(c)}): ${out}`)));
      });
      expect((await httpsGet(`${url}/v1/health`, cert.cert)).status).toBe(200);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
