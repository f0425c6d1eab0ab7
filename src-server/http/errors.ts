/** HTTP errors of the API: an AppError with its status and optional details, and the one Fastify error handler. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, DEFAULT_MESSAGES, type ErrorCode, type Problem } from '../../src-shared/errors';
import type { ApiErrorBody, ErrorDetails } from '../../src-shared/api/errors';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  offline: 503,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'stale-roster': 412,
  validation: 422,
  'bad-request': 400,
  'rate-limited': 429,
  'payload-too-large': 413,
  'unknown-method': 404,
  server: 500,
  internal: 500,
  'invalid-email': 400,
};

export class HttpError extends AppError {
  readonly status: number;
  readonly details: ErrorDetails | undefined;
  /** `key`/`params`: the message key the clients' catalogs word in their language (src-shared/messages.ts); `message` stays the French default. */
  constructor(code: ErrorCode, opts: { message?: string; problems?: Problem[]; details?: ErrorDetails; status?: number; key?: string; params?: Record<string, string | number> } = {}) {
    super(code, opts.message, opts.problems, opts.key ? { key: opts.key, ...(opts.params ? { params: opts.params } : {}) } : undefined);
    this.status = opts.status ?? STATUS_BY_CODE[code];
    this.details = opts.details;
  }
}

export function errorBody(err: HttpError | AppError): ApiErrorBody {
  const shape = err.toShape();
  return { error: err instanceof HttpError && err.details ? { ...shape, details: err.details } : shape };
}

/** Fastify's own errors (bad JSON, body too large, wrong content type…) → our codes; anything else → 500 `internal`. */
function fromFastify(err: FastifyError): HttpError {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HttpError('payload-too-large');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HttpError('bad-request', { message: 'Type de contenu non pris en charge : envoyez du JSON (application/json).' });
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new HttpError('bad-request', { message: "Le corps de la demande n'est pas un JSON valide." });
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new HttpError('bad-request', { status: err.statusCode, message: DEFAULT_MESSAGES['bad-request'] });
  }
  return new HttpError('internal');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const httpErr = err instanceof HttpError ? err : err instanceof AppError ? new HttpError(err.code, { message: err.message, ...(err.problems ? { problems: err.problems } : {}) }) : fromFastify(err);
    if (httpErr.status >= 500) req.log.error({ err: { message: err.message, code: err.code } }, 'request failed');
    if (httpErr.code === 'rate-limited' && httpErr.details?.retryAfterSeconds) reply.header('retry-after', String(httpErr.details.retryAfterSeconds));
    void reply.status(httpErr.status).type('application/json; charset=utf-8').send(errorBody(httpErr));
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send(errorBody(new HttpError('not-found', { message: "Cette adresse n'existe pas dans l'API de l'ENT (/v1)." })));
  });
}
