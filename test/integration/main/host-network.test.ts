/**
 * The host's network stack reaches every ENT request the app makes, the health check included: an app built with
 * a host `fetch` (what the Electron host passes: Chromium's net.fetch, so the system proxy and certificates apply)
 * sends its health check, sign-in and calls through it — here a fetch that records each request and hands it to
 * Node's, against the real reference server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasserelleApp, type PasserelleApp } from '../../../src-main/app';
import type { FetchLike } from '../../../src-main/core';
import { startTestServer, type TestServer } from '../core/helpers';

describe('the host’s fetch carries every ENT request', () => {
  let ent: TestServer;
  let dir: string;
  let app: PasserelleApp;
  const sent: string[] = [];
  // axios's fetch adapter hands over a Request (the SSE stream a URL string): both are recorded.
  const recording: FetchLike = (input, init) => {
    const request = input as string | Request;
    const url = typeof request === 'string' ? request : request.url;
    sent.push(`${init?.method ?? (typeof request === 'string' ? 'GET' : request.method)} ${new URL(url).pathname}`);
    return fetch(input, init);
  };

  beforeAll(async () => {
    ent = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'passerelle-host-fetch-'));
    app = createPasserelleApp({ host: 'electron', dataDir: dir, serverUrl: ent.server.url, fetch: recording, background: false });
  });
  afterAll(async () => {
    await app.close();
    await ent.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the health check, the sign-in and the calls go through it', async () => {
    const info = await app.call('app.info', {});
    expect(info.server.reachable).toBe(true);
    expect(sent).toContain('GET /v1/health');
    const d = ent.director('0131234X');
    await app.call('session.signIn', { login: d.login, password: d.password });
    await app.call('schools.list', {});
    expect(sent).toEqual(expect.arrayContaining(['POST /v1/auth/login', 'GET /v1/me']));
  });
});
