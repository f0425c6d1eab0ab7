/** The Fastify application: body limit, JSON only, one error envelope, every route of the shared table (`/v1`). */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ServerContext } from './context';
import { BODY_LIMIT_BYTES } from './config';
import { installErrorHandling } from './http/errors';
import { registerRoutes } from './http/route';
import { buildOpenApi } from './openapi';
import { authHandlers } from './routes/auth';
import { accountHandlers } from './routes/accounts';
import { rosterHandlers } from './routes/roster';
import { legacyHandlers } from './routes/legacy';
import { mergeHandlers } from './routes/merges';
import { peopleHandlers } from './routes/people';
import { registerPortal } from './portal/index';
import { staffHandlers } from './routes/staff';

/** A PEM certificate (its chain after it) and its private key. */
export interface TlsFiles {
  cert: string | Buffer;
  key: string | Buffer;
}

/** `logger`: the server's pino logger (src-server/log.ts: its files, the redaction list); none: Fastify logs nothing. */
export function buildApp(ctx: ServerContext, opts: { logger?: FastifyBaseLogger; trustProxy?: boolean | string; tls?: TlsFiles }): FastifyInstance {
  const options = {
    bodyLimit: BODY_LIMIT_BYTES,
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    trustProxy: opts.trustProxy ?? false,
    return503OnClosing: true,
  };
  // https with the given certificate (`--tls-cert`/`--tls-key`); the routes are the same on either server.
  const app = (opts.tls ? Fastify({ ...options, https: { cert: opts.tls.cert, key: opts.tls.key } }) : Fastify(options)) as unknown as FastifyInstance;
  installErrorHandling(app);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    return payload;
  });
  // Every route of the shared table, each with its handler (the types require them all).
  registerRoutes(app, ctx, {
    ...authHandlers(ctx),
    ...accountHandlers(ctx),
    ...rosterHandlers(ctx),
    ...legacyHandlers(ctx),
    ...mergeHandlers(ctx),
    ...peopleHandlers(ctx),
    ...staffHandlers(ctx),
  });
  const openapi = buildOpenApi();
  app.get('/v1/openapi.json', async () => openapi);
  // The web portal at the root (its own context: HTML pages, form bodies, its security headers).
  registerPortal(app, ctx);
  return app;
}
