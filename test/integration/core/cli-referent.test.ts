/**
 * The referent's whole path through the CLI (in process, real server with extra demo schools): login, pull --all
 * with her own old referent account proved once, status as a table, accept-auto --all, review across schools,
 * decisions export / import (a wrong file refused with line and column, nothing changed), confirm --all with one
 * typed confirmation, push --all, status --json saying every school merged.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli-run';
import { startTestServer, type TestServer } from './helpers';

const EXTRA = 3;
let ent: TestServer;
let dataRoot: string;
beforeAll(async () => {
  ent = await startTestServer({ demoSchools: EXTRA });
  dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-cli-ref-'));
  vi.stubEnv('PASSERELLE_DATA_DIR', dataRoot);
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  rmSync(dataRoot, { recursive: true, force: true });
  await ent.close();
});

const run = (argv: string[], input = '') => runCli(argv, input);

describe('passerelle CLI for a referent', () => {
  it('runs several schools from login to merged', async () => {
    const server = ['--server', ent.server.url];
    const now = ent.accounts.find((a) => a.role === 'referent' && a.year === 'new');
    const old = ent.accounts.find((a) => a.role === 'referent' && a.year === 'old' && a.login === 'bgarnier');
    if (!now || !old) throw new Error('demo referent missing');
    expect((await run(['login', '--login', now.login, '--password', now.password, ...server])).code).toBe(0);
    expect((await run(['pull', ...server])).code).toBe(2); // neither a school nor --all

    // Her own old account, once, for every school it covers; the three base schools it does not cover fail alone.
    const pulled = await run(['pull', '--all', '--legacy-login', old.login, '--legacy-password', old.password, '--json', ...server]);
    const results = JSON.parse(pulled.out) as Array<{ uai: string; ok: boolean; error: string | null }>;
    const extra = results.filter((r) => r.ok).map((r) => r.uai);
    expect(extra).toHaveLength(EXTRA);
    expect(results.filter((r) => !r.ok)).toHaveLength(3);
    expect(pulled.code).toBe(1);
    const table = (await run(['status', ...server])).out;
    expect(table).toMatch(/^UAI +École/m);
    for (const uai of extra) expect(table).toMatch(new RegExp(`^${uai} .*(à vérifier|prête à confirmer)`, 'm'));

    expect((await run(['accept-auto', '--all', ...server])).code).toBe(0);
    const review = JSON.parse((await run(['review', '--json', ...server])).out) as Array<{ ecole: string; ancien_id: string; nouveau_id: string }>;
    expect(new Set(review.map((r) => r.ecole)).size).toBeGreaterThan(0);

    // The spreadsheet: a wrong word refused with its line and column, nothing changed; then every pair confirmed.
    const file = join(dataRoot, 'decisions.csv');
    expect((await run(['decisions', 'export', '--all', '--out', file, ...server])).code).toBe(0);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const header = lines[0]?.split(';') ?? [];
    const [e, o, n, d] = ['ecole', 'ancien_id', 'nouveau_id', 'decision'].map((c) => header.indexOf(c)) as [number, number, number, number];
    const edit = (word: (cells: string[]) => string) =>
      [lines[0], ...lines.slice(1).map((l) => {
        const cells = l.split(';');
        if (cells[o] && cells[n] && cells[d] === '' && review.some((r) => r.ecole === cells[e] && r.ancien_id === cells[o] && r.nouveau_id === cells[n])) cells[d] = word(cells);
        return cells.join(';');
      })].join('\r\n');
    writeFileSync(file, edit(() => 'oui'));
    const wrong = await run(['decisions', 'import', file, ...server]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/ligne \d+, colonne decision/);
    expect(JSON.parse((await run(['review', '--json', ...server])).out)).toHaveLength(review.length);
    writeFileSync(file, edit(() => 'confirmer'));
    const imported = await run(['decisions', 'import', file, '--json', ...server]);
    expect(imported.code).toBe(0);
    expect((JSON.parse(imported.out) as { schools: Array<{ confirmed: number }> }).schools.reduce((s, x) => s + x.confirmed, 0)).toBe(review.length);
    expect(JSON.parse((await run(['review', '--json', ...server])).out)).toEqual([]);

    // One typed confirmation for all the ready schools: a wrong answer confirms nothing.
    expect((await run(['confirm', '--all', ...server], 'non\n')).code).toBe(1);
    const confirmed = await run(['confirm', '--all', ...server], `${EXTRA}\n`);
    expect(confirmed.code).toBe(0);
    expect(confirmed.out).toMatch(new RegExp(`Écoles prêtes \\(${EXTRA}\\)`));
    const pushed = await run(['push', '--all', '--json', ...server]);
    expect(pushed.code).toBe(0);
    expect((JSON.parse(pushed.out) as Array<{ ok: boolean }>).every((r) => r.ok)).toBe(true);
    const board = JSON.parse((await run(['status', '--json', ...server])).out) as { rows: Array<{ uai: string; state: string }> };
    expect(board.rows.filter((r) => extra.includes(r.uai)).map((r) => r.state)).toEqual(extra.map(() => 'merged'));
  }, 180_000);
});
