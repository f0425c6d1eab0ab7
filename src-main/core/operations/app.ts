/** Operations about the app itself: what it is, whether the ENT answers, which ENT server it talks to. */
import type { ServerStatus } from '../../../src-shared/rpc';
import type { AppInfoService } from '../app-info';
import type { CoreSession } from '../session';
import type { OperationTable } from './types';

export function appOperations(session: CoreSession, appInfo: AppInfoService, onServerStatus: (status: ServerStatus) => void): OperationTable<'app.info' | 'app.checkServer' | 'app.setServer'> {
  const checkServer = async (): Promise<ServerStatus> => {
    const status = await appInfo.checkServer();
    onServerStatus(status);
    return status;
  };
  return {
    'app.info': () => appInfo.info(),
    'app.checkServer': checkServer,
    'app.setServer': async ({ url }) => {
      // The app-info service reads the session's address: both now point at the new server.
      session.setServer(url);
      return checkServer();
    },
  };
}
