/**
 * One way to declare a route: its zod schemas (from `src-shared/api`) validate the input and the output, and the
 * same declaration feeds the OpenAPI document. Handlers receive parsed values only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkOutput, parseInput } from './validate';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSpec<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  auth: 'none' | 'bearer' | 'bearer+grant';
  body?: B;
  params?: P;
  query?: Q;
  response: R;
  status?: number;
  /** Other documented answers (status → description). */
  errors?: Record<number, string>;
  headers?: Record<string, string>;
  handler(input: { body: z.infer<B>; params: z.infer<P>; query: z.infer<Q>; req: FastifyRequest; reply: FastifyReply }): Promise<z.infer<R> | undefined>;
}

export interface DocumentedRoute {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  auth: 'none' | 'bearer' | 'bearer+grant';
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  status: number;
  errors: Record<number, string>;
  headers: Record<string, string>;
}

const emptyObject = z.object({}).passthrough();

export function defineRoute<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  docs: DocumentedRoute[],
  spec: RouteSpec<B, P, Q, R>,
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
    handler: async (req, reply) => {
      const body = spec.body ? parseInput(spec.body, req.body, 'body') : (undefined as z.infer<B>);
      const params = parseInput(spec.params ?? emptyObject, req.params, 'params') as z.infer<P>;
      const query = parseInput(spec.query ?? z.object({}).strict(), req.query, 'query') as z.infer<Q>;
      const out = await spec.handler({ body, params, query, req, reply });
      if (reply.sent) return reply;
      if (out === undefined) return reply.status(reply.statusCode === 200 ? 204 : reply.statusCode).send();
      if (reply.statusCode === 200) void reply.status(status);
      return reply.send(checkOutput(spec.response, out));
    },
  });
}
