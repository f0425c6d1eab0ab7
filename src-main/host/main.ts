/**
 * Entry point of the browser host: `tsx src-main/host/main.ts` (npm start does this when Electron cannot run).
 * Environment: PASSERELLE_SERVER_URL (ENT server; without it, the one chosen in the settings), PASSERELLE_DATA_DIR,
 * PASSERELLE_HOST_PORT; HTTPS_PROXY / NO_PROXY for the ENT (proxyFromEnvironment), NODE_EXTRA_CA_CERTS for a TLS-inspecting proxy.
 */
import { resolve } from 'node:path';
import { createPasserelleApp } from '../app';
import { defaultDataRoot } from '../core';
import { logProcessFailures, logsDirOf, openHostLog, type HostLog } from '../log';
import { proxyFromEnvironment } from '../net/proxy';
import { startBrowserHost, type BrowserHost } from './server';

export async function runBrowserHost(opts: { serverUrl?: string; dataDir?: string; port?: number; staticDir?: string } = {}): Promise<BrowserHost & { log: HostLog }> {
  const dataDir = opts.dataDir ?? defaultDataRoot();
  // <data folder>/logs/navigateur.<date>.<n>.log: every call, the core's events, unexpected errors (no secret, no name).
  const log = await openHostLog({ dir: logsDirOf(dataDir), host: 'navigateur' });
  const app = createPasserelleApp({
    host: 'browser',
    dataDir,
    serverUrl: opts.serverUrl ?? (process.env.PASSERELLE_SERVER_URL || undefined),
    proxyFor: proxyFromEnvironment(),
    logger: log.core,
    logsDir: log.dir,
    onUnexpectedError: (method) => process.stderr.write(`[passerelle] erreur inattendue dans ${method} (détails dans ${log.dir})\n`),
  });
  const host = await startBrowserHost({
    router: app.router,
    events: app.events,
    staticDir: opts.staticDir ?? resolve(import.meta.dirname, '../../dist/renderer'),
    port: opts.port ?? Number(process.env.PASSERELLE_HOST_PORT ?? 0),
  });
  log.logger.info({ port: host.port }, 'host.started');
  return {
    ...host,
    log,
    async close() {
      await host.close();
      await app.close();
      log.logger.info({}, 'host.stopped');
      await log.close();
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && /src-main[\\/]host[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  runBrowserHost().then(
    (host) => {
      logProcessFailures(host.log, () => process.exit(1));
      process.stdout.write(`Passerelle est ouverte dans votre navigateur : ${host.url}\n`);
      const stop = () => void host.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      process.stderr.write(`Impossible de démarrer Passerelle : ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
