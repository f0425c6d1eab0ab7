/** OpenAPI 3.1 document generated from the routes' zod schemas (`GET /v1/openapi.json`). */
import { z } from 'zod';
import { apiErrorBodySchema } from '../src-shared/api/errors';
import { entRoutes, type EntRoute } from '../src-shared/api/routes';
import { SERVER_NAME, SERVER_VERSION } from './config';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/** The OpenAPI document of the shared route table (what the server registers). */
export function buildOpenApi(): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } };
  for (const r of Object.values(entRoutes) as EntRoute[]) {
    const status = r.status ?? 200;
    const headers = r.headers ?? {};
    const parameters: unknown[] = [];
    const pathParams = r.params ? (jsonSchema(r.params, 'input') as { properties?: Record<string, unknown> }).properties ?? {} : {};
    for (const [name, schema] of Object.entries(pathParams)) parameters.push({ name, in: 'path', required: true, schema });
    for (const [name, description] of Object.entries(headers)) parameters.push({ name, in: 'header', description, schema: { type: 'string' } });
    const contentType = r.stream ? 'text/event-stream' : 'application/json';
    const responses: Record<string, unknown> = {
      [String(status)]: status === 204 ? { description: 'Fait' } : { description: 'Réussite', content: { [contentType]: { schema: jsonSchema(r.response, 'output') } } },
      '400': { description: 'Demande mal formée', content: errorContent },
    };
    if (r.auth !== 'none') {
      responses['401'] = { description: 'Non connecté ou jeton invalide', content: errorContent };
      responses['403'] = { description: 'Pas le droit', content: errorContent };
    }
    for (const [code, description] of Object.entries(r.errors ?? {})) responses[code] = { description, content: errorContent };
    const op: Record<string, unknown> = { summary: r.summary, tags: [r.tag], parameters, responses };
    if (r.auth !== 'none') op.security = [{ bearer: [] }];
    if (r.body && !(r.body instanceof z.ZodUndefined)) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: SERVER_NAME, version: SERVER_VERSION, description: "API de référence de l'ENT pour la procédure de récupération des comptes (Passerelle)." },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ApiError: jsonSchema(apiErrorBodySchema, 'output') },
    },
  };
}
