import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rosterCsv } from '../../../src-main/core/csv/write';
import { generateAcademie, generateSchool } from '../../../src-shared/domain/generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'passerelle-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function passerelle(...args: string[]) {
  return passerelleWith({}, ...args);
}

function passerelleWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'cli', 'index.ts'), 'match', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CliJson {
  pairs: Array<{ old: string; new: string; score: number; status: 'auto' | 'review'; evidence: unknown[] }>;
  unmatchedOld: string[];
  unmatchedNew: string[];
}

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('passerelle match', () => {
  it('prints the JSON result, every account once', () => {
    const s = generateSchool({ seed: 12, uai: '0131212A', shape: 'elementaire', pupils: 200 });
    const oldPath = file('old.csv', rosterCsv([{ uai: '', pupils: s.old.pupils }], { dateStyle: 'fr' }));
    const newPath = file('new.csv', rosterCsv([{ uai: '', pupils: s.new.pupils }], { delimiter: ',' }));
    const r = passerelle('--old', oldPath, '--new', newPath, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliJson;
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['pairs', 'unmatchedOld', 'unmatchedNew']));
    expect([...out.pairs.map((p) => p.old), ...out.unmatchedOld].sort()).toEqual(s.old.pupils.map((p) => p.id).sort());
    expect([...out.pairs.map((p) => p.new), ...out.unmatchedNew].sort()).toEqual(s.new.pupils.map((p) => p.id).sort());
    for (const p of out.pairs) {
      expect(['auto', 'review']).toContain(p.status);
      expect(typeof p.score).toBe('number');
      expect(p.evidence.length).toBeGreaterThan(0);
    }
    const truth = new Map(s.truth.map((t) => [t.oldId, t.newId]));
    const autos = out.pairs.filter((p) => p.status === 'auto');
    // Automatic only when the old account has a birth date that rules out another child (dateless pairs are reviewed).
    const dated = new Set(s.old.pupils.filter((p) => p.dateNaissance !== null).map((p) => p.id));
    expect(autos.length).toBeGreaterThan(s.truth.filter((t) => dated.has(t.oldId)).length * 0.9);
    for (const p of autos) expect(truth.get(p.old)).toBe(p.new);
  });

  it('reads an ONDE export in Latin-1 and prints a French summary without --json', () => {
    const oldPath = file('anciens.csv', 'id;nom;prenom;date_naissance;niveau;classe\na1;Da Silva;Maelle;03/02/2017;CE2;CE2\na2;Martin;Tom;;CE1;Les Nounours\n');
    const onde = "Nom Elève;Nom d'usage Elève;Prénom Elève;Date naissance;Sexe;Niveau;Classe\nDA SILVA;;Maëlle;03/02/2017;F;CM1;CM1 A\nMARTIN;;Thomas;12/06/2018;M;CE2;CE2\nPETIT;;Léon;01/03/2020;M;CP;CP\n";
    const newPath = file('onde.csv', latin1(onde));
    const json = JSON.parse(passerelle('--old', oldPath, '--new', newPath, '--json').stdout) as CliJson;
    expect(json.pairs.find((p) => p.old === 'a1')).toMatchObject({ new: '2', status: 'auto' });
    expect(json.pairs.find((p) => p.old === 'a2')?.new).toBe('3');
    expect(json.unmatchedNew).toEqual(['4']);
    const text = passerelle('--old', oldPath, '--new', newPath);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/association\(s\) sûre\(s\)/);
    expect(text.stdout).toMatch(/sans correspondance/);
  });

  it('refuses a malformed file with a French message naming line and column, exit 2, no stack trace', () => {
    const oldPath = file('bad.csv', 'id;nom;prenom;date_naissance\n1;A;B;01/01/2015\n2;C;D;31/02/2015\n');
    const newPath = file('ok.csv', 'id;nom;prenom;date_naissance\n1;A;B;01/01/2015\n');
    const r = passerelle('--old', oldPath, '--new', newPath, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ligne 3, colonne « date_naissance » : date invalide « 31\/02\/2015 »/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(r.stderr).not.toMatch(/Error:/);
  });

  it('explains a missing file or missing arguments, exit 2', () => {
    const missing = passerelle('--old', join(dir, 'nope.csv'), '--new', join(dir, 'nope2.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/introuvable/);
    const noArgs = passerelle('--old', join(dir, 'nope.csv'));
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toMatch(/--new/);
    expect(passerelle('--help').code).toBe(0);
  });

  it('matches a many-school file school by school', () => {
    const schools = generateAcademie({ seed: 5, schools: 4 });
    const oldPath = file('multi-old.csv', rosterCsv(schools.map((s) => ({ uai: s.uai, pupils: s.old.pupils })), { withSchool: true }));
    const newPath = file('multi-new.csv', rosterCsv(schools.map((s) => ({ uai: s.uai, pupils: s.new.pupils })), { withSchool: true, withSex: true }));
    const r = passerelle('--old', oldPath, '--new', newPath, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CliJson;
    const uaiOf = (id: string) => id.split('-')[1];
    for (const p of out.pairs) expect(uaiOf(p.old)).toBe(uaiOf(p.new));
    expect(new Set(out.pairs.map((p) => uaiOf(p.old))).size).toBe(4);
    const truth = new Map(schools.flatMap((s) => s.truth).map((t) => [t.oldId, t.newId]));
    for (const p of out.pairs.filter((x) => x.status === 'auto')) expect(truth.get(p.old)).toBe(p.new);
    // Big files are split between two threads: same output as one thread.
    const twoThreads = passerelleWith({ PASSERELLE_MATCH_THREADS: '2' }, '--old', oldPath, '--new', newPath, '--json');
    expect(twoThreads.code).toBe(0);
    expect(twoThreads.stdout).toBe(passerelleWith({ PASSERELLE_MATCH_THREADS: '1' }, '--old', oldPath, '--new', newPath, '--json').stdout);
    expect(twoThreads.stdout).toBe(r.stdout);
  });
});
