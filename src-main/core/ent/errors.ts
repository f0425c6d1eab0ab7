/**
 * HTTP outcome → typed AppError with a French message saying what to do. A 409 or 412 keeps the server's
 * machine-readable details (who reconciled and when; the current roster versions).
 */
import { AxiosError } from 'axios';
import type { z } from 'zod';
import { apiErrorBodySchema, type ErrorDetails } from '../../../src-shared/api';
import { AppError, problemsFromZod, type ErrorCode, type Problem } from '../../../src-shared/errors';
import type { MessageParams } from '../../../src-shared/messages';

export class EntError extends AppError {
  readonly status: number | null;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    message: string | undefined,
    options: { status?: number | null; problems?: Problem[]; details?: ErrorDetails; key?: string; params?: MessageParams } = {},
  ) {
    super(code, message, options.problems, options.key ? { key: options.key, ...(options.params ? { params: options.params } : {}) } : undefined);
    this.name = 'EntError';
    this.status = options.status ?? null;
    this.details = options.details;
  }
}

/** The app's own wording for the answers where it knows better what to do next (keys `ent.<code>`). */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  offline: "Le serveur de l'ENT ne répond pas. Vérifiez la connexion à Internet (ou l'adresse du serveur) puis réessayez ; vos décisions sont conservées.",
  unauthorized: 'Votre session a expiré ou vos identifiants sont incorrects. Reconnectez-vous.',
  forbidden: "Votre compte n'a pas le droit de faire cette opération pour cette école. Vérifiez que vous êtes bien directeur ou référent de l'école.",
  'stale-roster': "La liste des comptes de l'école a changé depuis votre téléchargement. Téléchargez-la de nouveau : vos décisions encore valables seront conservées.",
  server: "Le serveur de l'ENT a rencontré une erreur. Réessayez plus tard ; si cela persiste, contactez l'assistance.",
};

const ours = (code: ErrorCode): { key?: string } => (MESSAGES[code] ? { key: `ent.${code}` } : {});

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 412) return 'stale-roster';
  if (status === 422) return 'validation';
  if (status === 400) return 'bad-request';
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'rate-limited';
  return 'server';
}

/**
 * A non-2xx answer → EntError, using the server's French message (and its message key and parameters, for the
 * screens' catalog) when its envelope is well-formed.
 */
export function errorFromResponse(status: number, body: unknown): EntError {
  const parsed = apiErrorBodySchema.safeParse(body);
  // A refused e-mail address keeps its own code: the screen shows what form of address is expected.
  const code = status === 400 && parsed.success && parsed.data.error.code === 'invalid-email' ? 'invalid-email' : codeForStatus(status);
  if (!parsed.success) return new EntError(code, MESSAGES[code], { status, ...ours(code) });
  const { message, problems, details, key, params } = parsed.data.error;
  const extra = { status, ...(problems ? { problems } : {}), ...(details ? { details } : {}) };
  // Our own advice for the codes where the app knows better what to do next.
  if (code === 'stale-roster' || code === 'offline' || code === 'server') return new EntError(code, MESSAGES[code], { ...extra, ...ours(code) });
  return new EntError(code, message, { ...extra, ...(key ? { key, ...(params ? { params } : {}) } : {}) });
}

export function offlineError(proxy: string | null = null): EntError {
  if (proxy) {
    return new EntError(
      'offline',
      `Le serveur de l'ENT ne répond pas (les échanges passent par le proxy ${proxy}). Vérifiez la connexion, l'adresse du serveur et les réglages du proxy (variables HTTPS_PROXY et NO_PROXY), puis réessayez ; vos décisions sont conservées.`,
      { status: null, key: 'ent.offline-proxy', params: { proxy } },
    );
  }
  return new EntError('offline', MESSAGES.offline, { status: null, key: 'ent.offline' });
}

/**
 * The proxy of the Node hosts (src-main/net/proxy.ts) could not be reached (`status` null) or answered the
 * tunnel with an error status. `proxy` is its host:port, never its credentials.
 */
export class ProxyFailure extends Error {
  readonly code = 'EPROXY';
  constructor(readonly proxy: string, readonly status: number | null, options?: { cause?: unknown }) {
    super(status === null ? `proxy ${proxy} unreachable` : `proxy ${proxy} answered ${status}`, options);
    this.name = 'ProxyFailure';
  }
}

