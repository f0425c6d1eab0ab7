/**
 * Wires the core services to the contract's method table. Hosts build this once and give it to the router.
 */
import type { AppInfoService } from '../core/app/info';
import type { EventBus } from './events';
import type { RpcHandlers } from './router';

export interface CoreServices {
  appInfo: AppInfoService;
}

export function createHandlers(services: CoreServices, events: EventBus): RpcHandlers {
  return {
    'app.info': () => services.appInfo.info(),
    'app.checkServer': async () => {
      const status = await services.appInfo.checkServer();
      events.emit('server.status', status);
      return status;
    },
  };
}
