/** Activation, forgot-old-credentials, support requests (no sign-in needed). */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { acceptedResponseSchema } from '../../src-shared/api/common';
import { activationRequestSchema, supportRequestResponseSchema, supportRequestSchema } from '../../src-shared/api/activation';
import { legacyForgotRequestSchema } from '../../src-shared/api/legacy';
import { activate, createSupportRequest, forgotLegacy } from '../services/activation';

export function accountRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/activation', tag: 'activation', summary: 'Activation du compte par adresse académique (réponse identique que le compte existe ou non)', auth: 'none',
    body: activationRequestSchema, response: acceptedResponseSchema, status: 202, errors: { 400: 'adresse refusée (`invalid-email` : alias, adresse d’établissement…)' },
    handler: async ({ body }) => activate(ctx, body.email),
  });
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/legacy/forgot', tag: 'ancien compte', summary: "Identifiants de l'an dernier oubliés (réponse identique que le compte existe ou non)", auth: 'none',
    body: legacyForgotRequestSchema, response: acceptedResponseSchema, status: 202,
    handler: async ({ body }) => forgotLegacy(ctx, body.email),
  });
  defineRoute(app, docs, {
    method: 'POST', url: '/v1/support-requests', tag: 'activation', summary: "Demande d'accès d'un enseignant remplaçant absent de l'ENT", auth: 'none',
    body: supportRequestSchema, response: supportRequestResponseSchema, status: 201,
    handler: async ({ body }) => createSupportRequest(ctx, body),
  });
}
