/**
 * The CLI as a thin host over the core, in process (same `main` as `npm run -s passerelle -- …`), against the
 * real server: login, schools, pull, status --json, accept-auto, confirm --yes, push, progress; exit codes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli-run';
import { startTestServer, type TestServer } from './helpers';

const UAI = '0131234X';
let ent: TestServer;
let dataRoot: string;
beforeAll(async () => {
  ent = await startTestServer();
  dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));
  vi.stubEnv('PASSERELLE_DATA_DIR', dataRoot);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  rmSync(dataRoot, { recursive: true, force: true });
  await ent.close();
});

const run = (...argv: string[]) => runCli(argv);

describe('passerelle CLI', () => {
  it('runs a school from login to done', async () => {
    const d = ent.director(UAI);
    const server = ['--server', ent.server.url];
    expect((await run('status', ...server)).code).toBe(1); // not signed in yet
    const bad = await run('login', '--login', d.login, '--password', 'wrong-password', ...server);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^Erreur : /);
    expect(bad.err).not.toContain('wrong-password');

    expect((await run('login', '--login', d.login, '--password', d.password, ...server)).out).toMatch(/Connecté en tant que/);
    expect((await run('schools', ...server)).out).toContain(UAI);
    const pulled = await run('pull', UAI, '--legacy-login', d.legacy.login, '--legacy-password', d.legacy.password, ...server);
    expect(pulled.code).toBe(0);
    expect(pulled.out).toMatch(/Propositions : \d+ sûres/);
    expect(pulled.err).toMatch(/100 % Listes à jour/);

    const status = JSON.parse((await run('status', UAI, '--json', ...server)).out) as { phase: string; counts: { pendingAuto: number; undecided: number; undecidedAuto: number } };
    expect(status.phase).toBe('pulled');
    expect(status.counts.undecidedAuto).toBe(status.counts.pendingAuto);
    // Right after pull, nothing is decided: --yes does not confirm a batch that would link nobody.
    const tooEarly = await run('confirm', UAI, '--yes', ...server);
    expect(tooEarly.code).toBe(2);
    expect(tooEarly.err).toMatch(new RegExp(`jamais acceptée.*passerelle accept-auto ${UAI}`));
    expect((await run('status', UAI, '--json', ...server)).out).toMatch(/"phase": "pulled"/);
    expect((await run('accept-auto', UAI, ...server)).out).toMatch(new RegExp(`^${status.counts.pendingAuto} proposition`));
    // The pairs to check (dateless ones…) still block, naming the commands that settle them.
    const review = JSON.parse((await run('review', UAI, '--json', ...server)).out) as Array<{ ancien_id: string; nouveau_id: string; statut: string; raisons: string[] }>;
    expect(review.length).toBe(status.counts.undecided - status.counts.undecidedAuto);
    expect(review.every((r) => r.statut === 'review' && r.raisons.length > 0)).toBe(true);
    if (review.length > 0) expect((await run('confirm', UAI, '--yes', ...server)).err).toMatch(/à vérifier.*passerelle review/);
    const [first, ...others] = review;
    if (first) expect((await run('refuse', UAI, first.ancien_id, first.nouveau_id, ...server)).out).toMatch(/Association refusée/);
    for (const r of others) expect((await run('link', UAI, r.ancien_id, r.nouveau_id, ...server)).code).toBe(0);
    expect((await run('review', UAI, ...server)).out).toMatch(/Aucune association à décider/);
    const confirmed = await run('confirm', UAI, '--yes', ...server);
    expect(confirmed.code).toBe(0);
    expect(confirmed.out).toMatch(/irréversible/);
    const pushed = await run('push', ...server);
    expect(pushed.code).toBe(0);
    expect(pushed.out).toMatch(/fusion terminée/);
    expect((await run('progress', UAI, ...server)).code).toBe(0);
    expect((await run('status', UAI, ...server)).out).toMatch(/rapprochement terminé/);
    // Without a school: the table of every school of the account, this one merged (by whom).
    expect((await run('status', ...server)).out).toMatch(new RegExp(`^${UAI} .* rapprochée \\(`, 'm'));
  });

  it('exit codes: 2 for bad input, 3 when the server is unreachable', async () => {
    expect((await run('pull', 'pas-un-uai', '--server', ent.server.url)).code).toBe(2);
    expect((await run('login', '--login', 'x', '--password', 'y', '--server', 'http://127.0.0.1:9')).code).toBe(3);
  });
});
