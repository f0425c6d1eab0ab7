/**
 * The ENT HTTP client: one axios instance per server URL, bearer token with one transparent refresh on 401,
 * timeouts, every 2xx body parsed with the shared contract schemas, every failure an EntError.
 * Never logs a password, a token or a pupil's name.
 */
import axios, { type AxiosInstance, type Method } from 'axios';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  acceptedResponseSchema,
  healthResponseSchema,
  IDEMPOTENCY_KEY_HEADER,
  LEGACY_GRANT_HEADER,
  legacyGrantSchema,
  legacyRosterResponseSchema,
  meResponseSchema,
  mergeEventSchema,
  mergeReceiptSchema,
  mergeResponseSchema,
  pupilCredentialsResponseSchema,
  rosterResponseSchema,
  passwordResetResponseSchema,
  schoolMergesResponseSchema,
  supportRequestResponseSchema,
  tokenPairSchema,
  type AcceptedResponse,
  type HealthResponse,
  type LegacyGrant,
  type LegacyRosterResponse,
  type MeResponse,
  type MergeBatch,
  type MergeReceipt,
  type MergeResponse,
  type PasswordResetRequest,
  type PasswordResetResponse,
  type PupilCredentialsResponse,
  type SchoolMergesResponse,
  type RosterResponse,
  type SupportRequest,
  type SupportRequestResponse,
  type TokenPair,
} from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import type { StoredTokens, TokenStore } from '../secrets';
import { EntError, errorFromResponse, errorFromTransport, malformedAnswer, offlineError } from './errors';
import { readServerSentEvents } from './sse';

export interface EntClientOptions {
  serverUrl: string;
  tokens: TokenStore;
  /** Per-request timeout; a pull of a big school stays well under it on any usable connection. */
  timeoutMs?: number;
}

interface RequestOptions<S extends z.ZodType> {
  method: Method;
  path: string;
  schema: S;
  what: string;
  body?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
  /**
   * The server answers 401 both for a bad bearer token and for wrong old credentials or an expired legacy grant:
   * for these requests a 401 triggers a refresh only when the access token is known to be expired.
   */
  legacy?: boolean;
}

/** Refresh this long before the access token's announced expiry. */
const EXPIRY_MARGIN_MS = 30_000;

function isExpired(tokens: StoredTokens): boolean {
  if (!tokens.accessExpiresAt) return false;
  const at = Date.parse(tokens.accessExpiresAt);
  return Number.isFinite(at) && at - EXPIRY_MARGIN_MS <= Date.now();
}

export class EntClient {
  readonly serverUrl: string;
  private readonly http: AxiosInstance;
  private readonly tokens: TokenStore;
  private refreshing: Promise<StoredTokens> | null = null;

  constructor(options: EntClientOptions) {
    this.serverUrl = normalizeServerUrl(options.serverUrl);
    this.tokens = options.tokens;
    this.http = axios.create({
      baseURL: this.serverUrl,
      timeout: options.timeoutMs ?? 15_000,
      // Statuses are mapped by hand; axios must never throw for a 4xx.
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { Accept: 'application/json' },
      responseType: 'json',
    });
  }

  async health(): Promise<HealthResponse> {
    return this.request({ method: 'GET', path: '/v1/health', schema: healthResponseSchema, what: 'état du serveur', auth: false });
  }

  /** Signs in and stores the token pair. */
  async login(login: string, password: string): Promise<TokenPair> {
    const pair = await this.request({ method: 'POST', path: '/v1/auth/login', body: { login, password }, schema: tokenPairSchema, what: 'connexion', auth: false });
    await this.tokens.save(toStored(pair));
    return pair;
  }

  /** No sign-in: a never-activated account's credentials, else a one-time code, go to the academic address (same answer for any address). */
  async activate(email: string): Promise<AcceptedResponse> {
    return this.request({ method: 'POST', path: '/v1/activation', body: { email }, schema: acceptedResponseSchema, what: 'activation du compte', auth: false });
  }

  /** No sign-in: last year's login and a one-time code go to the academic address (same answer for any address). */
  async legacyForgot(email: string): Promise<AcceptedResponse> {
    return this.request({ method: 'POST', path: '/v1/legacy/forgot', body: { email }, schema: acceptedResponseSchema, what: "identifiants de l'an dernier oubliés", auth: false });
  }

