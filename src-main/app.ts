/**
 * Composition root shared by every host (Electron window, browser host, CLI): builds the session, the operation
 * table, the event bus and the validated router. Every call of every host goes through `router.call` (input and
 * output checked against the contract); `call` is the same thing for code that wants a value or an AppError.
 * Platform-free: the host passes what only it knows (its kind, the data folder, an explicit ENT server address,
 * in Electron the safeStorage-backed stores, `net.fetch` and the PDF export).
 */
import { AppError } from '../src-shared/errors';
import type { RpcEventName, RpcEventPayload, RpcInput, RpcMethodName, RpcOutput } from '../src-shared/rpc';
import { isRpcMethodName } from '../src-shared/rpc';
import { createAppInfoService, createOperations, CoreSession, startBackground, type Background, type BackgroundOptions, type CoreLogger, type CoreOptions, type OperationTable, type SavePdf } from './core';
import { EventBus } from './rpc/events';
import { createRouter, type Router } from './rpc/router';
import { APP_NAME, APP_VERSION } from './version';

export { DEFAULT_SERVER_URL } from './core/settings';

export interface AppOptions {
  host: 'electron' | 'browser' | 'cli';
  dataDir: string;
  /**
   * ENT server given by the host (PASSERELLE_SERVER_URL, `npm start`, `--server`). It wins over the address chosen
   * in the settings (`<dataDir>/settings.json`), which wins over the last session's server, then the default.
   */
  serverUrl?: string;
  keyProviderFor?: CoreOptions['keyProviderFor'];
  tokenStoreFor?: CoreOptions['tokenStoreFor'];
  /** The host's network stack for the ENT (Electron: `net.fetch`, so the system proxy and certificates apply). */
  fetch?: CoreOptions['fetch'];
  /** The Node hosts (CLI, browser host): the proxy for the ENT's address, `proxyFromEnvironment()`; default direct. */
  proxyFor?: CoreOptions['proxyFor'];
  /** Electron only: prints the letters shown in the window to a PDF the director saves. */
  savePdf?: SavePdf;
  onUnexpectedError?: (method: string, err: unknown) => void;
  /** The host's log (src-main/log): every call (method, time, outcome, error code and key — never its input), the core's events, unexpected errors. */
  logger?: CoreLogger;
  /** Where that log is written (shown in the settings, read by the diagnostic). */
  logsDir?: string;
  /** Tests: the core's timings. */
  core?: Pick<CoreOptions, 'retryDelaysMs' | 'pollIntervalMs' | 'timeoutMs' | 'sleep' | 'now' | 'matcher'>;
  /**
   * The core's background work (server watch, confirmed batches sent when the server answers, merges followed):
   * on by default for the hosts that stay open (electron, browser), off for the CLI (`push --attendre` starts it).
   */
  background?: boolean | Omit<BackgroundOptions, 'session' | 'appInfo' | 'onServerStatus'>;
}

