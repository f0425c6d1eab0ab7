/** Parents' and teachers' own steps: their own old parent account, teacher class choice and old account link. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { parentCandidatesResponseSchema, parentDecisionRequestSchema, personalTransferResponseSchema, teacherLinkRequestSchema, teacherOldAccountResponseSchema } from '../../src-shared/api/parents';
import { chooseClassRequestSchema, chooseClassResponseSchema, classChoicesResponseSchema } from '../../src-shared/api/roster';
import { chooseClass, classChoices } from '../services/people';
import { linkTeacherOldAccount, parentCandidates, parentDecision, teacherOldAccount } from '../services/personal-data';

export function peopleRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/parents/me/candidates', tag: 'parents', summary: "Anciens comptes parents reconnus comme les siens (même nom, parent du même enfant) : « Parent de Léa DURAND — CM1 B »", auth: 'bearer',
    response: parentCandidatesResponseSchema,
    handler: async ({ principal }) => parentCandidates(ctx, principal),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/parents/me/decision', tag: 'parents', summary: "Confirme un ancien compte reconnu, ou en prouve un autre par son mot de passe (ses données personnelles suivent), ou refuse : définitif", auth: 'bearer',
    body: parentDecisionRequestSchema, response: personalTransferResponseSchema, errors: { 403: "l'ancien compte prouvé n'était pas un compte de parent", 409: 'déjà répondu, ou ancien compte déjà récupéré par un autre compte', 422: 'compte non reconnu comme le vôtre', 429: "trop d'essais" },
    handler: async ({ body, req, principal }) => parentDecision(ctx, req, principal, body),
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/teachers/me/class-choices', tag: 'enseignants', summary: "Première connexion : classes de l'école avec leurs trois premiers élèves", auth: 'bearer',
    response: classChoicesResponseSchema,
    handler: async ({ principal }) => classChoices(ctx, principal),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/teachers/me/class', tag: 'enseignants', summary: 'Première connexion : choix de sa classe', auth: 'bearer',
    body: chooseClassRequestSchema, response: chooseClassResponseSchema,
    handler: async ({ body, principal }) => chooseClass(ctx, principal, body.classId),
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/teachers/me/old-account', tag: 'enseignants', summary: "L'ancien compte d'enseignant qui a la même adresse académique (s'il est libre), ou la liaison déjà faite", auth: 'bearer',
    response: teacherOldAccountResponseSchema,
    handler: async ({ principal }) => teacherOldAccount(ctx, principal),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/teachers/me/link-old-account', tag: 'enseignants', summary: "Relie son propre ancien compte, par ses identifiants de l'an dernier ou par la même adresse académique : ses données personnelles suivent (définitif)", auth: 'bearer',
    body: teacherLinkRequestSchema, response: personalTransferResponseSchema, errors: { 403: "l'ancien compte n'était pas celui d'un enseignant", 409: 'déjà relié, ou ancien compte déjà récupéré par un autre compte', 422: "aucun ancien compte libre n'a la même adresse", 429: 'trop de tentatives' },
    handler: async ({ body, req, principal }) => linkTeacherOldAccount(ctx, req, principal, body),
  });
}
