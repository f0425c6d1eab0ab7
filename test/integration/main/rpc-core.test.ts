/**
 * The core behind the RPC spine, as the renderer uses it: the browser host over real HTTP, in front of a
 * real reference ENT server with its demo académie. Sign in, pull (progress arrives as server-sent events),
 * accept the automatic proposals, undo, preview the batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowserHost } from '../../../src-main/host/main';
import type { BrowserHost } from '../../../src-main/host/server';
import { startTestServer, type TestServer } from '../core/helpers';
import { listenToEvents } from './event-stream';

describe('desktop core through the RPC spine (browser host)', () => {
  let ent: TestServer;
  let host: BrowserHost;
  let dataDir: string;

  async function rpc(method: string, input: unknown = {}): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
    const res = await fetch(`${host.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
  }

  beforeAll(async () => {
    ent = await startTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'passerelle-rpc-core-'));
    host = await runBrowserHost({ serverUrl: ent.server.url, dataDir, staticDir: dataDir });
  });
  afterAll(async () => {
    await host.close();
    await ent.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, pulls with progress events, accepts auto proposals, undoes, previews', async () => {
    const school = ent.accounts.find((a) => a.role === 'director' && a.year === 'new')!.school;
    const director = ent.director(school);

    const wrong = await rpc('session.signIn', { login: director.login, password: 'mauvais-mot-de-passe' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const signedIn = await rpc('session.signIn', { login: director.login, password: director.password });
    expect(signedIn.ok).toBe(true);
    expect(JSON.stringify(signedIn)).not.toContain(director.password);

    const schools = await rpc('schools.list');
    expect(schools.value.map((s: { uai: string }) => s.uai)).toContain(school);

    // Listen to events while pulling.
    const events = await listenToEvents(host);

    const pulled = await rpc('school.pull', { uai: school, legacy: director.legacy });
    expect(pulled).toMatchObject({ ok: true, value: { uai: school, phase: 'pulled' } });
    expect(pulled.value.counts.proposalsAuto).toBeGreaterThan(0);
    const stream = await events.close();
    expect(stream).toContain('event: progress');
    expect(stream).toContain(`"task":"pull:${school}"`);
    expect(stream).toContain('event: school.changed');

    const accepted = await rpc('school.acceptAuto', { uai: school });
    expect(accepted.ok).toBe(true);
    expect(accepted.value.accepted).toBe(pulled.value.counts.proposalsAuto);
    expect(accepted.value.status.counts.linked).toBe(accepted.value.accepted);

    const undone = await rpc('school.undo', { uai: school });
    expect(undone.value.status.counts.linked).toBe(0);
    const redone = await rpc('school.redo', { uai: school });
    expect(redone.value.status.counts.linked).toBe(accepted.value.accepted);

    const workspace = await rpc('school.workspace', { uai: school });
    expect(workspace.value.links).toHaveLength(accepted.value.accepted);
    expect(workspace.value.matching.pairs.length).toBeGreaterThanOrEqual(accepted.value.accepted);

    const preview = await rpc('school.preview', { uai: school });
    expect(preview.ok).toBe(true);
    expect(preview.value.summary.counts.linked).toBe(accepted.value.accepted);
    expect(preview.value.summary.warnings.join(' ')).toMatch(/irréversible/i);
  });
});
