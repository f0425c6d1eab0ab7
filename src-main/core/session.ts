/**
 * The core's facade: `createCore(...)` → one object with every operation the RPC router, the browser host
 * and the CLI call. It owns the signed-in user's cache (one data folder per user) and ENT client.
 */
import { join } from 'node:path';
import type { AcceptedResponse, PasswordResetRequest, PasswordResetResponse, SupportRequest, SupportRequestResponse } from '../../src-shared/api';
import { AppError } from '../../src-shared/errors';
import type { CredentialLetters } from '../../src-shared/rpc/account';
import type { Decision } from './journal/decisions';
import { CACHE_FILE_NAME, openCache, type CacheDatabase } from './cache/database';
import { KeyFileProvider, type KeyProvider } from './cache/keys';
import { EntClient } from './ent/client';
import { CoreEmitter, type CoreEventName, type Listener } from './events';
import { matchRosters } from './matching';
import type { Matcher } from './pull';
import { CacheTokenStore, MemoryTokenStore, type TokenStore } from './secrets';
import { parseServerUrl, readSettings, resolveServerUrl, writeSettings } from './settings';
import type { Account, BatchPreview, BatchReceipt, Confirmation, DecisionAck, LegacyCredentials, PushOutcome, SchoolListItem, SchoolStatus, Workspace } from './types';
import { clearCurrentSession, readCurrentSession, userDir, userKeyFor, writeCurrentSession } from './user-folders';
import { UserCore } from './user-core';

