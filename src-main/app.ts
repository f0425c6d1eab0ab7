/**
 * Composition root shared by every host (Electron window, browser host): builds the core services, the
 * event bus and the router. Platform-free: the host passes what only it knows (its kind, the data folder).
 */
import { createAppInfoService } from './core/app/info';
import { EventBus } from './rpc/events';
import { createHandlers } from './rpc/handlers';
import { createRouter, type Router } from './rpc/router';
import { APP_NAME, APP_VERSION } from './version';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface AppOptions {
  host: 'electron' | 'browser';
  dataDir: string;
  serverUrl: string;
  onUnexpectedError?: (method: string, err: unknown) => void;
}

export interface PasserelleApp {
  router: Router;
  events: EventBus;
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
  const router = createRouter(createHandlers({ appInfo }, events), { onUnexpectedError: options.onUnexpectedError });
  return { router, events };
}
