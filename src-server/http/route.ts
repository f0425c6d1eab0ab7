/**
 * Routes come from the shared table (`src-shared/api/routes.ts`): for each one the server only writes its
 * handler. Registration parses params and body with the route's schemas, checks the answer against its response
 * schema, and enforces the declared `auth` before the body is even parsed (an `onRequest` hook: the bearer token
 * of a live session, then the legacy grant when the route takes one). Handlers receive parsed values and the
 * authenticated principal only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { entRoutes, type EntAuth, type EntBody, type EntParams, type EntResponse, type EntRouteName, type EntRoutes } from '../../src-shared/api/routes';
import type { ServerContext } from '../context';
import { authenticate, type Principal } from '../services/auth';
import { readGrant, type Grant } from '../services/grant';
import { checkOutput, parseInput } from './validate';

const principals = new WeakMap<FastifyRequest, Principal>();
const grants = new WeakMap<FastifyRequest, Grant>();

/** The `onRequest` hook of an authenticated route. */
function authHook(ctx: ServerContext, auth: Exclude<EntAuth, 'none'>): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    const p = await authenticate(ctx, req);
    principals.set(req, p);
    if (auth === 'bearer+grant') {
      const g = await readGrant(ctx, req, p);
      if (g) grants.set(req, g);
    }
  };
}

type AuthOf<N extends EntRouteName> = EntRoutes[N]['auth'];

export interface RouteInput<N extends EntRouteName> {
  body: EntBody<N>;
  params: EntParams<N>;
  req: FastifyRequest;
  reply: FastifyReply;
  principal: AuthOf<N> extends 'none' ? null : Principal;
  /** The legacy grant sent (`bearer+grant` routes), checked against the principal's session; null when absent. */
  grant: AuthOf<N> extends 'bearer+grant' ? Grant | null : null;
}

/**
 * A route's handler: its answer (checked against the table's response schema); undefined for no content (204); or
 * the `reply` itself when it sent its own answer (`return reply.send(…)`: an ETag's 304, bytes built once) — never
 * `void reply.send()` then undefined, which races with asynchronous `onSend` hooks and would answer twice.
 */
export type RouteHandler<N extends EntRouteName> = (input: RouteInput<N>) => Promise<EntResponse<N> | undefined | FastifyReply>;
export type RouteHandlers = { [N in EntRouteName]: RouteHandler<N> };

const noParams = z.object({}).strict();

function register<N extends EntRouteName>(app: FastifyInstance, ctx: ServerContext, name: N, handler: RouteHandler<N>): void {
  const spec: EntRoutes[N] = entRoutes[name];
  const auth: EntAuth = spec.auth;
  const bodySchema = 'body' in spec ? spec.body : undefined;
  const paramsSchema = 'params' in spec ? spec.params : undefined;
  const status = 'status' in spec ? spec.status : 200;
  app.route({
    method: spec.method,
    url: spec.path.replace(/\{(\w+)\}/g, ':$1'),
    ...(auth === 'none' ? {} : { onRequest: authHook(ctx, auth) }),
    handler: async (req, reply) => {
      const body = (bodySchema && !(bodySchema instanceof z.ZodUndefined) ? parseInput(bodySchema, req.body, 'body') : undefined) as EntBody<N>;
      const params = parseInput(paramsSchema ?? noParams, req.params, 'params') as EntParams<N>;
      parseInput(z.object({}).strict(), req.query, 'query');
      // The conditional types of `principal` and `grant` follow the route's `auth`, which the hook above enforced.
      const principal = (auth === 'none' ? null : principals.get(req)) as RouteInput<N>['principal'];
      if (auth !== 'none' && !principal) throw new Error(`route ${name} without its authentication`);
      const grant = (auth === 'bearer+grant' ? (grants.get(req) ?? null) : null) as RouteInput<N>['grant'];
      const out = await handler({ body, params, req, reply, principal, grant });
      if (out === reply || reply.sent) return reply;
      if (out === undefined) return reply.status(reply.statusCode === 200 ? 204 : reply.statusCode).send();
      if (reply.statusCode === 200) void reply.status(status);
      return reply.send(checkOutput(spec.response, out));
    },
  });
}

/** Registers every route of the table with its handler (the handler map must cover the table: checked by the types). */
export function registerRoutes(app: FastifyInstance, ctx: ServerContext, handlers: RouteHandlers): void {
  for (const name of Object.keys(entRoutes) as EntRouteName[]) {
    // Each name is paired with its own handler: TypeScript cannot follow the correlation through the loop.
    register(app, ctx, name, handlers[name] as RouteHandler<typeof name>);
  }
}
