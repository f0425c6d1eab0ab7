/** Proving an old account (grant) and reading the old roster with it. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { legacyGrantSchema, legacyRosterResponseSchema, legacyVerifyRequestSchema } from '../../src-shared/api/legacy';
import { authenticate, requireSchoolManager } from '../services/auth';
import { readGrant } from '../services/grant';
import { legacyRoster, verifyLegacy } from '../services/legacy';
import { uaiParams } from './schemas';

export function legacyRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/legacy/verify', tag: 'ancien compte', summary: "Vérifie des identifiants de l'an dernier → autorisation (grant) et ce qu'elle permet de récupérer", auth: 'bearer',
    body: legacyVerifyRequestSchema, response: legacyGrantSchema, errors: { 429: '5 échecs → 15 minutes de blocage (par compte et par poste)' },
    handler: async ({ body, req }) => verifyLegacy(ctx, req, await authenticate(ctx, req), body.login, body.password),
  });
  defineRoute(app, docs, {
    method: 'GET', url: '/v1/legacy/schools/{uai}/roster', tag: 'ancien compte', summary: "Liste de l'an dernier et nombre d'éléments par espace et application (en-tête X-Legacy-Grant)", auth: 'bearer+grant',
    params: uaiParams, response: legacyRosterResponseSchema, headers: { 'X-Legacy-Grant': 'autorisation reçue de POST /v1/legacy/verify' },
    handler: async ({ params, req }) => {
      const p = await authenticate(ctx, req);
      requireSchoolManager(p, params.uai);
      const grant = readGrant(ctx, req, p);
      if (!grant) throw new HttpError('forbidden', { message: "Vérifiez d'abord vos identifiants de l'an dernier (en-tête X-Legacy-Grant manquant)." });
      return legacyRoster(ctx, params.uai, grant);
    },
  });
}