export interface PasserelleApp {
  router: Router;
  events: EventBus;
  session: CoreSession;
  /** The background work, when running. */
  background: Background | null;
  /** Starts the background work (the CLI's `push --attendre`); returns it. */
  startBackground(options?: Omit<BackgroundOptions, 'session' | 'appInfo' | 'onServerStatus'>): Background;
  /** One method through the router: its output, or the AppError it answered with. */
  call<M extends RpcMethodName>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>>;
  /** One kind of event, with its payload type (what the transports carry). Returns the unsubscribe. */
  on<E extends RpcEventName>(event: E, listener: (payload: RpcEventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export function createPasserelleApp(options: AppOptions): PasserelleApp {
  const events = new EventBus();
  const session = new CoreSession({
    dataRoot: options.dataDir,
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    ...(options.keyProviderFor ? { keyProviderFor: options.keyProviderFor } : {}),
    ...(options.tokenStoreFor ? { tokenStoreFor: options.tokenStoreFor } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.proxyFor ? { proxyFor: options.proxyFor } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.core,
  });
  const appInfo = createAppInfoService({
    name: APP_NAME,
    version: APP_VERSION,
    host: options.host,
    dataDir: options.dataDir,
    logsDir: options.logsDir ?? null,
    // Read at each check: `app.setServer` switches the session, and app info follows.
    serverUrl: () => session.serverUrl(),
    // The health check goes out the way the session's calls do.
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.proxyFor ? { proxyFor: options.proxyFor } : {}),
  });
  const offProgress = session.events.on('progress', (payload) => events.emit('progress', payload));
  const offChanged = session.events.on('school.changed', (payload) => events.emit('school.changed', payload));
  const onServerStatus = (status: Parameters<BackgroundOptions['onServerStatus']>[0]) => events.emit('server.status', status);
  let background: Background | null = null;
  const start = (more: Omit<BackgroundOptions, 'session' | 'appInfo' | 'onServerStatus'> = {}): Background => {
    if (background) return background;
    const running = startBackground({ session, appInfo, onServerStatus, ...more });
    // Stopped: a later start begins a new one (never hands back a stopped one).
    const handle: Background = { ...running, stop: async () => { if (background === handle) background = null; await running.stop(); } };
    background = handle;
    return handle;
  };
  const log = options.logger;
  const operations = nudging(
    createOperations({ session, appInfo, onServerStatus, app: { name: APP_NAME, version: APP_VERSION, host: options.host, logsDir: options.logsDir ?? null }, ...(log ? { logger: log } : {}), ...(options.savePdf ? { savePdf: options.savePdf } : {}) }),
    () => background?.nudge(),
  );
  const routed = createRouter(operations, {
    onUnexpectedError: (method, err) => {
      log?.error({ method, err }, 'rpc.unexpected');
      options.onUnexpectedError?.(method, err);
    },
  });
  const router: Router = log ? loggedRouter(routed, log) : routed;
  const wanted = options.background ?? options.host !== 'cli';
  if (wanted) start(typeof wanted === 'object' ? wanted : {});
  return {
    router,
    events,
    session,
    get background() {
      return background;
    },
    startBackground: start,
    async call(method, input) {
      const result = await router.call(method, input);
      if (result.ok) return result.value as RpcOutput<typeof method>;
      const e = result.error;
      throw new AppError(e.code, e.message, e.problems, e.key ? { key: e.key, ...(e.params ? { params: e.params } : {}) } : undefined);
    },
    on(event, listener) {
      return events.subscribe((name, payload) => {
        if (name === event) listener(payload as RpcEventPayload<typeof event>);
      });
    },
    async close() {
      await background?.stop();
      offProgress();
      offChanged();
      session.close();
    },
  };
}

/** Each call as one log line: the method, how long it took, and how it ended (an error's code and key). */
function loggedRouter(router: Router, log: CoreLogger): Router {
  return {
    async call(method, input) {
      const started = performance.now();
      const result = await router.call(method, input);
      const fields = { method: isRpcMethodName(method) ? method : 'inconnue', ms: Math.round(performance.now() - started), ok: result.ok, ...(result.ok ? {} : { code: result.error.code, ...(result.error.key ? { key: result.error.key } : {}) }) };
      if (result.ok) log.info(fields, 'rpc');
      else log.warn(fields, 'rpc');
      return result;
    },
  };
}

/** After a sign-in, a restore or a confirmation, the background work looks again at once. */
function nudging(operations: OperationTable, nudge: () => void): OperationTable {
  const after = <M extends 'session.signIn' | 'session.restore' | 'school.confirm'>(name: M): OperationTable[M] => {
    const operation = operations[name] as (input: unknown) => unknown;
    return (async (input: unknown) => {
      const value = await operation(input);
      nudge();
      return value;
    }) as OperationTable[M];
  };
  return { ...operations, 'session.signIn': after('session.signIn'), 'session.restore': after('session.restore'), 'school.confirm': after('school.confirm') };
}
