/**
 * The ENT HTTP client: one typed call per route of the shared table (`call(name, {params, body, headers})`),
 * bearer token with one transparent refresh on 401, timeouts, every 2xx body parsed with the route's schema,
 * every failure an EntError. The transport is the host's choice, the same for every call and the merge's event
 * stream: a `fetch` the host injects (Electron passes `net.fetch`, so the system proxy, PAC and certificate store
 * apply), else Node's http/https through axios — directly, or through the CONNECT tunnel of the proxy `proxyFor`
 * gives for the ENT's address (the CLI and the browser host pass the environment's, src-main/net/proxy.ts). Never logs a
 * password, a token, a proxy's credentials or a pupil's name.
 */
import type { Agent } from 'node:http';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { entPath, entRoutes, mergeEventSchema, tokenPairSchema, type EntBody, type EntParams, type EntResponse, type EntRouteName, type MergeResponse, type TokenPair } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { SSE_SILENCE_LIMIT_MS, sseReader, type ServerSentEvent } from '../../../src-shared/sse';
import type { StoredTokens, TokenStore } from '../secrets';
import { EntError, errorFromResponse, errorFromTransport, malformedAnswer, offlineError } from './errors';
import { parseServerUrl } from '../settings';
import { keyedError } from '../../../src-shared/messages';

/** How a Node host reaches the ENT through a proxy: the agent for Node's http/https requests, the proxy's host:port (no credentials). */
export interface ProxyRoute {
  agent: Agent;
  proxy: string;
}

/** What a Node host injects (src-main/net/proxy.ts: the environment's): the proxy for an ENT address, or null (direct). */
export type ProxyFor = (url: string) => ProxyRoute | null;

/**
 * The fetch a host may inject (Electron's `net.fetch`). axios's fetch adapter calls it with a `Request` (and no
 * init); the health check with a URL string and an init.
 */
export type FetchLike = (input: string | Request, init?: RequestInit) => Promise<Response>;

export interface EntClientOptions {
  serverUrl: string;
  tokens: TokenStore;
  /** Per-request timeout; a pull of a big school stays well under it on any usable connection. */
  timeoutMs?: number;
  /** The host's network stack (Electron's `net.fetch`); without it, Node's http/https. */
  fetch?: FetchLike;
  /** Without `fetch`: the proxy for the ENT's address, or none (direct); default direct, whatever the environment says. */
  proxyFor?: ProxyFor;
}

/** What `call` takes: the route's path parameters and body (typed by the table), and extra headers. */
export type CallInput<N extends EntRouteName> = (EntParams<N> extends undefined ? { params?: undefined } : { params: EntParams<N> }) &
  (EntBody<N> extends undefined ? { body?: undefined } : { body: EntBody<N> }) & { headers?: Record<string, string> };

/**
 * Routes where a 401 may be about last year's credentials or the legacy grant, not the session: a 401 there
 * triggers a refresh only when the access token is known to be expired.
 */
const LEGACY_401: ReadonlySet<EntRouteName> = new Set<EntRouteName>(['legacyVerify', 'legacyRoster', 'postMerge', 'linkTeacherOldAccount', 'parentDecision']);

/** Refresh this long before the access token's announced expiry. */
const EXPIRY_MARGIN_MS = 30_000;

function isExpired(tokens: StoredTokens): boolean {
  if (!tokens.accessExpiresAt) return false;
  const at = Date.parse(tokens.accessExpiresAt);
  return Number.isFinite(at) && at - EXPIRY_MARGIN_MS <= Date.now();
}

interface Sent { status: number; data: unknown }

/** The merge's event stream as it arrives, whichever the transport. */
interface OpenStream { status: number; chunks: AsyncIterable<Uint8Array> | null; cancel(): void }

