/** Parents' and teachers' own steps: candidate old parent accounts, decision, teacher class choice and old account link. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { parentCandidatesResponseSchema, parentDecisionRequestSchema, personalTransferResponseSchema, teacherLinkRequestSchema } from '../../src-shared/api/parents';
import { chooseClassRequestSchema, chooseClassResponseSchema, classChoicesResponseSchema } from '../../src-shared/api/roster';
import { authenticate } from '../services/auth';
import { chooseClass, classChoices, linkTeacherOldAccount, parentCandidates, parentDecision } from '../services/people';

export function peopleRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, {
    method: 'GET', url: '/v1/parents/me/candidates', tag: 'parents', summary: "Anciens comptes parents proposés (« Parent de Léa DURAND — CM1 B »)", auth: 'bearer',
    response: parentCandidatesResponseSchema,
    handler: async ({ req }) => parentCandidates(ctx, await authenticate(ctx, req)),
  });
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/parents/me/decision', tag: 'parents', summary: "Confirme un ancien compte (ses données personnelles suivent) ou refuse", auth: 'bearer',
    body: parentDecisionRequestSchema, response: personalTransferResponseSchema, errors: { 409: 'déjà répondu', 422: 'proposition inconnue' },
    handler: async ({ body, req }) => parentDecision(ctx, await authenticate(ctx, req), body),
  });
  defineRoute(app, docs, {
    method: 'GET', url: '/v1/teachers/me/class-choices', tag: 'enseignants', summary: "Première connexion : classes de l'école avec leurs trois premiers élèves", auth: 'bearer',
    response: classChoicesResponseSchema,
    handler: async ({ req }) => classChoices(ctx, await authenticate(ctx, req)),
  });
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/teachers/me/class', tag: 'enseignants', summary: 'Première connexion : choix de sa classe', auth: 'bearer',
    body: chooseClassRequestSchema, response: chooseClassResponseSchema,
    handler: async ({ body, req }) => chooseClass(ctx, await authenticate(ctx, req), body.classId),
  });
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/teachers/me/link-old-account', tag: 'enseignants', summary: "Relie son propre ancien compte (identifiants de l'an dernier) : ses données personnelles suivent", auth: 'bearer',
    body: teacherLinkRequestSchema, response: personalTransferResponseSchema, errors: { 429: 'trop de tentatives' },
    handler: async ({ body, req }) => linkTeacherOldAccount(ctx, req, await authenticate(ctx, req), body.login, body.password),
  });
}
