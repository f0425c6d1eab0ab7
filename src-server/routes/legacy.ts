/** Proving an old account (grant) and reading the old roster with it, as far as the grant reaches. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { legacyGrantSchema, legacyRosterResponseSchema, legacyVerifyRequestSchema } from '../../src-shared/api/legacy';
import { requireSchoolStaff } from '../services/auth';
import { legacyRoster, verifyLegacy } from '../services/legacy';
import { uaiParams } from './schemas';

export function legacyRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/legacy/verify', tag: 'ancien compte', summary: "Vérifie des identifiants de l'an dernier (direction, référents, enseignants) → autorisation (grant) et ce qu'elle permet de récupérer", auth: 'bearer',
    body: legacyVerifyRequestSchema, response: legacyGrantSchema,
    errors: { 403: "réservé à la direction, aux référents et aux enseignants ; ancien compte qui n'était pas celui d'un adulte de l'école", 429: "trop d'essais (par ancien compte et demandeur ; en-tête Retry-After)" },
    handler: async ({ body, req, principal }) => verifyLegacy(ctx, req, principal, body.login, body.password),
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/legacy/schools/{uai}/roster', tag: 'ancien compte', summary: "Liste de l'an dernier et nombre d'éléments par espace et application, dans le périmètre de l'autorisation : toute l'école, ou les classes de l'enseignant et leurs élèves (en-tête X-Legacy-Grant)", auth: 'bearer+grant',
    params: uaiParams, response: legacyRosterResponseSchema, headers: { 'X-Legacy-Grant': 'autorisation reçue de POST /v1/legacy/verify' },
    handler: async ({ params, principal, grant }) => {
      requireSchoolStaff(principal, params.uai);
      if (!grant) throw new HttpError('forbidden', { message: "Vérifiez d'abord vos identifiants de l'an dernier (en-tête X-Legacy-Grant manquant)." });
      return legacyRoster(ctx, params.uai, grant);
    },
  });
}
