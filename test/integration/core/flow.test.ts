/**
 * A whole school, against the real reference server: signed in, pulled (both years), auto-accepted,
 * confirmed, pushed and followed to "done"; then the school's personal data is gone from the cache.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import type { ProgressPayload } from '../../../src-shared/rpc';
import { KeyFileProvider } from '../../../src-main/core';
import { makeCore, settleReview, startTestServer, type TestServer } from './helpers';

const UAI = '0131234X';
let ent: TestServer;
beforeAll(async () => {
  ent = await startTestServer();
});
afterAll(async () => {
  await ent.close();
});

describe('desktop core against the reference server', () => {
  it('« accept the sure pairs » never re-links a sure pair the director refused; an undecided old account is listed as undecided only', async () => {
    const { core, cleanup } = makeCore(ent.server.url);
    try {
      const director = ent.director(UAI);
      await core.call('session.signIn', { login: director.login, password: director.password });
      await core.call('school.pull', { uai: UAI, legacy: director.legacy });
      const workspace = await core.call('school.workspace', { uai: UAI });
      const sure = workspace.matching.pairs.filter((p) => p.status === 'auto');
      const [refused] = sure;
      if (!refused) throw new Error('no sure pair in the demo school');
      await core.call('school.decide', { uai: UAI, decision: { kind: 'refuse', oldId: refused.old, newId: refused.new } });
      const ack = await core.call('school.acceptAuto', { uai: UAI });
      expect(ack.accepted).toBe(sure.length - 1);
      const after = await core.call('school.workspace', { uai: UAI });
      expect(after.links.some((l) => l.oldId === refused.old || l.newId === refused.new)).toBe(false);
      expect(after.refused).toContainEqual({ oldId: refused.old, newId: refused.new });
      // Nothing left to accept: a second call changes nothing.
      expect((await core.call('school.acceptAuto', { uai: UAI })).accepted).toBe(0);

      const preview = await core.call('school.preview', { uai: UAI });
      const undecidedOld = new Set(preview.review.undecided.map((u) => u.old.id));
      expect(preview.review.notFollowing.filter((p) => undecidedOld.has(p.id))).toEqual([]);
      expect(preview.review.notFollowing.find((p) => p.id === refused.old)?.reason).toBe('refused');
    } finally {
      await cleanup();
    }
  });

  it('pulls, accepts auto, confirms, pushes and follows a school to done', async () => {
    const { core, dataRoot, cleanup } = makeCore(ent.server.url);
    try {
      const director = ent.director(UAI);
      const account = await core.call('session.signIn', { login: director.login, password: director.password });
      expect(account.dataDir.startsWith(dataRoot)).toBe(true);
      const schools = await core.call('schools.list', {});
      expect(schools.map((s) => s.uai)).toContain(UAI);

      const progress: ProgressPayload[] = [];
      core.on('progress', (p) => progress.push(p));
      const pulled = await core.call('school.pull', { uai: UAI, legacy: director.legacy });
      expect(pulled.phase).toBe('pulled');
      expect(pulled.counts?.newPupils).toBeGreaterThan(0);
      expect(pulled.counts?.proposalsAuto).toBeGreaterThan(0);
      expect(progress.map((p) => p.step)).toEqual(['roster-new', 'roster-old', 'matching', 'store', 'done']);

      await expect(core.call('school.decide', { uai: UAI, decision: { kind: 'link', oldId: 'inconnu', newId: 'inconnu' } })).rejects.toMatchObject({ code: 'validation' });
      const ack = await core.call('school.acceptAuto', { uai: UAI });
      expect(ack.accepted).toBe(pulled.counts?.proposalsAuto);
      expect(ack.status.counts?.linked).toBe(ack.accepted);
      // Undo / redo are journal events too.
      expect((await core.call('school.undo', { uai: UAI })).status.counts?.linked).toBe(0);
      expect((await core.call('school.redo', { uai: UAI })).status.counts?.linked).toBe(ack.accepted);

      // The pairs to check are not in the batch until decided: confirming now is refused, naming them.
      const before = await core.call('school.preview', { uai: UAI });
      expect(before.review.undecided.length).toBe(ack.status.counts?.undecided);
      if (before.review.undecided.length > 0) {
        await expect(core.call('school.confirm', { uai: UAI })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/à vérifier/) });
        expect((await core.call('school.status', { uai: UAI })).phase).toBe('pulled');
      }
      const reviewed = await settleReview(core, UAI);
      const linked = ack.accepted + reviewed;
      const preview = await core.call('school.preview', { uai: UAI });
      expect(preview.problems).toEqual([]);
      expect(preview.review.undecided).toEqual([]);
      expect(preview.summary.counts.linked).toBe(linked);
      expect(preview.review.classes.reduce((n, c) => n + c.keeps.length, 0)).toBe(linked);
      expect(preview.summary.warnings.at(-1)).toMatch(/irréversible/);

      const confirmation = await core.call('school.confirm', { uai: UAI });
      expect(confirmation.idempotencyKey.length).toBeGreaterThanOrEqual(8);
      expect((await core.call('school.status', { uai: UAI })).phase).toBe('confirmed');

      // A double click: the second push shares the first; a pull meanwhile is refused.
      const [outcome, twice, pullMeanwhile] = await Promise.all([core.call('school.push', { uai: UAI }), core.call('school.push', { uai: UAI }), core.call('school.pull', { uai: UAI }).catch((e: unknown) => e)]);
      // Through the router each answer is parsed again: the same content, from the one sending both calls shared.
      expect(twice).toEqual(outcome);
      expect(pullMeanwhile).toMatchObject({ code: 'conflict' });
      expect(outcome.outcome).toBe('done');
      if (outcome.outcome !== 'done') return;
      expect(outcome.merge.status).toBe('done');
      expect(outcome.summary.counts.linked).toBe(linked);
      // The receipt of what was sent, by name, kept after the merge.
      const receipt = await core.call('school.receipt', { uai: UAI });
      expect(receipt).toMatchObject({ state: 'merged', mergeId: outcome.mergeId, idempotencyKey: confirmation.idempotencyKey });
      expect(receipt.review.classes.reduce((n, c) => n + c.keeps.length + c.newLogins.length, 0)).toBe(pulled.counts?.newPupils);
      expect(receipt.csv.startsWith('\uFEFFecole;classe;nom;prenom;decision;detail\r\n')).toBe(true);
      expect(receipt.csv.split('\r\n').filter((l) => l.includes(';garde son compte;'))).toHaveLength(linked);
      expect(progress.some((p) => p.task === `merge:${UAI}`)).toBe(true);

      const after = await core.call('school.status', { uai: UAI });
      expect(after.phase).toBe('merged');
      expect(after.mergedSummary).toMatchObject({ mergeId: outcome.mergeId });
      await expect(core.call('school.workspace', { uai: UAI })).rejects.toThrow(/déjà été rapprochée/);
      // A second window that still believed the batch unsent asks to send it: it hears of the finished merge.
      const again = await core.call('school.push', { uai: UAI });
      expect(again).toMatchObject({ outcome: 'done', mergeId: outcome.mergeId });

      // Nothing personal left for this school in the cache file.
      await core.close();
      const db = new Database(join(account.dataDir, 'cache.sqlite'));
      db.pragma(`hexkey = '${(await new KeyFileProvider(account.dataDir).getKey()).toString('hex')}'`);
      expect(db.prepare('SELECT count(*) AS n FROM snapshot_rows').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM journal').get()).toEqual({ n: 0 });
      db.close();
    } finally {
      await cleanup();
    }
  });
});
