/**
 * Every operation of the core, merged into one table keyed by the contract's method names. The type requires the
 * table to cover the whole contract: an RPC method without its implementation does not compile.
 */
import type { ServerStatus } from '../../../src-shared/rpc';
import type { AppInfoService } from '../app-info';
import type { CoreSession } from '../session';
import { accountOperations } from './account';
import { appOperations } from './app';
import { Diagnostics } from '../diagnostic/service';
import { diagnosticOperations, recordingErrors } from './diagnostic';
import { NOOP_LOGGER, type CoreLogger } from '../log';
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
  /** What the diagnostic says of this app: its name, version, host and where it writes its logs. */
  app?: { name: string; version: string; host: string; logsDir: string | null };
  logger?: CoreLogger;
}

export function createOperations(deps: OperationDeps): OperationTable {
  const app = deps.app ?? { name: 'Passerelle', version: '0.0.0', host: 'cli', logsDir: null };
  const diagnostics = new Diagnostics({
    facts: () => ({ ...app, serverUrl: deps.session.serverUrl(), dataRoot: deps.session.dataRoot }),
    school: () => deps.session.currentOrNull(),
    log: deps.logger ?? NOOP_LOGGER,
    persist: app.host !== 'cli',
  });
  return recordingErrors({
    ...appOperations(deps.session, deps.appInfo, deps.onServerStatus),
    ...sessionOperations(deps.session),
    ...accountOperations(deps.session),
    ...schoolOperations(deps.session),
    ...sendingOperations(deps.session),
    ...letterOperations(deps.session, deps.savePdf),
    ...referentOperations(deps.session),
    ...roleOperations(deps.session),
    ...diagnosticOperations(diagnostics),
  }, deps.session);
}
