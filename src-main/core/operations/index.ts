/**
 * Every operation of the core, merged into one table keyed by the contract's method names. The type requires the
 * table to cover the whole contract: an RPC method without its implementation does not compile.
 */
import type { ServerStatus } from '../../../src-shared/rpc';
import type { AppInfoService } from '../app-info';
import type { CoreSession } from '../session';
import { accountOperations } from './account';
import { appOperations } from './app';
import { letterOperations, type SavePdf } from './letters';
import { referentOperations } from './referent';
import { roleOperations } from './roles';
import { schoolOperations } from './schools';
import { sendingOperations } from './sending';
import { sessionOperations } from './session';
import type { OperationTable } from './types';

export type { Operation, OperationInput, OperationTable } from './types';
export type { SavePdf } from './letters';

export interface OperationDeps {
  session: CoreSession;
  appInfo: AppInfoService;
  /** Told of every server check (the hosts forward it as the `server.status` event). */
  onServerStatus(status: ServerStatus): void;
  savePdf?: SavePdf;
}

export function createOperations(deps: OperationDeps): OperationTable {
  return {
    ...appOperations(deps.session, deps.appInfo, deps.onServerStatus),
    ...sessionOperations(deps.session),
    ...accountOperations(deps.session),
    ...schoolOperations(deps.session),
    ...sendingOperations(deps.session),
    ...letterOperations(deps.session, deps.savePdf),
    ...referentOperations(deps.session),
    ...roleOperations(deps.session),
  };
}
