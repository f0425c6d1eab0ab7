/**
 * What the Chromium benchmarks share (`ui.bench.ts`, `referent-ui.bench.ts`): the browser and its flags, the
 * renderer rebuilt from the current sources, and the statistics they print.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface Credentials {
  login: string;
  password: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
export const median = (values: number[]): number => percentile(values, 50);

/** The printed table's cells: a time, a ratio (peer / ours), whether a target is met. */
export const ms = (v: number): string => `${v.toFixed(1)} ms`;
export const ratio = (peer: number, ours: number): string => (ours > 0 ? `${(peer / ours).toFixed(2)}×` : '—');
export const met = (v: number, target: number): string => (v <= target ? 'yes' : 'NO');

/** A Markdown table, each column as wide as its widest cell. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0))) ?? [];
  for (const r of rows) process.stdout.write(`| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |\n`);
}

/** The renderer as the host serves it, rebuilt from the current sources (the last build when vite fails). */
export function buildRenderer(): void {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (built.status === 0) return;
  if (existsSync(join(root, 'dist/renderer/index.html'))) {
    process.stderr.write(`vite build failed (${built.status ?? built.signal}); measuring the renderer already in dist/renderer\n`);
    return;
  }
  throw new Error(`vite build failed (${built.status ?? built.signal}) and dist/renderer is empty`);
}
