/**
 * Composition root shared by every host (Electron window, browser host): builds the core, the app-info
 * service, the event bus and the router. Platform-free: the host passes what only it knows (its kind, the data
 * folder, an explicit ENT server address if it has one, in Electron the safeStorage-backed key and token stores
 * and the PDF export).
 */
import { createAppInfoService } from './core/app/info';
import { createCore, type CoreOptions } from './core';
import { EventBus } from './rpc/events';
import { createHandlers, forwardCoreEvents, type SavePdf } from './rpc/handlers';
import { createRouter, type Router } from './rpc/router';
import { APP_NAME, APP_VERSION } from './version';

export { DEFAULT_SERVER_URL } from './core/settings';

export interface AppOptions {
  host: 'electron' | 'browser';
  dataDir: string;
  /**
   * ENT server given by the host (PASSERELLE_SERVER_URL, `npm start`). It wins over the address chosen in the
   * settings (`<dataDir>/settings.json`), which wins over the last session's server, then the default.
   */
  serverUrl?: string;
  keyProviderFor?: CoreOptions['keyProviderFor'];
  tokenStoreFor?: CoreOptions['tokenStoreFor'];
  /** Electron only: prints the letters shown in the window to a PDF the director saves. */
  savePdf?: SavePdf;
  onUnexpectedError?: (method: string, err: unknown) => void;
}

export interface PasserelleApp {
  router: Router;
  events: EventBus;
  close(): Promise<void>;
}

export function createPasserelleApp(options: AppOptions): PasserelleApp {
  const events = new EventBus();
  const core = createCore({
    dataRoot: options.dataDir,
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    ...(options.keyProviderFor ? { keyProviderFor: options.keyProviderFor } : {}),
    ...(options.tokenStoreFor ? { tokenStoreFor: options.tokenStoreFor } : {}),
  });
  const appInfo = createAppInfoService({
    name: APP_NAME,
    version: APP_VERSION,
    host: options.host,
    dataDir: options.dataDir,
    // Read at each check: `app.setServer` switches the core, and app info follows.
    serverUrl: () => core.serverUrl(),
  });
  const stopForwarding = forwardCoreEvents(core, events);
  const handlers = createHandlers({ appInfo, core, ...(options.savePdf ? { savePdf: options.savePdf } : {}) }, events);
  const router = createRouter(handlers, { onUnexpectedError: options.onUnexpectedError });
  return {
    router,
    events,
    async close() {
      stopForwarding();
      await core.close();
    },
  };
}
