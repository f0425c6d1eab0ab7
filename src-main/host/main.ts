/**
 * Entry point of the browser host: `tsx src-main/host/main.ts` (npm start does this when Electron cannot run).
 * Environment: PASSERELLE_SERVER_URL (ENT server; without it, the one chosen in the settings), PASSERELLE_DATA_DIR,
 * PASSERELLE_HOST_PORT; HTTPS_PROXY / NO_PROXY for the ENT (proxyFromEnvironment), NODE_EXTRA_CA_CERTS for a TLS-inspecting proxy.
 */
import { resolve } from 'node:path';
import { createPasserelleApp } from '../app';
import { defaultDataRoot } from '../core';
import { proxyFromEnvironment } from '../net/proxy';
import { startBrowserHost, type BrowserHost } from './server';

export async function runBrowserHost(opts: { serverUrl?: string; dataDir?: string; port?: number; staticDir?: string } = {}): Promise<BrowserHost> {
  const app = createPasserelleApp({
    host: 'browser',
    dataDir: opts.dataDir ?? defaultDataRoot(),
    serverUrl: opts.serverUrl ?? (process.env.PASSERELLE_SERVER_URL || undefined),
    proxyFor: proxyFromEnvironment(),
    onUnexpectedError: (method) => process.stderr.write(`[passerelle] erreur inattendue dans ${method}\n`),
  });
  const host = await startBrowserHost({
    router: app.router,
    events: app.events,
    staticDir: opts.staticDir ?? resolve(import.meta.dirname, '../../dist/renderer'),
    port: opts.port ?? Number(process.env.PASSERELLE_HOST_PORT ?? 0),
  });
  return {
    ...host,
    async close() {
      await host.close();
      await app.close();
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && /src-main[\\/]host[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  runBrowserHost().then(
    (host) => {
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