async function* webChunks(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export class EntClient {
  readonly serverUrl: string;
  private readonly http: AxiosInstance;
  private readonly tokens: TokenStore;
  private readonly fetchImpl: FetchLike | null;
  /** Node's transport through a proxy: its agent and its host:port (for the messages). */
  private readonly route: ProxyRoute | null;
  private refreshing: Promise<StoredTokens> | null = null;

  constructor(options: EntClientOptions) {
    this.serverUrl = normalizeServerUrl(options.serverUrl);
    this.tokens = options.tokens;
    this.fetchImpl = options.fetch ?? null;
    this.route = options.fetch ? null : (options.proxyFor?.(this.serverUrl) ?? null);
    const node = this.route ? { proxy: false as const, httpAgent: this.route.agent, httpsAgent: this.route.agent } : { proxy: false as const };
    this.http = axios.create({
      baseURL: this.serverUrl,
      timeout: options.timeoutMs ?? 15_000,
      // Statuses are mapped by hand; axios must never throw for a 4xx.
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { Accept: 'application/json' },
      responseType: 'json',
      // Node: the proxy is the host's choice (proxyFor), never axios's own reading of the environment.
      ...(options.fetch ? { adapter: 'fetch' as const, env: { fetch: options.fetch as NonNullable<NonNullable<Parameters<typeof axios.create>[0]>['env']>['fetch'] } } : node),
    });
  }

  /** The proxy this client goes through (host:port), or null. */
  get proxy(): string | null {
    return this.route?.proxy ?? null;
  }

  /** One route of the shared table: path built from `params`, `body` sent, the answer parsed with the route's schema. */
  async call<N extends EntRouteName>(name: N, input: CallInput<N>): Promise<EntResponse<N>> {
    const route = entRoutes[name];
    const path = entPath(route.path, input.params as Record<string, string> | undefined);
    const useAuth = route.auth !== 'none';
    let tokens = useAuth ? await this.requireTokens() : null;
    if (tokens && isExpired(tokens)) tokens = await this.refresh(tokens);
    const send = (t: StoredTokens | null) => this.send(route.method, path, input.body, input.headers, t);
    let response = await send(tokens);
    if (response.status === 401 && tokens && (!LEGACY_401.has(name) || isExpired(tokens))) {
      tokens = await this.refresh(tokens);
      response = await send(tokens);
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response.status, response.data);
    const data = response.status === 204 ? undefined : response.data;
    const parsed = (route.response as z.ZodType).safeParse(data);
    if (!parsed.success) throw malformedAnswer(route.label, parsed.error);
    return parsed.data as EntResponse<N>;
  }

  /** Signs in and stores the token pair. */
  async login(login: string, password: string): Promise<TokenPair> {
    const pair = await this.call('login', { body: { login, password } });
    await this.tokens.save(toStored(pair));
    return pair;
  }

  async logout(): Promise<void> {
    const stored = await this.tokens.load();
    await this.tokens.clear();
    if (!stored) return;
    // Best effort: the local tokens are gone whatever the server says.
    await this.send('POST', entRoutes.logout.path, { refreshToken: stored.refreshToken }, undefined, stored).catch(() => undefined);
  }

  /**
   * Follows the merge job through its SSE stream (`progress` events, then `end`), calling `onUpdate` for each
   * state. Resolves with the final state; rejects `offline` when the stream breaks or stays silent too long (the
   * server writes a heartbeat comment while a long chunk runs, so silence means a broken connection).
   */
  async followMergeEvents(mergeId: string, onUpdate: (merge: MergeResponse) => void, idleTimeoutMs = SSE_SILENCE_LIMIT_MS): Promise<MergeResponse> {
    const path = entPath(entRoutes.mergeEvents.path, { id: mergeId });
    const abort = new AbortController();
    const open = async (tokens: StoredTokens): Promise<OpenStream> => {
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${tokens.accessToken}` };
      try {
        if (this.fetchImpl) {
          const res = await this.fetchImpl(this.serverUrl + path, { method: 'GET', headers, signal: abort.signal });
          const body = res.body;
          return { status: res.status, chunks: body ? webChunks(body) : null, cancel: () => void body?.cancel().catch(() => undefined) };
        }
        // Node: the same agent as the calls (the proxy's tunnel); silence is watched below, not by a timeout.
        const res = await this.http.request<Readable>({ method: 'GET', url: path, headers, responseType: 'stream', timeout: 0, signal: abort.signal });
        return { status: res.status, chunks: res.data, cancel: () => res.data.destroy() };
      } catch (err) {
        throw errorFromTransport(err, this.proxy);
      }
    };
    let tokens = await this.requireTokens();
    if (isExpired(tokens)) tokens = await this.refresh(tokens);
    let res = await open(tokens);
    if (res.status === 401) {
      res.cancel();
      tokens = await this.refresh(tokens);
      res = await open(tokens);
    }
    if (res.status !== 200 || !res.chunks) {
      res.cancel();
      throw errorFromResponse(res.status, null);
    }
    const events: ServerSentEvent[] = [];
    const reader = sseReader((e) => events.push(e));
    const decoder = new TextDecoder();
    let idle: ReturnType<typeof setTimeout> | undefined;
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleTimeoutMs);
    };
    armIdle();
    try {
      for await (const value of res.chunks) {
        armIdle();
        reader.feed(decoder.decode(value, { stream: true }));
        for (const message of events.splice(0)) {
          if (message.event === 'error') throw new EntError('server', undefined, { status: 200 });
          if (message.event !== 'progress' && message.event !== 'end') continue;
          let json: unknown;
          try {
            json = JSON.parse(message.data);
          } catch {
            throw new EntError('server', "Le serveur de l'ENT a envoyé un avancement illisible. Rien n'a été enregistré.", { key: 'ent.progress-unreadable' });
          }
          const parsed = mergeEventSchema.safeParse(json);
          if (!parsed.success) throw malformedAnswer(entRoutes.mergeEvents.label, parsed.error);
          onUpdate(parsed.data);
          if (message.event === 'end') return parsed.data;
        }
      }
    } catch (err) {
      // A broken or silent stream is a network problem; the caller falls back to polling.
      throw err instanceof AppError ? err : offlineError(this.proxy);
    } finally {
      clearTimeout(idle);
      abort.abort();
      res.cancel();
    }
    throw offlineError(this.proxy);
  }

  private async send(method: 'GET' | 'POST', path: string, body: unknown, extra: Record<string, string> | undefined, tokens: StoredTokens | null): Promise<Sent> {
    const headers: Record<string, string> = { ...extra };
    if (tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
    try {
      // A POST without a body still says JSON (an empty object): the server refuses other content types.
      const res = await this.http.request<unknown>({ method, url: path, data: body ?? (method === 'POST' ? {} : undefined), headers });
      return { status: res.status, data: res.data };
    } catch (err) {
      throw errorFromTransport(err, this.proxy);
    }
  }

  private async requireTokens(): Promise<StoredTokens> {
    const tokens = await this.tokens.load();
    if (!tokens) throw keyedError('unauthorized', 'session.not-signed-in', "Vous n'êtes pas connecté. Connectez-vous avec votre compte ENT de cette année.");
    return tokens;
  }

  /** One refresh at a time, shared by every request that got a 401 meanwhile. */
  private refresh(current: StoredTokens): Promise<StoredTokens> {
    this.refreshing ??= (async () => {
      try {
        const res = await this.send('POST', entRoutes.refresh.path, { refreshToken: current.refreshToken }, undefined, null);
        if (res.status === 401 || res.status === 403) {
          await this.tokens.clear();
          throw errorFromResponse(401, res.data);
        }
        if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.data);
        const parsed = tokenPairSchema.safeParse(res.data);
        if (!parsed.success) throw malformedAnswer(entRoutes.refresh.label, parsed.error);
        const stored = toStored(parsed.data);
        await this.tokens.save(stored);
        return stored;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

function toStored(pair: TokenPair): StoredTokens {
  return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: new Date(Date.now() + pair.expiresIn * 1000).toISOString() };
}

/** The one rule for an ENT address (settings, hosts, client): https, or http only for this computer. */
export function normalizeServerUrl(url: string): string {
  return parseServerUrl(url);
}
