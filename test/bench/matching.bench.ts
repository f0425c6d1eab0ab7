/**
 * Matching benchmark (`npm run bench -- matching`):
 *  1. one 450-pupil school in process: median after warm-up, engine vs the naive fuse.js matcher;
 *  2. a generated 300-school CSV pair (~120,000 rows a side) through the real CLI (wall time, tsx start
 *     included), quality checked on its JSON output; the fuse.js matcher on a sample of the same schools
 *     (in process; its time for 300 schools is extrapolated, it would take minutes).
 * Prints a table with time and the quality numbers for both, and the ratios; then
 *  3. the trap families (src-shared/domain/generator-traps.ts) at a realistic and a stress rate: wrong `auto`,
 *     traps shown for review with their reason, recall of the pairs each family is about (the table of
 *     test/unit/core/matching/quality-traps.test.ts).
 * Since issue 11 a pair is `auto` only with a usable birth date on the old account, so the auto target is on
 * those pairs ("dated"); dateless pairs are all proposed for review, with the reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAcademie, generateSchool, type GeneratedSchool } from '../../src-shared/domain/generator';
import { matchResultSchema, type MatchResult } from '../../src-shared/domain/matching';
import { rosterCsv } from '../../src-main/core/csv/write';
import { dateEvidence, evaluateMatching, matchRosters, type MatchingQuality } from '../../src-main/core/matching';
import { parseIsoDate } from '../../src-main/core/matching/features';
import { TRAP_FAMILIES } from '../../src-shared/domain/generator-traps';
import { measureTrapFamily, trapTable } from '../unit/core/matching/trap-schools';
import { fuseMatchRosters } from './fuse-matcher';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function timeInProcess(run: () => unknown, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
}

function qualityOf(results: Array<{ result: Pick<MatchResult, 'pairs'>; truth: GeneratedSchool['truth'] }>): MatchingQuality {
  const pairs = results.flatMap((r) => r.result.pairs);
  const truth = results.flatMap((r) => r.truth);
  return evaluateMatching({ pairs }, truth);
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** The true pairs whose old account has a usable birth date (the only ones that may be `auto`). */
function datedTruth(schools: GeneratedSchool[]): GeneratedSchool['truth'] {
  return schools.flatMap((s) => {
    const oldDate = new Map(s.old.pupils.map((p) => [p.id, p.dateNaissance]));
    const newDate = new Map(s.new.pupils.map((p) => [p.id, p.dateNaissance]));
    return s.truth.filter((t) => dateEvidence(parseIsoDate(oldDate.get(t.oldId) ?? null), parseIsoDate(newDate.get(t.newId) ?? null)).weight >= 3);
  });
}

// 1. One 450-pupil school, in process.
const school = generateSchool({ seed: 450, uai: '0134500A', shape: 'primaire', pupils: 450 });
const engineSchoolMs = timeInProcess(() => matchRosters(school.old, school.new), 30, 51);
const fuseSchoolMs = timeInProcess(() => fuseMatchRosters(school.old, school.new), 3, 9);

// 2. 300 schools through the CLI.
const academie = generateAcademie({ seed: 2026, schools: 300, averagePupils: 400 });
const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
const oldPath = join(dir, 'anciens.csv');
const newPath = join(dir, 'nouveaux.csv');
writeFileSync(oldPath, rosterCsv(academie.map((s) => ({ uai: s.uai, pupils: s.old.pupils })), { withSchool: true, dateStyle: 'fr' }));
writeFileSync(newPath, rosterCsv(academie.map((s) => ({ uai: s.uai, pupils: s.new.pupils })), { withSchool: true, withSex: true }));
const oldRows = academie.reduce((n, s) => n + s.old.pupils.length, 0);
const newRows = academie.reduce((n, s) => n + s.new.pupils.length, 0);

