/**
 * The stack the e2e tests drive: the real reference ENT server (fresh temp data folder, demo data) and the
 * browser host serving the built renderer, both on free ports. Prints one line `PASSERELLE_E2E_URL=<url>`
 * (and the server's address and data folder) then runs until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBrowserHost } from '../src-main/host/main';
import { startEntServer } from '../src-server/index';

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  const server = await startEntServer({ port: 0, dataDir: join(root, 'serveur-ent'), demo: { seed: 7 } });
  const host = await runBrowserHost({ serverUrl: server.url, dataDir: join(root, 'app') });
  process.stdout.write(`PASSERELLE_E2E_SERVER=${server.url}\nPASSERELLE_E2E_DATA=${root}\nPASSERELLE_E2E_URL=${host.url}\n`);
  const stop = async () => {
    await host.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`e2e stack: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
