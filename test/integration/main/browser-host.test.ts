import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasserelleApp, type PasserelleApp } from '../../../src-main/app';
import { MAX_RPC_BODY_BYTES, startBrowserHost, type BrowserHost } from '../../../src-main/host/server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so that Host and Origin headers can be forged the way a hostile page or process would. */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('browser host over real HTTP', () => {
  let dir: string;
  let host: BrowserHost;
  let app: PasserelleApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-host-'));
    const staticDir = join(dir, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Passerelle</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    // An ENT server address where nothing listens: app.info must still answer, saying it is unreachable.
    app = createPasserelleApp({ host: 'browser', dataDir: join(dir, 'data'), serverUrl: 'http://127.0.0.1:9' });
    host = await startBrowserHost({ router: app.router, events: app.events, staticDir });
    auth = { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' };
  });

  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 and puts the token in the fragment, never in the query', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict CSP, and index.html for unknown paths', async () => {
    const index = await raw(host.port, { path: '/', headers: { Host: `localhost:${host.port}` } });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Passerelle</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const script = await raw(host.port, { path: '/assets/app.js', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await raw(host.port, { path, headers: { Host: `127.0.0.1:${host.port}` } });
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: { ...auth, Host: `evil.example:${host.port}` }, body: '{}' });
    expect(rebinding.status).toBe(421);
    const foreign = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: { ...auth, Origin: 'http://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('answers an RPC call with the token, and refuses it without', async () => {
    const ok = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: auth, body: '{}' });
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.body) as { ok: boolean; value: { host: string; server: { reachable: boolean } } };
    expect(body).toMatchObject({ ok: true, value: { host: 'browser', server: { reachable: false, url: 'http://127.0.0.1:9' } } });

    const { Authorization: _dropped, ...noToken } = auth;
    const refused = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: noToken, body: '{}' });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: { ...auth, Authorization: 'Bearer nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
  });

  it('turns bad calls into French errors without stack traces', async () => {
    const unknown = await raw(host.port, { method: 'POST', path: '/rpc/app.deleteEverything', headers: auth, body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const malformed = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: auth, body: '{"oops' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/JSON/) } });
    const invalid = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: auth, body: '{"x":1}' });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    for (const res of [unknown, malformed, invalid]) expect(res.body).not.toMatch(/\n\s+at /);
  });

  it('caps the body size', async () => {
    const big = Buffer.alloc(MAX_RPC_BODY_BYTES + 10, 0x20);
    const res = await raw(host.port, { method: 'POST', path: '/rpc/app.info', headers: auth, body: big });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'payload-too-large' } });
  });

  it('streams contract events to an authenticated server-sent-events client', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/events', headers: auth }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('event: progress')) {
            req.destroy();
            resolve(text);
          }
        });
        setTimeout(() => app.events.emit('progress', { task: 'pull:0131234X', step: 'roster', done: 1, total: 2 }), 50);
      });
      req.on('error', (err) => (String(err).includes('socket hang up') ? undefined : reject(err)));
      req.end();
    });
    expect(received).toContain('"task":"pull:0131234X"');
    const { Authorization: _dropped, ...noToken } = auth;
    const refused = await raw(host.port, { path: '/events', headers: noToken });
    expect(refused.status).toBe(401);
  });
});
