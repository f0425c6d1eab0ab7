/**
 * The CLI for a teacher's own steps, in process against the real server: class (the list with first pupils, then
 * --choose), old-data (status, then --recover with the old credentials, some class apps, --yes), and its refusals.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli-run';
import { startTestServer, type TestServer } from './helpers';

let ent: TestServer;
let dataRoot: string;
beforeAll(async () => {
  ent = await startTestServer();
  dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-cli-roles-'));
  vi.stubEnv('PASSERELLE_DATA_DIR', dataRoot);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  rmSync(dataRoot, { recursive: true, force: true });
  await ent.close();
});

const run = (...argv: string[]) => runCli(argv);

describe('passerelle class and old-data', () => {
  it('lets a teacher choose their class and recover their old class space and personal data from a script', async () => {
    const accounts = (JSON.parse(readFileSync(ent.server.demoAccountsFile ?? '', 'utf8')) as { accounts: Array<{ login: string; password: string }> }).accounts;
    const agnes = accounts.find((a) => a.login === 'agnes.rouviere');
    const old = accounts.find((a) => a.login === 'arouviere');
    if (!agnes || !old) throw new Error('demo teacher missing');
    const server = ['--server', ent.server.url];
    expect((await run('login', '--login', agnes.login, '--password', agnes.password, ...server)).code).toBe(0);
    const list = await run('class', ...server);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/n-0134567K-c1 {2}\S+ — \d+ élève\(s\) : /);
    expect(list.out).toContain('passerelle class --choose');
    expect((await run('class', '--choose', 'pas-une-classe', ...server)).code).toBe(2);
    const chosen = await run('class', '--choose', 'n-0134567K-c1', ...server);
    expect(chosen.out).toMatch(/^C'est noté : votre classe est /);
    expect((await run('class', ...server)).out).toMatch(/n-0134567K-c1 .*← votre classe/);

    expect((await run('old-data', ...server)).out).toContain('Ancien compte pas encore vérifié');
    expect((await run('old-data', '--recover', '--class-apps', 'blog,journal', '--yes', ...server)).err).toMatch(/application inconnue \(journal\)/);
    const wrong = await run('old-data', '--recover', '--legacy-login', old.login, '--legacy-password', 'pas-le-bon', '--yes', ...server);
    expect(wrong.code).toBe(1);
    expect(wrong.err).not.toContain('pas-le-bon');
    const done = await run('old-data', '--recover', '--legacy-login', old.login, '--legacy-password', old.password, '--class-apps', 'blog,media', '--yes', ...server);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/« UPE2A » vers \S+ : blog, media/);
    expect(done.out).toMatch(/Espace de classe repris : blog \d+, media \d+\./);
    expect(done.out).toMatch(/Données personnelles reprises : messages \d+/);
    const status = JSON.parse((await run('old-data', '--json', ...server)).out) as { classSpaces: { old: Array<{ state: string; apps: Record<string, number> }>; answer: { decision: string } }; personal: { claim: unknown } };
    expect(status.classSpaces.answer.decision).toBe('recovered');
    expect(status.classSpaces.old[0]?.state).toBe('mine');
    expect(Object.keys(status.classSpaces.old[0]?.apps ?? {}).sort()).toEqual(['calendar', 'homework', 'liaison']);
    expect(status.personal.claim).not.toBeNull();
    // Nothing left to do: said so, nothing moves.
    expect((await run('old-data', '--recover', '--yes', ...server)).out).toContain('tout est déjà fait');
  });
});
