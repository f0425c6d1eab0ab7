/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` one after the other in its own process (so one
 * benchmark's heap and JIT state do not colour the next) and prints their tables. Never part of `npm test`.
 * `npm run bench -- matching` runs only the files whose name contains "matching".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.stdout.write(`\n${files.length} benchmark file(s) run, ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;