  /** No sign-in: the mailed one-time code and the new password chosen; the account's other sessions end. */
  async useCode(request: PasswordResetRequest): Promise<PasswordResetResponse> {
    return this.request({ method: 'POST', path: '/v1/password-resets', body: request, schema: passwordResetResponseSchema, what: 'code à usage unique', auth: false });
  }

  /** No sign-in: a substitute teacher absent from the ENT asks the ENT referent for access. */
  async supportRequest(request: SupportRequest): Promise<SupportRequestResponse> {
    return this.request({ method: 'POST', path: '/v1/support-requests', body: request, schema: supportRequestResponseSchema, what: "demande d'accès", auth: false });
  }

  async logout(): Promise<void> {
    const stored = await this.tokens.load();
    await this.tokens.clear();
    if (!stored) return;
    // Best effort: the local tokens are gone whatever the server says.
    await this.http.post('/v1/auth/logout', { refreshToken: stored.refreshToken }).catch(() => undefined);
  }

  async me(): Promise<MeResponse> {
    return this.request({ method: 'GET', path: '/v1/me', schema: meResponseSchema, what: 'compte connecté' });
  }

  async roster(uai: string): Promise<RosterResponse> {
    return this.request({ method: 'GET', path: `/v1/schools/${encodeURIComponent(uai)}/roster`, schema: rosterResponseSchema, what: 'liste des comptes de cette année' });
  }

  /** Sends the old account's credentials once, for a short-lived grant. The password is not kept anywhere. */
  async verifyLegacy(login: string, password: string): Promise<LegacyGrant> {
    return this.request({ method: 'POST', path: '/v1/legacy/verify', body: { login, password }, schema: legacyGrantSchema, what: "vérification de l'ancien compte", legacy: true });
  }

  async legacyRoster(uai: string, grant: string): Promise<LegacyRosterResponse> {
    return this.request({
      method: 'GET',
      path: `/v1/legacy/schools/${encodeURIComponent(uai)}/roster`,
      headers: { [LEGACY_GRANT_HEADER]: grant },
      schema: legacyRosterResponseSchema,
      what: "liste des comptes de l'an dernier",
      legacy: true,
    });
  }

  async postMerge(uai: string, batch: MergeBatch, idempotencyKey: string, grant: string | null): Promise<MergeReceipt> {
    const headers: Record<string, string> = { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey };
    if (grant) headers[LEGACY_GRANT_HEADER] = grant;
    return this.request({ method: 'POST', path: `/v1/schools/${encodeURIComponent(uai)}/merges`, body: batch, headers, schema: mergeReceiptSchema, what: 'envoi du lot', legacy: grant !== null });
  }

  async merge(mergeId: string): Promise<MergeResponse> {
    return this.request({ method: 'GET', path: `/v1/merges/${encodeURIComponent(mergeId)}`, schema: mergeResponseSchema, what: 'avancement de la fusion' });
  }

  /** The generated credentials of new pupils, for any manager of the school until the letters are marked printed (then 410, mapped to `not-found`). */
  async mergeCredentials(mergeId: string): Promise<PupilCredentialsResponse> {
    return this.request({ method: 'GET', path: `/v1/merges/${encodeURIComponent(mergeId)}/credentials`, schema: pupilCredentialsResponseSchema, what: 'identifiants des nouveaux élèves' });
  }

  /** The letters are printed: the ENT erases the generated passwords, for every manager. */
  async releaseCredentials(mergeId: string): Promise<void> {
    await this.request({ method: 'POST', path: `/v1/merges/${encodeURIComponent(mergeId)}/credentials/printed`, body: {}, schema: z.unknown(), what: 'lettres imprimées' }); // 204: no body
  }

  /** Each managed school's merge as the ENT knows it (who, when, how far). */
  async schoolMerges(): Promise<SchoolMergesResponse> {
    return this.request({ method: 'GET', path: '/v1/schools/merges', schema: schoolMergesResponseSchema, what: 'état des écoles' });
  }

