/**
 * After every e2e spec (project `journaux`, which depends on the `e2e` project: playwright.config.ts): each host of
 * the stack kept its log files — the reference server, both browser hosts, and the CLI run once here against the
 * same server — and no line of them holds a seeded demo password, a login, a pupil's or an adult's name, or a
 * birth date (read from the server's own database). The Electron host cannot run here: its log is the same
 * module (src-main/log), tested in test/unit/main/log/host-log.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '../..');

function stackDir(): string {
  const value = process.env.PASSERELLE_E2E_DATA;
  if (!value) throw new Error('PASSERELLE_E2E_DATA missing: global setup did not run');
  return value;
}

function logsOf(dir: string, prefix: string): Array<{ name: string; text: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${prefix}.`) && name.endsWith('.log'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('every host logged the run, and no log line holds a password, a login, a name or a birth date', () => {
  const data = stackDir();
  const server = process.env.PASSERELLE_E2E_SERVER ?? '';
  const accountsFile = process.env.PASSERELLE_E2E_ACCOUNTS ?? '';
  const accounts = (JSON.parse(readFileSync(accountsFile, 'utf8')) as { accounts: Array<{ login: string; password: string; role: string; year: string }> }).accounts;

  // The CLI once, as a director would script it: a wrong password, then the right one, then a download.
  const director = accounts.find((a) => a.role === 'director' && a.year === 'new');
  if (!director) throw new Error('no demo director');
  const cliData = join(data, 'cli');
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/index.ts', ...args, '--server', server], { cwd: root, env: { ...process.env, PASSERELLE_DATA_DIR: cliData }, encoding: 'utf8', timeout: 60_000 });
  expect(cli(['login', '--login', director.login, '--password', `${director.password}x`]).status).not.toBe(0);
  expect(cli(['login', '--login', director.login, '--password', director.password]).status).toBe(0);
  expect(cli(['schools']).status).toBe(0);

  const hosts = [
    { host: 'serveur-ent', files: logsOf(join(data, 'serveur-ent', 'logs'), 'serveur-ent') },
    { host: 'navigateur (app)', files: logsOf(join(data, 'app', 'logs'), 'navigateur') },
    { host: 'navigateur (app-2)', files: logsOf(join(data, 'app-2', 'logs'), 'navigateur') },
    { host: 'cli', files: logsOf(join(cliData, 'logs'), 'cli') },
  ];
  for (const { host, files } of hosts) {
    expect(files.length, `${host}: log files`).toBeGreaterThan(0);
    const lines = files.flatMap((f) => f.text.split('\n').filter(Boolean));
    expect(lines.length, `${host}: log lines`).toBeGreaterThan(2);
    // Every line is one JSON object (pino): nothing printed around it.
    for (const line of lines) expect(() => JSON.parse(line) as unknown, `${host}: ${line.slice(0, 80)}`).not.toThrow();
  }
  // What the browser hosts logged: each call of the renderer, by method name, without its input.
  expect(hosts[1]?.files.map((f) => f.text).join('')).toContain('"method":"session.signIn"');
  expect(hosts[0]?.files.map((f) => f.text).join('')).toContain('"url":"/v1/');

  // What must never be there: every seeded password and login, every person's name and birth date the ENT holds.
  const db = new Database(join(data, 'serveur-ent', 'ent.sqlite'), { readonly: true, fileMustExist: true });
  const people = db.prepare('SELECT login, nom, prenom, date_naissance AS dateNaissance FROM accounts').all() as Array<{ login: string; nom: string; prenom: string; dateNaissance: string | null }>;
  db.close();
  expect(people.length).toBeGreaterThan(500);
  const needles = new Set<string>();
  for (const a of accounts) {
    needles.add(a.password);
    needles.add(a.login);
  }
  for (const p of people) {
    needles.add(`${p.prenom} ${p.nom}`);
    needles.add(`${p.nom} ${p.prenom}`);
    if (p.login.length >= 6) needles.add(p.login);
    if (p.dateNaissance) needles.add(p.dateNaissance);
  }
  // Surnames alone as whole words (at least 5 letters, so that no ordinary word of a log line is taken for one).
  const surnames = [...new Set(people.map((p) => p.nom).filter((n) => n.length >= 5))];
  const surnameRe = new RegExp(`(?<![\\p{L}])(${surnames.map(escape).join('|')})(?![\\p{L}])`, 'iu');
  const found: string[] = [];
  for (const { host, files } of hosts) {
    for (const f of files) {
      for (const needle of needles) if (needle.length >= 4 && f.text.includes(needle)) found.push(`${host}/${f.name}: ${needle.length > 12 ? `${needle.slice(0, 3)}…` : '[valeur]'} (${needle.length} car.)`);
      const m = surnameRe.exec(f.text);
      if (m) found.push(`${host}/${f.name}: un nom de famille (${m[0].length} car.) près de « ${f.text.slice(Math.max(0, m.index - 30), m.index).replace(/\s+/g, ' ')} »`);
    }
  }
  expect(found).toEqual([]);
});
