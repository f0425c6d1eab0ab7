/**
 * `npm test`: every check, each with its runner's usual output, then one summary.
 *   1. strict type-check of every folder (`tsc -b`: one tsconfig each, the folders' layering rules live there), then eslint
 *   2. vitest: unit + integration (real servers on ephemeral ports, real SQLite, PostgreSQL when
 *      PASSERELLE_TEST_PG_URL is set — otherwise those suites are reported as skipped)
 *   3. the renderer build, then Playwright e2e in Chromium through the browser host
 *   4. the Electron security scan (electronegativity -e 41.7.1 on src-main/electron)
 * Every step runs even when an earlier one fails; the exit code is non-zero if any failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const TYPECHECK_PROJECTS = ['src-shared', 'src-main', 'src-main/electron', 'src-renderer', 'src-server', 'test'];
const LINTED = ['src-shared', 'src-main', 'src-renderer', 'src-server', 'test', 'scripts'];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolveRun(1));
  });
}

/** `tsc -b` on the root tsconfig.json: every folder's project, each with its own lib and types (the layering). */
async function typecheck(): Promise<boolean> {
  const code = await run(bin('tsc'), ['-b', '--pretty', 'false']);
  process.stdout.write(`  tsc -b (${TYPECHECK_PROJECTS.join(', ')}): ${code === 0 ? 'ok' : 'ERREURS'}\n`);
  return code === 0;
}

/** eslint (eslint.config.mjs): typed rules (floating promises, exhaustive switches) and the folders' import rules. */
async function lint(): Promise<boolean> {
  const code = await run(bin('eslint'), ['--max-warnings=0', ...LINTED]);
  process.stdout.write(`  eslint (${LINTED.join(', ')}): ${code === 0 ? 'ok' : 'ERREURS'}\n`);
  return code === 0;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const reports = mkdtempSync(join(tmpdir(), 'passerelle-test-'));
  const steps: Array<[string, boolean]> = [];
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };

  process.stdout.write('\n── 1/4 Vérification des types (tsc strict) et règles du code (eslint) ──\n');
  steps.push(['types', await typecheck()]);
  steps.push(['lint', await lint()]);

  process.stdout.write('\n── 2/4 Tests unitaires et d’intégration (vitest) ──\n');
  const vitestJson = join(reports, 'vitest.json');
  const vitestCode = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestJson);
  if (vitest) {
    counts.passed += vitest.numPassedTests;
    counts.failed += vitest.numFailedTests;
    counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
  }
  steps.push(['vitest', vitestCode === 0 && vitest !== null]);

  process.stdout.write('\n── 3/4 Tests de bout en bout (Playwright, Chromium) ──\n');
  const buildCode = await run(bin('vite'), ['build', '--logLevel', 'warn']);
  const playwrightJson = join(reports, 'playwright.json');
  const e2eCode = buildCode === 0 ? await run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }) : 1;
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(playwrightJson);
  if (e2e) {
    counts.passed += e2e.stats.expected + e2e.stats.flaky;
    counts.failed += e2e.stats.unexpected;
    counts.skipped += e2e.stats.skipped;
  }
  steps.push(['e2e', e2eCode === 0 && e2e !== null]);

  process.stdout.write('\n── 4/4 Analyse de sécurité Electron (electronegativity) ──\n');
  steps.push(['electronegativity', (await run(process.execPath, ['--import', 'tsx', 'scripts/security-scan.ts'])) === 0]);

  rmSync(reports, { recursive: true, force: true });
  process.stdout.write('\n── Résumé ──\n');
  for (const [name, ok] of steps) process.stdout.write(`  ${ok ? 'ok     ' : 'ÉCHEC  '} ${name}\n`);
  const failedSteps = steps.filter(([, ok]) => !ok).length;
  process.stdout.write(`${counts.passed} passed, ${counts.failed + failedSteps} failed, ${counts.skipped} skipped\n`);
  return failedSteps > 0 || counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`npm test: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
