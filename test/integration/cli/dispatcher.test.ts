import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
function passerelle(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/index.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PASSERELLE_DATA_DIR: '/nonexistent-passerelle-test' } });
}

describe('passerelle command line dispatcher', () => {
  it('lists every command with its summary', () => {
    const run = passerelle('--help');
    expect(run.status).toBe(0);
    for (const name of ['info', 'match', 'login', 'pull', 'status', 'accept-auto', 'confirm', 'push', 'progress']) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('answers --help of a command without running it', () => {
    const run = passerelle('confirm', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage : passerelle confirm <uai>');
  });

  it('refuses an unknown command in French with exit code 2, no stack trace', () => {
    const run = passerelle('supprimer-tout');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Commande inconnue');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 when the ENT server does not answer', () => {
    const run = passerelle('info', '--server', 'http://127.0.0.1:9');
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('ne répond pas');
  });
});
