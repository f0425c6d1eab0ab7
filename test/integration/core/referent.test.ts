/**
 * A referent's sitting through the core against the real server with extra demo schools: one proof of her own old
 * referent account for all of them, the board, downloads of many schools (resumed after a network cut), the
 * shared queue, the spreadsheet round trip (refused as a whole when wrong, undoable), confirmations and sendings
 * of many schools, each its own batch, until the board says merged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, startTestServer, type TestCore, type TestServer } from './helpers';

const EXTRA = 4;
let ent: TestServer;
let app: TestCore;
let extra: string[] = [];

const referent = () => {
  const now = ent.accounts.find((a) => a.role === 'referent' && a.year === 'new');
  const old = ent.accounts.find((a) => a.role === 'referent' && a.year === 'old' && a.login === 'bgarnier');
  if (!now || !old) throw new Error('demo referent accounts missing');
  return { now, old };
};

beforeAll(async () => {
  ent = await startTestServer({ demoSchools: EXTRA });
  app = makeCore(ent.server.url);
  const { now } = referent();
  await app.core.call('session.signIn', { login: now.login, password: now.password });
}, 120_000);
afterAll(async () => {
  await app?.cleanup();
  await ent?.close();
});

const csvRows = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('a referent on many schools', () => {
  it('proves her own old account once: every school she was referent of is covered, none of the others', async () => {
    const before = await app.core.call('schools.board', { refresh: true });
    expect(before.rows.length).toBe(3 + EXTRA);
    expect(before.rows.every((r) => r.state === 'not-pulled' && !r.covered)).toBe(true);
    const { login, password } = referent().old;
    const proof = await app.core.call('legacy.prove', { login, password });
    extra = proof.schools.map((s) => s.uai).sort();
    expect(extra).toHaveLength(EXTRA);
    const board = await app.core.call('schools.board', {});
    expect(board.rows.filter((r) => r.covered).map((r) => r.uai).sort()).toEqual(extra);
    // The ENT says each school's town: the board is searched by it.
    expect(board.rows.every((r) => typeof r.commune === 'string' && r.commune.length > 0)).toBe(true);
  });

  it('downloads many schools at once; a school the proof does not cover is reported, the others go on', async () => {
    const uncovered = '0131234X';
    const events: string[] = [];
    const off = app.core.on('progress', (p) => events.push(p.task));
    const { results } = await app.core.call('schools.pullMany', { uais: [...extra.slice(0, 3), uncovered] });
    off();
    expect(results.filter((r) => r.ok).map((r) => r.uai).sort()).toEqual(extra.slice(0, 3));
    expect(results.find((r) => r.uai === uncovered)).toMatchObject({ ok: false, error: expect.stringMatching(/identifiants de l'an dernier/) });
    expect(events).toContain('pull-many');
    expect(events.filter((t) => t.startsWith('pull:')).length).toBeGreaterThan(3);
    const board = await app.core.call('schools.board', {});
    const row = board.rows.find((r) => r.uai === extra[0]);
    expect(row?.counts?.newPupils).toBeGreaterThan(0);
    expect(['to-review', 'ready']).toContain(row?.state);
    expect(board.rows.find((r) => r.uai === uncovered)?.state).toBe('pull-failed');
    expect(board.pendingPulls).toEqual([]);
  });

  it('a download cut by the network stays pending and resumes by itself when the server answers', async () => {
    const last = extra[3] ?? '';
    const port = Number(new URL(ent.server.url).port);
    await ent.server.close();
    const { results } = await app.core.call('schools.pullMany', { uais: [last] });
    expect(results[0]).toMatchObject({ ok: false });
    const pending = await app.core.call('schools.board', {});
    expect(pending.pendingPulls).toEqual([last]);
    expect(pending.rows.find((r) => r.uai === last)?.state).toBe('pull-failed');
    // Same port, same data: the core's background work (on for this app's test through `startBackground`) resumes.
    const restarted = await startTestServer({ demoSchools: EXTRA, port, dataDir: ent.server.dataDir });
    ent = { ...restarted, close: async () => { await restarted.close(); } };
    const background = app.core.startBackground({ onlineIntervalMs: 100, offlineIntervalMs: 50 });
    try {
      await expect.poll(async () => (await app.core.call('schools.board', {})).rows.find((r) => r.uai === last)?.state, { timeout: 30_000 }).toMatch(/to-review|ready/);
      expect((await app.core.call('schools.board', {})).pendingPulls).toEqual([]);
    } finally {
      await background.stop();
    }
  }, 60_000);

  it('one queue across schools: every undecided pair, grouped by school and class, with its evidence', async () => {
    const { items } = await app.core.call('queue.list', { uais: extra, includeUnmatched: true });
    const pairs = items.filter((i) => i.kind === 'pair');
    const board = await app.core.call('schools.board', {});
    const undecided = board.rows.filter((r) => extra.includes(r.uai)).reduce((n, r) => n + (r.counts?.undecided ?? 0), 0);
    expect(pairs).toHaveLength(undecided);
    expect(pairs.every((p) => p.kind === 'pair' && p.evidence.length > 0)).toBe(true);
    expect(items.some((i) => i.kind === 'unmatched-new')).toBe(true);
    // Grouped: once a school's items end, that school never comes back.
    const order = items.map((i) => i.uai).filter((u, i, all) => i === 0 || all[i - 1] !== u);
    expect(new Set(order).size).toBe(order.length);
  });

  it('the spreadsheet round trip: refused as a whole with line and column, then imported as one undoable decision per school', async () => {
    await app.core.call('schools.acceptAutoMany', { uais: extra });
    const exported = await app.core.call('decisions.export', { uais: extra });
    const rows = csvRows(exported.csv);
    const [header, ...body] = rows;
    expect(header?.slice(0, 5)).toEqual(['ecole', 'nom_ecole', 'ancien_id', 'nouveau_id', 'decision']);
    expect(exported.rows).toBe(body.length);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const undecided = body.filter((r) => r[col('decision')] === '' && r[col('ancien_id')] && r[col('nouveau_id')]);
    expect(undecided.length).toBeGreaterThan(0);
    const statuses = await Promise.all(extra.map((uai) => app.core.call('school.status', { uai })));

    // Wrong: an unknown decision word and an unknown id → nothing changes.
    const wrong = rows.map((r, i) => (i === 0 ? r : r === undecided[0] ? r.map((v, c) => (c === col('decision') ? 'peut-être' : v)) : r === undecided[1] ? r.map((v, c) => (c === col('ancien_id') ? 'inconnu' : c === col('decision') ? 'confirmer' : v)) : r));
    const refused = await app.core.call('decisions.import', { content: b64(wrong.map((r) => r.join(';')).join('\r\n')) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'validation', message: expect.stringMatching(/rien n'a été changé/) });
    const problems = (refused as { problems: Array<{ path: string; message: string }> }).problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^ligne \d+, colonne decision$/), expect.stringMatching(/^ligne \d+, colonne ancien_id$/)]));
    const unchanged = await Promise.all(extra.map((uai) => app.core.call('school.status', { uai })));
    expect(unchanged.map((s) => s.lastSeq)).toEqual(statuses.map((s) => s.lastSeq));

    // Right: every undecided pair confirmed, except the first one refused.
    const settled = rows.map((r, i) => (i === 0 || !undecided.includes(r) ? r : r.map((v, c) => (c === col('decision') ? (r === undecided[0] ? 'REFUSER' : 'confirmer') : v))));
    const imported = await app.core.call('decisions.import', { content: b64(settled.map((r) => r.join(';')).join('\r\n')) });
    expect(imported.schools.reduce((n, s) => n + s.confirmed + s.refused, 0)).toBe(undecided.length);
    const after = await app.core.call('schools.board', {});
    expect(after.rows.filter((r) => extra.includes(r.uai)).every((r) => r.state === 'ready')).toBe(true);
    // One undo per school takes the whole import back.
    const first = imported.schools[0]?.uai ?? '';
    await app.core.call('school.undo', { uai: first });
    expect((await app.core.call('school.status', { uai: first })).counts?.undecided).toBeGreaterThan(0);
    await app.core.call('school.redo', { uai: first });
    expect((await app.core.call('school.status', { uai: first })).counts?.undecided).toBe(0);
  });

  it('confirms and sends the ready schools, each its own batch, and the board says merged', async () => {
    const confirmed = await app.core.call('schools.confirmMany', { uais: extra });
    expect(confirmed.results.every((r) => r.ok)).toBe(true);
    const pushed = await app.core.call('schools.pushMany', { uais: extra });
    expect(pushed.results.map((r) => r.outcome)).toEqual(extra.map(() => 'accepted'));
    const background = app.core.startBackground({ onlineIntervalMs: 100 });
    try {
      await expect.poll(async () => (await app.core.call('schools.board', {})).rows.filter((r) => extra.includes(r.uai)).map((r) => r.state), { timeout: 90_000, interval: 500 }).toEqual(extra.map(() => 'merged'));
    } finally {
      await background.stop();
    }
    const board = await app.core.call('schools.board', { refresh: true });
    expect(board.rows.filter((r) => extra.includes(r.uai)).every((r) => r.ent?.acceptedByRole === 'referent')).toBe(true);
  }, 120_000);
});
