/**
 * One way to declare a route: its zod schemas (from `src-shared/api`) validate the input and the output, its
 * declared `auth` is enforced before the body is even parsed (an `onRequest` hook: the bearer token of a live
 * session, then the legacy grant when the route takes one), and the same declaration feeds the OpenAPI document.
 * Handlers receive parsed values and the authenticated principal only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { authenticate, type Principal } from '../services/auth';
import { readGrant, type Grant } from '../services/grant';
import { checkOutput, parseInput } from './validate';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Auth = 'none' | 'bearer' | 'bearer+grant';

const principals = new WeakMap<FastifyRequest, Principal>();
const grants = new WeakMap<FastifyRequest, Grant>();

/** The `onRequest` hook of an authenticated route (also used by the hand-written SSE route). */
export function authHook(ctx: ServerContext, auth: Exclude<Auth, 'none'>): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    const p = await authenticate(ctx, req);
    principals.set(req, p);
    if (auth === 'bearer+grant') {
      const g = await readGrant(ctx, req, p);
      if (g) grants.set(req, g);
    }
  };
}

/** The principal authenticated by `authHook` for this request. */
export function principalOf(req: FastifyRequest): Principal {
  const p = principals.get(req);
  if (!p) throw new Error('route without authentication hook');
  return p;
}

export interface RouteSpec<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType, A extends Auth> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  auth: A;
  body?: B;
  params?: P;
  query?: Q;
  response: R;
  status?: number;
  /** Other documented answers (status → description). */
  errors?: Record<number, string>;
  headers?: Record<string, string>;
  handler(input: {
    body: z.infer<B>;
    params: z.infer<P>;
    query: z.infer<Q>;
    req: FastifyRequest;
    reply: FastifyReply;
    principal: A extends 'none' ? null : Principal;
    /** The legacy grant sent (`bearer+grant` routes), checked against the principal's session; null when absent. */
    grant: A extends 'bearer+grant' ? Grant | null : null;
  }): Promise<z.infer<R> | undefined>;
}

export interface DocumentedRoute {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  auth: Auth;
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  status: number;
  errors: Record<number, string>;
  headers: Record<string, string>;
}

const emptyObject = z.object({}).passthrough();

export function defineRoute<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType, A extends Auth>(
  app: FastifyInstance,
  docs: DocumentedRoute[],
  ctx: ServerContext,
  spec: RouteSpec<B, P, Q, R, A>,
): void {
  const status = spec.status ?? 200;
  docs.push({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    tag: spec.tag,
    auth: spec.auth,
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    response: spec.response,
    status,
    errors: spec.errors ?? {},
    headers: spec.headers ?? {},
  });
  app.route({
    method: spec.method,
    url: spec.url.replace(/\{(\w+)\}/g, ':$1'),
    ...(spec.auth === 'none' ? {} : { onRequest: authHook(ctx, spec.auth as Exclude<Auth, 'none'>) }),
    handler: async (req, reply) => {
      const body = spec.body ? parseInput(spec.body, req.body, 'body') : (undefined as z.infer<B>);
      const params = parseInput(spec.params ?? emptyObject, req.params, 'params') as z.infer<P>;
      const query = parseInput(spec.query ?? z.object({}).strict(), req.query, 'query') as z.infer<Q>;
      // The conditional types of `principal` and `grant` follow `spec.auth`, which the hook above enforced.
      const principal = (spec.auth === 'none' ? null : principalOf(req)) as A extends 'none' ? null : Principal;
      const grant = (spec.auth === 'bearer+grant' ? (grants.get(req) ?? null) : null) as A extends 'bearer+grant' ? Grant | null : null;
      const out = await spec.handler({ body, params, query, req, reply, principal, grant });
      if (reply.sent) return reply;
      if (out === undefined) return reply.status(reply.statusCode === 200 ? 204 : reply.statusCode).send();
      if (reply.statusCode === 200) void reply.status(status);
      return reply.send(checkOutput(spec.response, out));
    },
  });
}