  /**
   * Follows the merge job through its SSE stream (`progress` events, then `end`), calling `onUpdate` for each
   * state. Resolves with the final state; rejects `offline` when the stream breaks or stays silent too long.
   */
  async followMergeEvents(mergeId: string, onUpdate: (merge: MergeResponse) => void, idleTimeoutMs = 30_000): Promise<MergeResponse> {
    const path = `/v1/merges/${encodeURIComponent(mergeId)}/events`;
    const open = async (tokens: StoredTokens): Promise<{ status: number; data: Readable }> => {
      try {
        const res = await this.http.request<Readable>({ method: 'GET', url: path, responseType: 'stream', timeout: 0, headers: { Accept: 'text/event-stream', Authorization: `Bearer ${tokens.accessToken}` } });
        return { status: res.status, data: res.data };
      } catch (err) {
        throw errorFromTransport(err);
      }
    };
    let tokens = await this.requireTokens();
    if (isExpired(tokens)) tokens = await this.refresh(tokens);
    let res = await open(tokens);
    if (res.status === 401) {
      res.data.destroy();
      tokens = await this.refresh(tokens);
      res = await open(tokens);
    }
    const stream = res.data;
    if (res.status !== 200) {
      stream.destroy();
      throw errorFromResponse(res.status, null);
    }
    let idle: NodeJS.Timeout | undefined;
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => stream.destroy(new Error('idle')), idleTimeoutMs);
    };
    armIdle();
    try {
      for await (const message of readServerSentEvents(stream)) {
        armIdle();
        if (message.event !== 'progress' && message.event !== 'end') {
          if (message.event === 'error') throw new EntError('server', undefined, { status: 200 });
          continue;
        }
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          throw new EntError('server', "Le serveur de l'ENT a envoyé un avancement illisible. Rien n'a été enregistré.");
        }
        const parsed = mergeEventSchema.safeParse(json);
        if (!parsed.success) throw malformedAnswer('avancement de la fusion', parsed.error);
        onUpdate(parsed.data);
        if (message.event === 'end') return parsed.data;
      }
    } catch (err) {
      // A broken or silent stream is a network problem; the caller falls back to polling.
      throw err instanceof AppError ? err : offlineError();
    } finally {
      clearTimeout(idle);
      stream.destroy();
    }
    throw offlineError();
  }

  private async request<S extends z.ZodType>(options: RequestOptions<S>): Promise<z.output<S>> {
    const useAuth = options.auth !== false;
    let tokens = useAuth ? await this.requireTokens() : null;
    if (tokens && isExpired(tokens)) tokens = await this.refresh(tokens);
    let response = await this.send(options, tokens);
    if (response.status === 401 && tokens && (!options.legacy || isExpired(tokens))) {
      tokens = await this.refresh(tokens);
      response = await this.send(options, tokens);
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response.status, response.data);
    const parsed = options.schema.safeParse(response.data);
    if (!parsed.success) throw malformedAnswer(options.what, parsed.error);
    return parsed.data;
  }

  private async send(options: RequestOptions<z.ZodType>, tokens: StoredTokens | null): Promise<{ status: number; data: unknown }> {
    const headers: Record<string, string> = { ...options.headers };
    if (tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
    try {
      const res = await this.http.request<unknown>({ method: options.method, url: options.path, data: options.body, headers });
      return { status: res.status, data: res.data };
    } catch (err) {
      throw errorFromTransport(err);
    }
  }

  private async requireTokens(): Promise<StoredTokens> {
    const tokens = await this.tokens.load();
    if (!tokens) throw new AppError('unauthorized', "Vous n'êtes pas connecté. Connectez-vous avec votre compte ENT de cette année.");
    return tokens;
  }

  /** One refresh at a time, shared by every request that got a 401 meanwhile. */
  private refresh(current: StoredTokens): Promise<StoredTokens> {
    this.refreshing ??= (async () => {
      try {
        const res = await this.send({ method: 'POST', path: '/v1/auth/refresh', body: { refreshToken: current.refreshToken }, schema: tokenPairSchema, what: 'session', auth: false }, null);
        if (res.status === 401 || res.status === 403) {
          await this.tokens.clear();
          throw errorFromResponse(401, res.data);
        }
        if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.data);
        const parsed = tokenPairSchema.safeParse(res.data);
        if (!parsed.success) throw malformedAnswer('session', parsed.error);
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

export function normalizeServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('bad-request', `Adresse de serveur invalide : « ${url} ». Exemple : https://ent.example.fr`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new AppError('bad-request', "L'adresse du serveur doit commencer par http:// ou https://.");
  return parsed.toString().replace(/\/+$/, '');
}
