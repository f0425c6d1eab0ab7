/**
 * The signed-in user's session: which ENT server, which user's encrypted cache and ENT client are open (one data
 * folder per user), sign-in, restore, sign-out, server change. The operations (src-main/core/operations/*) reach
 * the user's school context through it; nothing else holds a user.
 */
import { join } from 'node:path';
import { keyedError } from '../../src-shared/messages';
import { CACHE_FILE_NAME, openCache, type CacheDatabase } from './cache/database';
import { KeyFileProvider, type KeyProvider } from './cache/keys';
import { EntClient, type FetchLike, type ProxyFor } from './ent/client';
import { CoreEmitter } from './events';
import { matchRosters } from './matching';
import type { CoreLogger } from './log';
import type { Matcher } from './pull';
import { SchoolContext } from './school/context';
import { CacheTokenStore, MemoryTokenStore, type TokenStore } from './secrets';
import { parseServerUrl, readSettings, resolveServerUrl, writeSettings } from './settings';
import type { Account } from './types';
import { clearCurrentSession, readCurrentSession, userDir, userKeyFor, writeCurrentSession } from './user-folders';

export interface CoreOptions {
  /** Root data folder; each signed-in user gets `<dataRoot>/users/<key>/`. */
  dataRoot: string;
  /** ENT server given by the host; default: the settings file's, else the last session's, else the local one. */
  serverUrl?: string;
  /** Electron: a safeStorage-backed key; default: a 0600 key file in the user's folder. */
  keyProviderFor?: (userDataDir: string) => KeyProvider;
  /** Electron: a safeStorage-backed token store; default: the encrypted cache. */
  tokenStoreFor?: (userDataDir: string, cache: CacheDatabase) => TokenStore;
  /** The host's network stack for the ENT (Electron: `net.fetch`); default: Node's. */
  fetch?: FetchLike;
  /** Node's network stack: the proxy for the ENT's address (the CLI and the browser host: the environment's); default direct. */
  proxyFor?: ProxyFor;
  matcher?: Matcher;
  timeoutMs?: number;
  retryDelaysMs?: readonly number[];
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** The host's logger (src-main/log); default none. */
  logger?: CoreLogger;
}

interface OpenUser {
  account: Account;
  cache: CacheDatabase;
  client: EntClient;
  school: SchoolContext;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const DEFAULT_RETRY_DELAYS_MS = [300, 1000, 2000, 4000, 8000] as const;

export class CoreSession {
  readonly events = new CoreEmitter();
  readonly dataRoot: string;
  private url: string;
  private user: OpenUser | null = null;

  constructor(private readonly options: CoreOptions) {
    this.dataRoot = options.dataRoot;
    this.url = resolveServerUrl(options.dataRoot, options.serverUrl);
  }

  serverUrl(): string {
    return this.url;
  }

  account(): Account | null {
    return this.user?.account ?? null;
  }

  /** A client without sign-in, on the current server. */
  anonymous(): EntClient {
    return new EntClient({ serverUrl: this.url, tokens: new MemoryTokenStore(), ...this.clientOptions() });
  }

  /** The signed-in user's schools, or `unauthorized`. */
  current(): SchoolContext {
    if (!this.user) throw keyedError('unauthorized', 'session.signed-out', "Vous n'êtes pas connecté. Connectez-vous avec votre compte ENT de cette année.");
    return this.user.school;
  }

  /** The signed-in user's schools when there is one (background work), else null. */
  currentOrNull(): SchoolContext | null {
    return this.user?.school ?? null;
  }

  /** Reopens the last signed-in user's cache (no network). */
  async restore(): Promise<Account | null> {
    if (this.user) return this.user.account;
    const session = readCurrentSession(this.dataRoot);
    if (!session || session.serverUrl !== this.url) return null;
    this.user = await this.openUser(session.userKey, { login: session.login, nom: '', prenom: '' });
    const me = this.user.school.rememberedAccount();
    if (me) this.user.account = { ...this.user.account, nom: me.nom, prenom: me.prenom };
    return this.user.account;
  }

  async signIn(login: string, password: string): Promise<Account> {
    const probe = this.anonymous();
    const pair = await probe.login(login, password);
    const me = await probe.call('me', {});
    this.closeUser();
    const userKey = userKeyFor(this.url, me.id);
    const opened = await this.openUser(userKey, { login: me.login, nom: me.nom, prenom: me.prenom });
    const tokens = this.tokenStoreFor(opened.account.dataDir, opened.cache);
    await tokens.save({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: new Date(Date.now() + pair.expiresIn * 1000).toISOString() });
    opened.school.rememberAccount(me);
    writeCurrentSession(this.dataRoot, { serverUrl: this.url, userKey, login: me.login });
    this.user = opened;
    return opened.account;
  }

  async signOut(): Promise<void> {
    if (this.user) await this.user.client.logout();
    this.closeUser();
    clearCurrentSession(this.dataRoot);
  }

  /**
   * Settings: another ENT server (`validation` otherwise). Closes the current user (no remote logout: the user's
   * folder and tokens stay, `restore` reopens them once this server is chosen again), remembers the address in
   * `<dataRoot>/settings.json`. Returns the normalised address.
   */
  setServer(input: string): string {
    const next = parseServerUrl(input);
    if (this.user?.school.busy()) {
      throw keyedError('conflict', 'settings.busy', 'Un téléchargement ou un envoi est en cours. Attendez sa fin avant de changer de serveur.');
    }
    // Remembered first: if the file cannot be written, nothing has changed.
    writeSettings(this.dataRoot, { ...readSettings(this.dataRoot), serverUrl: next });
    this.closeUser();
    this.url = next;
    return next;
  }

  close(): void {
    this.closeUser();
  }

  private clientOptions(): { timeoutMs?: number; fetch?: FetchLike; proxyFor?: ProxyFor } {
    const o = this.options;
    return { ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}), ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.proxyFor ? { proxyFor: o.proxyFor } : {}) };
  }

  private tokenStoreFor(dir: string, cache: CacheDatabase): TokenStore {
    return this.options.tokenStoreFor ? this.options.tokenStoreFor(dir, cache) : new CacheTokenStore(cache.db);
  }

  private async openUser(userKey: string, account: Omit<Account, 'dataDir' | 'serverUrl'>): Promise<OpenUser> {
    const dir = userDir(this.dataRoot, userKey);
    const keyProvider = this.options.keyProviderFor ? this.options.keyProviderFor(dir) : new KeyFileProvider(dir);
    const cache = await openCache({ path: join(dir, CACHE_FILE_NAME), keyProvider });
    const client = new EntClient({ serverUrl: this.url, tokens: this.tokenStoreFor(dir, cache), ...this.clientOptions() });
    const o = this.options;
    const school = new SchoolContext({
      cache,
      client,
      events: this.events,
      matcher: o.matcher ?? matchRosters,
      retryDelaysMs: o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      pollIntervalMs: o.pollIntervalMs ?? 250,
      sleep: o.sleep ?? defaultSleep,
      now: o.now ?? Date.now,
      ...(o.logger ? { log: o.logger } : {}),
    });
    return { account: { ...account, serverUrl: this.url, dataDir: dir }, cache, client, school };
  }

  private closeUser(): void {
    this.user?.cache.close();
    this.user = null;
  }
}
