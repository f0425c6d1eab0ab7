/** The Fastify application: body limit, JSON only, one error envelope, every route of `/v1`. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerContext } from './context';
import { BODY_LIMIT_BYTES } from './config';
import { installErrorHandling } from './http/errors';
import type { DocumentedRoute } from './http/route';
import { buildOpenApi } from './openapi';
import { authRoutes } from './routes/auth';
import { accountRoutes } from './routes/accounts';
import { rosterRoutes } from './routes/roster';
import { legacyRoutes } from './routes/legacy';
import { mergeRoutes } from './routes/merges';
import { peopleRoutes } from './routes/people';

export function buildApp(ctx: ServerContext, opts: { log: boolean; logStream?: NodeJS.WritableStream; trustProxy?: boolean | string }): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: opts.log
      ? {
          level: 'info',
          redact: { paths: ['req.headers.authorization', 'req.headers["x-legacy-grant"]', 'req.headers["idempotency-key"]', 'body.password', 'body.newPassword', 'body.code', '*.password', '*.refreshToken'], censor: '[masqué]' },
          ...(opts.logStream ? { stream: opts.logStream } : {}),
        }
      : false,
    trustProxy: opts.trustProxy ?? false,
    return503OnClosing: true,
  });
  installErrorHandling(app);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    return payload;
  });
  const docs: DocumentedRoute[] = [];
  authRoutes(app, docs, ctx);
  accountRoutes(app, docs, ctx);
  rosterRoutes(app, docs, ctx);
  legacyRoutes(app, docs, ctx);
  mergeRoutes(app, docs, ctx);
  peopleRoutes(app, docs, ctx);
  const openapi = buildOpenApi(docs);
  app.get('/v1/openapi.json', async () => openapi);
  return app;
}
