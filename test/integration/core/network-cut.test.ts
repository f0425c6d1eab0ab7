/**
 * The network cut mid-pull and mid-push by a proxy that drops connections: nothing half-written, and the
 * batch applied exactly once on the server (same Idempotency-Key on every retry).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../src-shared/errors';
import { startCuttingProxy, type CuttingProxy } from './cutting-proxy';
import { makeCore, settleReview, startTestServer, type TestServer } from './helpers';

let ent: TestServer;
let proxy: CuttingProxy;
beforeAll(async () => {
  ent = await startTestServer();
  proxy = await startCuttingProxy(ent.server.url);
});
afterAll(async () => {
  await proxy.close();
  await ent.close();
});

function serverMerges(uai: string): Array<{ id: string; idempotency_key: string }> {
  const db = new Database(join(ent.server.dataDir, 'ent.sqlite'), { readonly: true });
  try {
    return db.prepare<[string], { id: string; idempotency_key: string }>('SELECT id, idempotency_key FROM merges WHERE school_uai = ?').all(uai);
  } finally {
    db.close();
  }
}

describe('network cut', () => {
  it('mid-pull: the cut pull writes nothing and the previous pull stays intact', async () => {
    const uai = '0134567K';
    const { core, cleanup } = makeCore(proxy.url);
    try {
      const director = ent.director(uai);
      await core.call('session.signIn', { login: director.login, password: director.password });
      proxy.cut({ match: /^GET \/v1\/legacy\/schools\/.*\/roster/, afterResponseBytes: 1500, times: 1 });
      const error = await core.call('school.pull', { uai, legacy: director.legacy }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('offline');
      expect((await core.call('school.status', { uai })).phase).toBe('not-pulled');

      const first = await core.call('school.pull', { uai, legacy: null });
      await core.call('school.acceptAuto', { uai });
      proxy.cut({ match: /^GET \/v1\/schools\/.*\/roster/, afterResponseBytes: 3000, times: 1 });
      await expect(core.call('school.pull', { uai, legacy: null })).rejects.toMatchObject({ code: 'offline' });
      const after = await core.call('school.status', { uai });
      expect(after.pulledAt).toBe(first.pulledAt);
      expect(after.counts).toEqual({ ...first.counts, linked: after.counts?.linked, pendingAuto: 0, undecided: after.counts?.undecided, undecidedAuto: 0 });
      expect(after.counts?.linked).toBeGreaterThan(0);
    } finally {
      await cleanup();
    }
  });

  it('mid-push: answers lost, retried with the same key, applied exactly once', async () => {
    const uai = '0137890B';
    const { core, cleanup } = makeCore(proxy.url, { retryDelaysMs: [10, 10] });
    try {
      const director = ent.director(uai);
      await core.call('session.signIn', { login: director.login, password: director.password });
      await core.call('school.pull', { uai, legacy: director.legacy });
      await core.call('school.acceptAuto', { uai });
      await settleReview(core, uai);
      const { idempotencyKey } = await core.call('school.confirm', { uai });

      // Every attempt of this push reaches the server, but no answer comes back: the push gives up, offline.
      proxy.cut({ match: /^POST \/v1\/schools\/.*\/merges/, afterResponseBytes: 0, times: 3 });
      await expect(core.call('school.push', { uai })).rejects.toMatchObject({ code: 'offline' });
      const sending = await core.call('school.status', { uai });
      expect(sending.phase).toBe('sending');
      expect(sending.outbox).toMatchObject({ idempotencyKey, attempts: 3 });
      // The decisions are frozen once a batch may have left.
      await expect(core.call('school.undo', { uai })).rejects.toMatchObject({ code: 'conflict' });

      // One more lost answer, then the network comes back: same key, replayed by the server. The progress
      // stream is cut too: the core falls back to polling and still follows the job to the end.
      proxy.cut({ match: /^POST \/v1\/schools\/.*\/merges/, afterResponseBytes: 0, times: 1 });
      proxy.cut({ match: /^GET \/v1\/merges\/[^/ ]+\/events/, afterResponseBytes: 700, times: 1 });
      const cutsBefore = proxy.cuts;
      const outcome = await core.call('school.push', { uai });
      expect(outcome.outcome).toBe('done');
      expect(proxy.cuts - cutsBefore).toBe(2);
      const merges = serverMerges(uai);
      expect(merges).toHaveLength(1);
      expect(merges[0]?.idempotency_key).toBe(idempotencyKey);
      if (outcome.outcome === 'done') expect(outcome.mergeId).toBe(merges[0]?.id);
    } finally {
      await cleanup();
    }
  });

  it('offline after a pull: everything but sending works, across a restart', async () => {
    const uai = '0131234X';
    const privateProxy = await startCuttingProxy(ent.server.url);
    const { core, dataRoot, cleanup } = makeCore(privateProxy.url);
    try {
      const director = ent.director(uai);
      await core.call('session.signIn', { login: director.login, password: director.password });
      await core.call('school.pull', { uai, legacy: director.legacy });
      await privateProxy.close(); // the server is now unreachable
      await core.close();

      const offline = makeCore(privateProxy.url, {}, dataRoot);
      expect(await offline.core.call('session.restore', {})).not.toBeNull();
      expect((await offline.core.call('schools.list', {})).find((s) => s.uai === uai)?.pulled).toBe(true);
      const workspace = await offline.core.call('school.workspace', { uai });
      const pair = workspace.matching.pairs[0];
      if (!pair) throw new Error('no proposal');
      await offline.core.call('school.decide', { uai, decision: { kind: 'accept', oldId: pair.old, newId: pair.new } });
      await offline.core.call('school.acceptAuto', { uai });
      await offline.core.call('school.undo', { uai });
      await offline.core.call('school.redo', { uai });
      await offline.core.call('school.decide', { uai, decision: { kind: 'choose-apps', target: 'personal', appIds: ['messages'] } });
      expect((await offline.core.call('school.preview', { uai })).summary.counts.linked).toBeGreaterThan(1);
      await settleReview(offline.core, uai);
      await offline.core.call('school.confirm', { uai });
      await expect(offline.core.call('school.push', { uai })).rejects.toMatchObject({ code: 'offline' });
      expect((await offline.core.call('school.status', { uai })).phase).toBe('sending');
      await offline.core.close();
    } finally {
      await cleanup();
    }
  });
});