/** CPU time (user + system, ms) of this process's finished children, from /proc (Linux), else NaN. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime + cstime, in 1/100 s
  } catch {
    return NaN;
  }
}

const CLI_RUNS = 3;
const cliRuns: Array<{ wallMs: number; cpuMs: number; stdout: string }> = [];
for (let i = 0; i < CLI_RUNS; i++) {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  // Exactly what a referent types: npm run -s passerelle -- match … --json
  const run = spawnSync('npm', ['run', '-s', 'passerelle', '--', 'match', '--old', oldPath, '--new', newPath, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) {
    process.stderr.write(`CLI failed (${run.status}): ${run.stderr}\n`);
    process.exit(1);
  }
  cliRuns.push({ wallMs, cpuMs: childrenCpuMs() - cpuBefore, stdout: run.stdout });
}
const cliMs = Math.min(...cliRuns.map((r) => r.wallMs));
const cliCpuMs = Math.min(...cliRuns.map((r) => r.cpuMs));
const cli = { stdout: cliRuns[0]!.stdout };
rmSync(dir, { recursive: true, force: true });
const cliResult = matchResultSchema.parse(JSON.parse(cli.stdout));
const engineQuality = evaluateMatching(cliResult, academie.flatMap((s) => s.truth));
const engineDated = evaluateMatching(cliResult, datedTruth(academie));

const SAMPLE = 20;
const sample = academie.slice(0, SAMPLE);
const fuseStarted = performance.now();
const fuseResults = sample.map((s) => ({ result: fuseMatchRosters(s.old, s.new), truth: s.truth }));
const fuseSampleMs = performance.now() - fuseStarted;
const fuseQuality = qualityOf(fuseResults);
const sampleRows = sample.reduce((n, s) => n + s.old.pupils.length, 0);
const fuseExtrapolatedMs = (fuseSampleMs * oldRows) / sampleRows;
const sampleResults = sample.map((s) => ({ result: matchRosters(s.old, s.new), truth: s.truth }));
const engineSampleQuality = qualityOf(sampleResults);
const sampleDated = evaluateMatching({ pairs: sampleResults.flatMap((r) => r.result.pairs) }, datedTruth(sample));
const fuseDated = evaluateMatching({ pairs: fuseResults.flatMap((r) => r.result.pairs) }, datedTruth(sample));

const rows: Array<[string, string, string, string, string, string, string]> = [
  ['matcher', '450-pupil school (median)', `300 schools (${oldRows} / ${newRows} rows)`, 'wrong auto', 'true pairs auto', 'dated pairs auto', 'true pairs proposed'],
  ['passerelle engine', `${engineSchoolMs.toFixed(1)} ms`, `${(cliMs / 1000).toFixed(2)} s (CLI wall, best of ${CLI_RUNS}; CPU ${(cliCpuMs / 1000).toFixed(2)} s)`, String(engineQuality.wrongAuto), pct(engineQuality.autoRecall), pct(engineDated.autoRecall), pct(engineQuality.proposedRecall)],
  ['passerelle engine, sample', '', `${SAMPLE} schools`, String(engineSampleQuality.wrongAuto), pct(engineSampleQuality.autoRecall), pct(sampleDated.autoRecall), pct(engineSampleQuality.proposedRecall)],
  ['naive fuse.js, sample', `${fuseSchoolMs.toFixed(1)} ms`, `${(fuseExtrapolatedMs / 1000).toFixed(1)} s (in process, extrapolated from ${SAMPLE} schools)`, String(fuseQuality.wrongAuto), pct(fuseQuality.autoRecall), pct(fuseDated.autoRecall), pct(fuseQuality.proposedRecall)],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) process.stdout.write(`| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |\n`);
process.stdout.write(
  `\nratios (fuse / engine): 450-pupil school ×${(fuseSchoolMs / engineSchoolMs).toFixed(0)} slower; 300 schools ×${(fuseExtrapolatedMs / cliMs).toFixed(0)} slower (engine time includes CSV, tsx start and JSON)\n`,
);
process.stdout.write(`machine: ${availableParallelism()} core(s), load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (a loaded machine slows the CLI wall time)\n`);
process.stdout.write(`targets: 450-pupil school ≤ 20 ms, 300 schools ≤ 5 s, 0 wrong auto, ≥ 99 % of dated pairs auto, ≥ 99.5 % proposed\n`);

// 3. Trap families.
const trapStarted = performance.now();
const trapRows = TRAP_FAMILIES.flatMap((family) => (['realistic', 'stress'] as const).map((rate) => measureTrapFamily(family, rate, 16)));
process.stdout.write(`\ntrap families (16 schools each; focus: the true pairs the family is about; ${((performance.now() - trapStarted) / 1000).toFixed(1)} s)\n${trapTable(trapRows)}\n`);
const trapsOk = trapRows.every((q) => q.wrongAuto === 0 && q.wrongAutoOnTraps === 0);
process.stdout.write(trapsOk ? 'trap families: 0 wrong auto\n' : 'TRAP FAMILIES: WRONG AUTO\n');

const ok = engineSchoolMs <= 20 && cliMs <= 5000 && engineQuality.wrongAuto === 0 && engineDated.autoRecall >= 0.99 && engineQuality.proposedRecall >= 0.995 && trapsOk;
process.stdout.write(ok ? 'all targets met\n' : 'SOME TARGETS MISSED\n');