/** A proxy problem, offline-like (nothing was sent; the app tries again later), with what to check. */
export function proxyError(proxy: string, status: number | null): EntError {
  const options = { status: null, params: { proxy, ...(status === null ? {} : { status }) } };
  if (status === null) {
    return new EntError(
      'offline',
      `Le proxy ${proxy} ne répond pas : le serveur de l'ENT n'a pas pu être joint. Vérifiez les réglages du proxy (variables HTTPS_PROXY et NO_PROXY) et la connexion, puis réessayez ; vos décisions sont conservées.`,
      { ...options, key: 'ent.proxy-unreachable' },
    );
  }
  if (status === 407) {
    return new EntError(
      'offline',
      `Le proxy ${proxy} demande une identification (réponse 407). Donnez-la dans l'adresse du proxy (HTTPS_PROXY=http://identifiant:mot-de-passe@proxy:port) ou demandez-la au service informatique ; vos décisions sont conservées.`,
      { ...options, key: 'ent.proxy-auth' },
    );
  }
  return new EntError(
    'offline',
    `Le proxy ${proxy} a refusé la connexion au serveur de l'ENT (réponse ${status}). Vérifiez les réglages du proxy (variables HTTPS_PROXY et NO_PROXY) ou demandez au service informatique d'autoriser l'adresse de l'ENT ; vos décisions sont conservées.`,
    { ...options, key: 'ent.proxy-refused' },
  );
}

/** Node's TLS errors about the server's certificate (unknown authority, self-signed, expired, wrong name). */
const CERTIFICATE_CODES = /^(UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED_|CERT_|ERR_TLS_CERT_)/;

function certificateError(): EntError {
  return new EntError(
    'offline',
    "La connexion au serveur de l'ENT n'est pas sûre : ce poste ne reconnaît pas son certificat. Si le réseau de l'école inspecte les connexions (proxy de l'académie), donnez à Passerelle le certificat de l'académie avec la variable NODE_EXTRA_CA_CERTS ; sinon vérifiez l'adresse du serveur. Rien n'a été envoyé.",
    { status: null, key: 'ent.certificate' },
  );
}

/** The error itself or one of its causes (axios wraps what the agent threw). */
function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && typeof e === 'object' && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/**
 * Transport failure (refused, reset, timeout, DNS) → offline; through a proxy, the proxy's own failure says so and a
 * certificate this computer does not trust says what to do. Anything else is unexpected.
 */
export function errorFromTransport(err: unknown, proxy: string | null = null): AppError {
  if (err instanceof AppError) return err;
  const chain = causes(err);
  const failure = chain.find((e): e is ProxyFailure => e instanceof ProxyFailure);
  if (failure) return proxyError(failure.proxy, failure.status);
  const codes = chain.map((e) => (e as { code?: unknown }).code).filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => CERTIFICATE_CODES.test(c))) return certificateError();
  if (err instanceof AxiosError || codes.some((c) => /^(E[A-Z]+|ERR_)/.test(c))) return offlineError(proxy);
  return new AppError('internal');
}

/** A 2xx answer that does not match the contract: nothing is written, the director is told clearly. */
export function malformedAnswer(what: string, error: z.ZodError): EntError {
  return new EntError(
    'server',
    `Le serveur de l'ENT a envoyé une réponse inattendue (${what}). Rien n'a été enregistré. Vérifiez l'adresse du serveur ou réessayez plus tard ; si cela persiste, contactez l'assistance.`,
    { problems: problemsFromZod(error).slice(0, 10), key: 'ent.malformed', params: { what } },
  );
}

/** The 409's wording: who reconciled the school and when (key `school.reconciled-first`, `acceptedAt` as an ISO date). */
export function conflictWording(details: ErrorDetails | undefined): { message: string; key: string; params: MessageParams } {
  if (!details?.acceptedAt) {
    return { message: "Cette école a déjà été rapprochée : le premier lot accepté est définitif. Rien n'a été envoyé de nouveau.", key: 'school.reconciled-before', params: {} };
  }
  const role = details.acceptedByRole === 'referent' ? 'référent ENT' : details.acceptedByRole === 'director' ? 'direction' : 'autre compte';
  const who = details.acceptedByName ? `${details.acceptedByName} (${role})` : role === 'référent ENT' ? 'le référent ENT' : role === 'direction' ? 'la direction' : "quelqu'un d'autre";
  const when = new Date(details.acceptedAt);
  const date = Number.isNaN(when.getTime())
    ? details.acceptedAt
    : when.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return {
    message: `Cette école a déjà été rapprochée par ${who} le ${date}. Le premier lot accepté est définitif : votre lot n'a pas été envoyé.`,
    key: 'school.reconciled-first',
    params: { name: details.acceptedByName ?? '', role: details.acceptedByRole ?? 'other', acceptedAt: details.acceptedAt },
  };
}
