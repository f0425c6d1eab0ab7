/**
 * Electron security scan of src-main/electron with electronegativity (assuming Electron 41.7.1).
 * electronegativity exits 0 even with findings, so its CSV report is read here: any finding above LOW that
 * is not exempted (with a reason) in security-scan.config.ts fails the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SCAN_EXEMPTIONS } from './security-scan.config';

const ELECTRON_VERSION = '41.7.1';
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

/** Minimal CSV reader for electronegativity's report (quoted fields, doubled quotes). */
export function parseReport(csv: string): Finding[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows
    .slice(1)
    .filter((r) => r.length >= 7)
    .map((r) => ({ check: r[0]!.trim(), severity: r[1]!.trim(), confidence: r[2]!.trim(), file: r[3]!.trim(), location: r[4]!.trim(), description: r[6]!.trim() }));
}

function main(): number {
  const root = resolve(import.meta.dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-scan-'));
  const report = join(dir, 'report.csv');
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
  const run = spawnSync(bin, ['-i', join(root, 'src-main', 'electron'), '-e', ELECTRON_VERSION, '-r', '-o', report], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  let csv: string;
  try {
    csv = readFileSync(report, 'utf8');
  } catch {
    process.stderr.write(`Analyse Electron impossible : electronegativity n'a pas produit de rapport.\n${run.stderr ?? ''}\n`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const findings = parseReport(csv);
  let blocking = 0;
  let exempted = 0;
  for (const f of findings) {
    const exemption = SCAN_EXEMPTIONS.find((e) => e.check === f.check && e.file === f.file && e.reason.trim().length > 0);
    const aboveLow = BLOCKING.has(f.severity);
    const verdict = !aboveLow ? 'info' : exemption ? 'exempté' : 'BLOQUANT';
    if (aboveLow && exemption) exempted++;
    if (aboveLow && !exemption) blocking++;
    process.stdout.write(`  [${verdict}] ${f.severity} ${f.check} ${f.file}:${f.location} — ${f.description}${exemption && aboveLow ? ` (raison : ${exemption.reason})` : ''}\n`);
  }
  process.stdout.write(`Electronegativity ${ELECTRON_VERSION} : ${findings.length} constat(s), ${exempted} exempté(s) avec raison, ${blocking} bloquant(s)\n`);
  return blocking > 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && /security-scan\.ts$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = main();
