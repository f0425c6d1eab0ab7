/** The Node hosts' log files: where they are, who may read them, and what never reaches a line. */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyedError } from '../../../../src-shared/messages';
import { logFiles, logProcessFailures, openHostLog, type HostLog } from '../../../../src-main/log';
import { tempDir } from '../../core/tmp';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(host = 'navigateur'): Promise<{ log: HostLog; dir: string; read: () => string }> {
  const t = tempDir('passerelle-log-');
  const dir = join(t.dir, 'logs');
  const log = await openHostLog({ dir, host });
  cleanups.push(t.cleanup, () => log.close());
  return { log, dir, read: () => logFiles(dir).map((f) => readFileSync(f.path, 'utf8')).join('') };
}

describe('host log files', () => {
  it('writes JSON lines to <dir>/<host>.<date>.<n>.log, folder 0700 and file 0600, without the machine name', async () => {
    const { log, dir, read } = await open('cli');
    log.core.info({ uai: '0131234X', counts: { linked: 3 } }, 'school.pull');
    const files = logFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]!.path).toMatch(/[\\/]cli\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(files[0]!.path).mode & 0o777).toBe(0o600);
    }
    const line = JSON.parse(read().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, host: 'cli', uai: '0131234X', counts: { linked: 3 }, msg: 'school.pull' });
    expect(line.hostname).toBeUndefined();
    expect(typeof line.time).toBe('string');
  });

  it('never writes a password, a token, a grant, a login, a name, an e-mail or a birth date, at any depth', async () => {
    const { log, read } = await open();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuLWRpci0xIn0.c2lnbmF0dXJlLWR1LWpldG9u';
    log.logger.info(
      {
        input: { uai: '0131234X', legacy: { login: 'ancien.directeur', password: 'mdp-ancien-2025' } },
        deep: { a: { b: { c: { refreshToken: 'rt-123456', nom: 'BENSAÏD', prenom: 'Léa', dateNaissance: '2018-03-14' } } } },
        headers: { authorization: `Bearer ${jwt}` },
        note: `envoyé à nadia.martin@ac-aix-marseille.fr le 14/03/2018 avec ${jwt}`,
      },
      'rpc.call',
    );
    // A library's error quoting its input (JSON.parse does), and one of our errors naming a person in its parameters.
    let parseError: unknown;
    try {
      JSON.parse('{"login":"x","password":"fuite-du-mot-de-passe');
    } catch (err) {
      parseError = err;
    }
    log.logger.error({ err: parseError }, 'rpc.unexpected');
    log.logger.warn({ err: keyedError('conflict', 'school.reconciled-elsewhere', 'Rapprochée par {name}.', { name: 'Bénédicte Garnier', uai: '0131234X' }) }, 'school.push');
    log.logger.info(`chemin ${join(homedir(), 'Documents', 'x.json')}`);
    // The same error kept as data for support (the school's activity, also a log line): its parameters too.
    log.logger.warn({ uai: '0131234X', error: { code: 'conflict', key: 'school.reconciled-elsewhere', params: { name: 'Bénédicte Garnier', who: 'Bénédicte Garnier', n: 3 } } }, 'activity.error');
    const text = read();
    for (const secret of ['ancien.directeur', 'mdp-ancien-2025', 'rt-123456', 'BENSAÏD', 'Léa', '2018-03-14', '14/03/2018', jwt, 'nadia.martin', 'fuite-du-mot-de-passe', 'Bénédicte', 'Garnier', homedir()]) {
      expect(text, secret).not.toContain(secret);
    }
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, { [k: string]: unknown }>);
    expect(lines[0]!.input).toMatchObject({ uai: '0131234X', legacy: '[masqué]' });
    expect(lines[1]!.err).toMatchObject({ type: 'SyntaxError' });
    // Our errors: code, key and parameters (the person's name censored), never the formatted French text.
    expect(lines[2]!.err).toEqual({ type: 'AppError', code: 'conflict', key: 'school.reconciled-elsewhere', params: { name: '[masqué]', uai: '0131234X' } });
    expect(lines[3]!.msg).toMatch(/^chemin ~/);
    expect(lines[4]!.error).toEqual({ code: 'conflict', key: 'school.reconciled-elsewhere', params: { name: '[masqué]', who: '[masqué]', n: 3 } });
  });

  it('logs an uncaught exception and an unhandled rejection before the host reacts', async () => {
    const { log, read } = await open('electron');
    const fatal: unknown[] = [];
    const uninstall = logProcessFailures(log, (err) => fatal.push(err));
    cleanups.push(uninstall);
    process.listeners('uncaughtException').at(-1)?.(new Error('boum dans le module'), 'uncaughtException');
    process.listeners('unhandledRejection').at(-1)?.(new Error('promesse rejetée'), Promise.resolve());
    expect(fatal).toHaveLength(1);
    const lines = read().trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string; err: { message: string } });
    expect(lines.map((l) => [l.level, l.msg, l.err.message])).toEqual([
      [60, 'process.uncaught-exception', 'boum dans le module'],
      [50, 'process.unhandled-rejection', 'promesse rejetée'],
    ]);
  });
});
