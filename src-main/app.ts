/**
 * Composition root shared by every host (Electron window, browser host): builds the core, the app-info
 * service, the event bus and the router. Platform-free: the host passes what only it knows (its kind, the data
 * folder, and in Electron the safeStorage-backed key and token stores).
 */
import { createAppInfoService } from './core/app/info';
import { createCore, type CoreOptions } from './core';
import { EventBus } from './rpc/events';
import { createHandlers, forwardCoreEvents } from './rpc/handlers';
import { createRouter, type Router } from './rpc/router';
import { APP_NAME, APP_VERSION } from './version';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface AppOptions {
  host: 'electron' | 'browser';
  dataDir: string;
  serverUrl: string;
  keyProviderFor?: CoreOptions['keyProviderFor'];
  tokenStoreFor?: CoreOptions['tokenStoreFor'];
  onUnexpectedError?: (method: string, err: unknown) => void;
}

export interface PasserelleApp {
  router: Router;
  events: EventBus;
  close(): Promise<void>;
}

export function createPasserelleApp(options: AppOptions): PasserelleApp {
  const events = new EventBus();
  const appInfo = createAppInfoService({
    name: APP_NAME,
    version: APP_VERSION,
    host: options.host,
    dataDir: options.dataDir,
    serverUrl: options.serverUrl,
  });
  const core = createCore({
    dataRoot: options.dataDir,
    serverUrl: options.serverUrl,
    ...(options.keyProviderFor ? { keyProviderFor: options.keyProviderFor } : {}),
    ...(options.tokenStoreFor ? { tokenStoreFor: options.tokenStoreFor } : {}),
  });
  const stopForwarding = forwardCoreEvents(core, events);
  const router = createRouter(createHandlers({ appInfo, core }, events), { onUnexpectedError: options.onUnexpectedError });
  return {
    router,
    events,
    async close() {
      stopForwarding();
      await core.close();
    },
  };
}