export interface CoreOptions {
  /** Root data folder; each signed-in user gets `<dataRoot>/users/<key>/`. */
  dataRoot: string;
  /** ENT server given by the host; default: the settings file's, else the last session's, else the local one. */
  serverUrl?: string;
  /** Electron: a safeStorage-backed key; default: a 0600 key file in the user's folder. */
  keyProviderFor?: (userDataDir: string) => KeyProvider;
  /** Electron: a safeStorage-backed token store; default: the encrypted cache. */
  tokenStoreFor?: (userDataDir: string, cache: CacheDatabase) => TokenStore;
  matcher?: Matcher;
  timeoutMs?: number;
  retryDelaysMs?: readonly number[];
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface Core {
  on<E extends CoreEventName>(event: E, listener: Listener<E>): () => void;
  readonly dataRoot: string;
  serverUrl(): string;
  account(): Account | null;
  /** Reopens the last signed-in user's cache (no network). */
  restore(): Promise<Account | null>;
  signIn(login: string, password: string): Promise<Account>;
  signOut(): Promise<void>;
  listSchools(): Promise<SchoolListItem[]>;
  pull(uai: string, legacy?: LegacyCredentials | null): Promise<SchoolStatus>;
  status(uai: string): Promise<SchoolStatus>;
  statuses(): Promise<SchoolStatus[]>;
  workspace(uai: string): Promise<Workspace>;
  decide(uai: string, decision: Decision): Promise<DecisionAck>;
  undo(uai: string): Promise<DecisionAck>;
  redo(uai: string): Promise<DecisionAck>;
  acceptAuto(uai: string): Promise<DecisionAck & { accepted: number }>;
  preview(uai: string): Promise<BatchPreview>;
  confirm(uai: string): Promise<Confirmation>;
  push(uai: string, legacy?: LegacyCredentials | null): Promise<PushOutcome>;
  /** Follows (or resumes following) an accepted merge to the end. */
  progress(uai: string): Promise<PushOutcome>;
  /** No sign-in needed (current server): `POST /v1/activation`; 400 → AppError `invalid-email`. */
  activate(email: string): Promise<AcceptedResponse>;
  /** No sign-in needed: `POST /v1/support-requests`. */
  supportRequest(request: SupportRequest): Promise<SupportRequestResponse>;
  /** No sign-in needed: `POST /v1/legacy/forgot`. */
  legacyForgot(email: string): Promise<AcceptedResponse>;
  /** No sign-in needed: `POST /v1/password-resets` (the mailed one-time code and the new password). */
  useCode(request: PasswordResetRequest): Promise<PasswordResetResponse>;
  /**
   * Settings: another ENT server (http/https, else `validation`). Closes the current user (no remote logout: the
   * user's folder and tokens stay, `restore` reopens them once this server is chosen again), remembers the
   * address in `<dataRoot>/settings.json`. Returns the normalised address.
   */
  setServer(url: string): Promise<string>;
  /** After the merge: the new pupils' credentials, fetched once from the ENT and kept encrypted until forgotten. */
  credentials(uai: string): Promise<CredentialLetters>;
  forgetCredentials(uai: string): Promise<void>;
  /** The receipt of the confirmed (then sent) batch, by name. */
  receipt(uai: string): BatchReceipt;
  close(): Promise<void>;
}

interface OpenUser {
  account: Account;
  cache: CacheDatabase;
  client: EntClient;
  core: UserCore;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const DEFAULT_RETRY_DELAYS_MS = [300, 1000, 2000, 4000, 8000] as const;

export function createCore(options: CoreOptions): Core {
  const events = new CoreEmitter();
  let serverUrl = resolveServerUrl(options.dataRoot, options.serverUrl);
  let user: OpenUser | null = null;
  const timeout = options.timeoutMs ? { timeoutMs: options.timeoutMs } : {};
  /** A client without sign-in, on the current server. */
  const anonymous = (): EntClient => new EntClient({ serverUrl, tokens: new MemoryTokenStore(), ...timeout });

  const keyProviderFor = options.keyProviderFor ?? ((dir: string) => new KeyFileProvider(dir));
  const tokenStoreFor = options.tokenStoreFor ?? ((_dir: string, cache: CacheDatabase) => new CacheTokenStore(cache.db));

  async function openUser(userKey: string, account: Omit<Account, 'dataDir' | 'serverUrl'>): Promise<OpenUser> {
    const dir = userDir(options.dataRoot, userKey);
    const cache = await openCache({ path: join(dir, CACHE_FILE_NAME), keyProvider: keyProviderFor(dir) });
    const client = new EntClient({ serverUrl, tokens: tokenStoreFor(dir, cache), ...timeout });
    const core = new UserCore({
      cache,
      client,
      events,
      matcher: options.matcher ?? matchRosters,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? Date.now,
    });
    return { account: { ...account, serverUrl, dataDir: dir }, cache, client, core };
  }

  function closeUser(): void {
    user?.cache.close();
    user = null;
  }

  function current(): UserCore {
    if (!user) throw new AppError('unauthorized', "Vous n'êtes pas connecté. Connectez-vous avec votre compte ENT de cette année.");
    return user.core;
  }

  return {
    dataRoot: options.dataRoot,
    on: (event, listener) => events.on(event, listener),
    serverUrl: () => serverUrl,
    account: () => user?.account ?? null,

    async restore() {
      if (user) return user.account;
      const session = readCurrentSession(options.dataRoot);
      if (!session || session.serverUrl !== serverUrl) return null;
      user = await openUser(session.userKey, { login: session.login, nom: '', prenom: '' });
      const me = user.core.rememberedAccount();
      if (me) user.account = { ...user.account, nom: me.nom, prenom: me.prenom };
      return user.account;
    },

    async signIn(login, password) {
      const probe = anonymous();
      const pair = await probe.login(login, password);
      const me = await probe.call('me', {});
      closeUser();
      const userKey = userKeyFor(serverUrl, me.id);
      const opened = await openUser(userKey, { login: me.login, nom: me.nom, prenom: me.prenom });
      const tokens = tokenStoreFor(opened.account.dataDir, opened.cache);
      await tokens.save({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: new Date(Date.now() + pair.expiresIn * 1000).toISOString() });
      opened.core.rememberAccount(me);
      writeCurrentSession(options.dataRoot, { serverUrl, userKey, login: me.login });
      user = opened;
      return opened.account;
    },

    async signOut() {
      if (user) await user.client.logout();
      closeUser();
      clearCurrentSession(options.dataRoot);
    },

    listSchools: async () => current().listSchools(),
    pull: async (uai, legacy) => current().pull(uai, legacy ?? null),
    status: async (uai) => current().status(uai),
    statuses: async () => current().allStatuses(),
    workspace: async (uai) => current().workspace(uai),
    decide: async (uai, decision) => current().decide(uai, decision),
    undo: async (uai) => current().undo(uai),
    redo: async (uai) => current().redo(uai),
    acceptAuto: async (uai) => current().acceptAuto(uai),
    preview: async (uai) => current().preview(uai),
    confirm: async (uai) => current().confirm(uai),
    push: async (uai, legacy) => current().push(uai, legacy ?? null),
    progress: async (uai) => current().follow(uai),

    activate: async (email) => anonymous().call('activation', { body: { email } }),
    supportRequest: async (request) => anonymous().call('supportRequest', { body: request }),
    legacyForgot: async (email) => anonymous().call('legacyForgot', { body: { email } }),
    useCode: async (request) => anonymous().call('passwordReset', { body: request }),

    async setServer(url) {
      const next = parseServerUrl(url);
      if (user?.core.busy()) {
        throw new AppError('conflict', "Un téléchargement ou un envoi est en cours. Attendez sa fin avant de changer de serveur.");
      }
      // Remembered first: if the file cannot be written, nothing has changed.
      writeSettings(options.dataRoot, { ...readSettings(options.dataRoot), serverUrl: next });
      closeUser();
      serverUrl = next;
      return next;
    },

    credentials: async (uai) => current().credentials(uai),
    forgetCredentials: async (uai) => current().forgetCredentials(uai),
    receipt: (uai) => current().receipt(uai),

    async close() {
      closeUser();
    },
  };
}
