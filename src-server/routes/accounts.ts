/** Activation, forgot-old-credentials, one-time codes, support requests (no sign-in needed). */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { acceptedResponseSchema } from '../../src-shared/api/common';
import { activationRequestSchema, passwordResetRequestSchema, passwordResetResponseSchema, supportRequestResponseSchema, supportRequestSchema } from '../../src-shared/api/activation';
import { legacyForgotRequestSchema } from '../../src-shared/api/legacy';
import { activate, createSupportRequest, forgotLegacy, usePasswordCode } from '../services/activation';

export function accountRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/activation', tag: 'activation', summary: "Activation par adresse académique : identifiants d'un compte jamais activé, sinon code à usage unique (réponse identique que le compte existe ou non)", auth: 'none',
    body: activationRequestSchema, response: acceptedResponseSchema, status: 202, errors: { 400: 'adresse refusée (`invalid-email` : alias, adresse d’établissement…)', 429: 'trop de demandes (par adresse et par poste)' },
    handler: async ({ body, req }) => activate(ctx, req, body.email),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/legacy/forgot', tag: 'ancien compte', summary: "Identifiants de l'an dernier oubliés : identifiant et code à usage unique par courriel (réponse identique que le compte existe ou non)", auth: 'none',
    body: legacyForgotRequestSchema, response: acceptedResponseSchema, status: 202, errors: { 429: 'trop de demandes (par adresse et par poste)' },
    handler: async ({ body, req }) => forgotLegacy(ctx, req, body.email),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/password-resets', tag: 'activation', summary: "Utilise un code à usage unique : nouveau mot de passe choisi, toutes les sessions du compte prennent fin", auth: 'none',
    body: passwordResetRequestSchema, response: passwordResetResponseSchema, errors: { 422: 'code inconnu, expiré ou déjà utilisé', 429: 'trop de codes erronés depuis ce poste' },
    handler: async ({ body, req }) => usePasswordCode(ctx, req, body),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/support-requests', tag: 'activation', summary: "Demande d'accès d'un enseignant remplaçant absent de l'ENT", auth: 'none',
    body: supportRequestSchema, response: supportRequestResponseSchema, status: 201, errors: { 429: 'trop de demandes (par adresse et par poste)' },
    handler: async ({ body, req }) => createSupportRequest(ctx, req, body),
  });
}
