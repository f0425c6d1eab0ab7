/**
 * `npm start`: the reference ENT server on its embedded SQLite file (demo académie seeded on first run),
 * then the app pointed at it — the Electron window where Electron can run, otherwise the browser host,
 * whose address is printed. Ctrl+C stops both cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBrowserHost } from '../src-main/host/main';
import { defaultDataRoot, embeddedServerDir } from '../src-main/core/paths';
import { startEntServer, type RunningServer } from '../src-server/index';
import { formatDemoAccounts } from './demo-accounts';
import { chooseHost } from './electron-runtime';

const root = resolve(import.meta.dirname, '..');

function build(...extra: string[]): void {
  const args = ['vite', 'build', '--logLevel', 'warn', ...extra];
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`la construction (${args.join(' ')}) a échoué`);
}

async function startServer(dataDir: string): Promise<RunningServer> {
  const wanted = Number(process.env.PASSERELLE_SERVER_PORT ?? 8787);
  try {
    return await startEntServer({ port: wanted, dataDir });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    process.stdout.write(`Le port ${wanted} est occupé : le serveur ENT prend un port libre.\n`);
    return startEntServer({ port: 0, dataDir });
  }
}

function demoAccounts(file: string): string {
  try {
    return formatDemoAccounts(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch {
    return `Comptes de démonstration : ${file}\n`;
  }
}

async function main(): Promise<void> {
  const dataRoot = defaultDataRoot();
  process.stdout.write('Construction de l’interface…\n');
  build();
  const server = await startServer(embeddedServerDir(dataRoot));
  process.stdout.write(`Serveur ENT de référence : ${server.url}\n`);
  process.stdout.write(demoAccounts(join(server.dataDir, 'demo-accounts.json')));

  const stoppers: Array<() => Promise<void>> = [];
  let electron: ChildProcess | undefined;
  const host = chooseHost();
  if (host.kind === 'electron') {
    build('--config', 'vite.electron.config.ts', '--mode', 'main');
    build('--config', 'vite.electron.config.ts', '--mode', 'preload');
    electron = spawn(host.binary, [root], { stdio: 'inherit', env: { ...process.env, PASSERELLE_SERVER_URL: server.url } });
    stoppers.push(async () => {
      electron?.kill('SIGTERM');
    });
  } else {
    const browser = await runBrowserHost({ serverUrl: server.url, dataDir: dataRoot });
    stoppers.push(() => browser.close());
    process.stdout.write(`Fenêtre Electron indisponible (${host.reason}) : hôte navigateur.\n`);
    process.stdout.write(`Ouvrez Passerelle dans votre navigateur : ${browser.url}\n`);
  }
  process.stdout.write('Ctrl+C pour tout arrêter.\n');

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nArrêt de Passerelle…\n');
    for (const s of stoppers) await s().catch(() => undefined);
    await server.close().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  electron?.once('exit', () => void stop(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`Impossible de démarrer Passerelle : ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
