import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Starts scripts/e2e-stack.ts once for the run and exposes its addresses to the tests through env vars. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/e2e-stack.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const values = await new Promise<Record<string, string>>((resolveValues, reject) => {
    const found: Record<string, string> = {};
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('e2e stack did not start within 60 s')), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const m = /^(PASSERELLE_E2E_\w+)=(.+)$/.exec(line.trim());
        if (m?.[1] && m[2]) found[m[1]] = m[2];
      }
      if (found.PASSERELLE_E2E_URL) {
        clearTimeout(timer);
        resolveValues(found);
      }
    });
    child.once('exit', (code) => reject(new Error(`e2e stack exited with ${String(code)}`)));
  });
  Object.assign(process.env, values);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
}
