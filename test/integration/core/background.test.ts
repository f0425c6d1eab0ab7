/**
 * An outbox that drains itself: a confirmed batch leaves once the ENT server answers again, with no screen and no
 * further call — through the app as the browser host builds it (background work on), and through the CLI
 * (`passerelle push --attendre`, which waits for the server and follows the merge to the end).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEntServer, type RunningServer } from '../../../src-server/index';
import { createPasserelleApp, type PasserelleApp } from '../../../src-main/app';
import { main } from '../../../src-main/cli/index';
import { settleReview } from './helpers';

interface Ent { server: RunningServer; port: number; dataDir: string; director(uai: string): { login: string; password: string; legacy: { login: string; password: string } } }

async function startEnt(dataDir = mkdtempSync(join(tmpdir(), 'passerelle-ent-')), port = 0): Promise<Ent> {
  const server = await startEntServer({ port, dataDir, demo: { seed: 2026 }, workerIntervalMs: 20 });
  const accounts = (await import('node:fs')).readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8');
  const list = (JSON.parse(accounts) as { accounts: Array<{ role: string; year: string; login: string; password: string; school: string }> }).accounts;
  const pick = (uai: string, year: string) => {
    const a = list.find((x) => x.school === uai && x.year === year && x.role === 'director');
    return { login: a?.login ?? '', password: a?.password ?? '' };
  };
  return { server, port: Number(new URL(server.url).port), dataDir, director: (uai) => ({ ...pick(uai, 'new'), legacy: pick(uai, 'old') }) };
}

function merges(ent: Ent, uai: string): number {
  const db = new Database(join(ent.dataDir, 'ent.sqlite'), { readonly: true });
  try {
    return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM merges WHERE school_uai = ?').get(uai)?.n ?? 0;
  } finally {
    db.close();
  }
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out, last: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the outbox drains itself', () => {
  it('sends a batch confirmed while the server was down as soon as it answers again, and follows it to the end, with no further call', async () => {
    let ent = await startEnt();
    const dataDir = ent.dataDir;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const root = mkdtempSync(join(tmpdir(), 'passerelle-bg-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const app: PasserelleApp = createPasserelleApp({ host: 'browser', dataDir: root, serverUrl: ent.server.url, core: { retryDelaysMs: [20, 50], pollIntervalMs: 30 }, background: { onlineIntervalMs: 150, offlineIntervalMs: 100, backoffMs: 100 } });
    cleanups.push(() => app.close());
    const seen: boolean[] = [];
    app.on('server.status', (s) => seen.push(s.reachable));
    const uai = '0131234X';
    const d = ent.director(uai);
    await app.call('session.signIn', { login: d.login, password: d.password });
    await app.call('school.pull', { uai, legacy: d.legacy });
    await app.call('school.acceptAuto', { uai });
    await settleReview(app, uai);

    await ent.server.close();
    await until(async () => seen.at(-1), (r) => r === false);
    // Confirmed offline (a local step): the batch is frozen, nothing can reach the ENT.
    await app.call('school.confirm', { uai });
    await new Promise((r) => setTimeout(r, 400));
    expect((await app.call('school.status', { uai })).phase).toMatch(/^(confirmed|sending)$/);

    ent = await startEnt(dataDir, ent.port);
    cleanups.push(() => ent.server.close());
    const merged = await until(() => app.call('school.status', { uai }), (s) => s.phase === 'merged');
    expect(merged.mergedSummary).toMatchObject({ mergeId: expect.any(String) });
    expect(seen.at(-1)).toBe(true);
    expect(merges(ent, uai)).toBe(1);
  }, 60_000);

  it('passerelle push --attendre waits for the server, then sends and follows the batch', async () => {
    let ent = await startEnt();
    const dataDir = ent.dataDir;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const root = mkdtempSync(join(tmpdir(), 'passerelle-cli-wait-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    vi.stubEnv('PASSERELLE_DATA_DIR', root);
    cleanups.push(() => {
      vi.unstubAllEnvs();
    });
    const uai = '0134567K';
    const d = ent.director(uai);
    const server = ['--server', ent.server.url];
    const quiet = () => {
      const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      return () => {
        o.mockRestore();
        e.mockRestore();
      };
    };
    let restore = quiet();
    try {
      expect(await main(['login', '--login', d.login, '--password', d.password, ...server])).toBe(0);
      expect(await main(['pull', uai, '--legacy-login', d.legacy.login, '--legacy-password', d.legacy.password, ...server])).toBe(0);
      expect(await main(['accept-auto', uai, ...server])).toBe(0);
      const app = createPasserelleApp({ host: 'cli', dataDir: root, serverUrl: ent.server.url });
      await app.call('session.restore', {});
      await settleReview(app, uai);
      await app.close();
      expect(await main(['confirm', uai, '--yes', ...server])).toBe(0);
    } finally {
      restore();
    }
    await ent.server.close();
    restore = quiet();
    try {
      const waiting = main(['push', uai, '--attendre', ...server]);
      await new Promise((r) => setTimeout(r, 1500));
      ent = await startEnt(dataDir, ent.port);
      cleanups.push(() => ent.server.close());
      expect(await waiting).toBe(0);
    } finally {
      restore();
    }
    expect(merges(ent, uai)).toBe(1);
  }, 90_000);
});
