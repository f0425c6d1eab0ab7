/**
 * The stack the e2e tests drive: the real reference ENT server (fresh temp data folder, demo data) and the
 * browser host serving the built renderer, both on free ports. Prints `PASSERELLE_E2E_URL=<url>` (and the
 * server's address, its demo accounts file, the data folder and this process's pid) then runs until SIGTERM.
 * A second browser host with its own data folder (`PASSERELLE_E2E_URL_2`) is "another computer": someone else
 * (the académie's referent) reconciles a school there while a director is still working on it here.
 * SIGUSR1 stops the ENT server (the "network cut"); SIGUSR2 starts it again on the same port and database.
 * The demo académie has 4 more schools for its referent (`--demo-schools 4`): her own old referent account covers them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBrowserHost } from '../src-main/host/main';
import { startEntServer, type RunningServer } from '../src-server/index';

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  const serverDir = join(root, 'serveur-ent');
  // Merges go in small chunks with a pause, so the tests (and their screenshots) see the migration progress.
  const options = { dataDir: serverDir, demo: { seed: 7, schools: 4 }, workerChunkSize: 200, workerChunkDelayMs: 60 };
  let server: RunningServer | null = await startEntServer({ port: 0, ...options });
  const port = Number(new URL(server.url).port);
  const host = await runBrowserHost({ serverUrl: server.url, dataDir: join(root, 'app') });
  const otherComputer = await runBrowserHost({ serverUrl: server.url, dataDir: join(root, 'app-2') });
  process.stdout.write(
    `PASSERELLE_E2E_SERVER=${server.url}\nPASSERELLE_E2E_ACCOUNTS=${server.demoAccountsFile ?? ''}\nPASSERELLE_E2E_DATA=${root}\nPASSERELLE_E2E_PID=${process.pid}\nPASSERELLE_E2E_URL_2=${otherComputer.url}\nPASSERELLE_E2E_URL=${host.url}\n`,
  );
  let switching = Promise.resolve();
  const serially = (step: () => Promise<void>) => {
    switching = switching.then(step).catch((err: unknown) => {
      process.stderr.write(`e2e stack: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  };
  process.on('SIGUSR1', () =>
    serially(async () => {
      await server?.close();
      server = null;
      process.stdout.write('E2E_SERVER_STOPPED\n');
    }),
  );
  process.on('SIGUSR2', () =>
    serially(async () => {
      server ??= await startEntServer({ port, ...options });
      process.stdout.write('E2E_SERVER_STARTED\n');
    }),
  );
  const stop = async () => {
    await host.close();
    await otherComputer.close();
    await server?.close();
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
