/**
 * Wires the core services to the contract's method table. Hosts build this once and give it to the router.
 * The handler table is typed by the contract: a core type that drifts from its RPC schema fails to compile.
 */
import { AppError } from '../../src-shared/errors';
import type { AppInfoService } from '../core/app/info';
import type { Core } from '../core';
import type { EventBus } from './events';
import type { RpcHandlers } from './router';

/** A host capability (Electron): the letters shown in the window, printed to a PDF saved where the director chooses. */
export type SavePdf = (uai: string) => Promise<{ path: string }>;

export interface CoreServices {
  appInfo: AppInfoService;
  core: Core;
  savePdf?: SavePdf;
}

export function createHandlers(services: CoreServices, events: EventBus): RpcHandlers {
  const { core } = services;
  const checkServer = async () => {
    const status = await services.appInfo.checkServer();
    events.emit('server.status', status);
    return status;
  };
  return {
    'app.info': () => services.appInfo.info(),
    'app.checkServer': checkServer,
    'app.setServer': async ({ url }) => {
      // The app-info service reads the core's address: both now point at the new server.
      await core.setServer(url);
      return checkServer();
    },
    'session.restore': () => core.restore(),
    'session.signIn': ({ login, password }) => core.signIn(login, password),
    'session.signOut': async () => {
      await core.signOut();
      return { signedOut: true as const };
    },
    'account.activate': ({ email }) => core.activate(email),
    'account.supportRequest': (request) => core.supportRequest(request),
    'legacy.forgot': ({ email }) => core.legacyForgot(email),
    'account.useCode': (request) => core.useCode(request),
    'schools.list': () => core.listSchools(),
    'schools.statuses': () => core.statuses(),
    'school.pull': ({ uai, legacy }) => core.pull(uai, legacy ?? null),
    'school.status': ({ uai }) => core.status(uai),
    'school.workspace': ({ uai }) => core.workspace(uai),
    'school.decide': ({ uai, decision }) => core.decide(uai, decision),
    'school.undo': ({ uai }) => core.undo(uai),
    'school.redo': ({ uai }) => core.redo(uai),
    'school.acceptAuto': ({ uai }) => core.acceptAuto(uai),
    'school.preview': ({ uai }) => core.preview(uai),
    'school.confirm': ({ uai }) => core.confirm(uai),
    'school.push': ({ uai, legacy }) => core.push(uai, legacy ?? null),
    'school.progress': ({ uai }) => core.progress(uai),
    'school.receipt': async ({ uai }) => core.receipt(uai),
    'school.credentials': ({ uai }) => core.credentials(uai),
    'school.forgetCredentials': async ({ uai }) => {
      await core.forgetCredentials(uai);
      return { forgotten: true as const };
    },
    'letters.savePdf': async ({ uai }) => {
      if (!services.savePdf) {
        throw new AppError('bad-request', 'Dans le navigateur, utilisez le bouton Imprimer puis choisissez « Enregistrer au format PDF » comme imprimante.');
      }
      return services.savePdf(uai);
    },
  };
}

/** Forwards the core's events to the transports' bus (payloads checked there against the contract). */
export function forwardCoreEvents(core: Core, events: EventBus): () => void {
  const offProgress = core.on('progress', (payload) => events.emit('progress', payload));
  const offChanged = core.on('school.changed', (payload) => events.emit('school.changed', payload));
  return () => {
    offProgress();
    offChanged();
  };
}
