/** Health, sign-in, refresh, sign-out, `GET /v1/me`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { SERVER_NAME, SERVER_VERSION } from '../config';
import { healthResponseSchema } from '../../src-shared/api/common';
import { loginRequestSchema, logoutRequestSchema, meResponseSchema, refreshRequestSchema, tokenPairSchema } from '../../src-shared/api/auth';
import { login, logout, me, refresh } from '../services/auth';

export function authRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/health', tag: 'système', summary: 'État du serveur', auth: 'none', response: healthResponseSchema,
    handler: async () => ({ status: 'ok' as const, name: SERVER_NAME, version: SERVER_VERSION }),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/auth/login', tag: 'authentification', summary: 'Connexion (compte de cette année)', auth: 'none',
    body: loginRequestSchema, response: tokenPairSchema, errors: { 401: 'identifiants incorrects', 429: 'trop de tentatives (par compte et poste ; en-tête Retry-After)' },
    handler: async ({ body, req }) => login(ctx, req, body.login, body.password),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/auth/refresh', tag: 'authentification', summary: 'Renouvelle les jetons (rotation ; un jeton déjà utilisé révoque toute la session)', auth: 'none',
    body: refreshRequestSchema, response: tokenPairSchema, errors: { 401: 'jeton de renouvellement invalide, expiré ou réutilisé' },
    handler: async ({ body }) => refresh(ctx, body.refreshToken),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/auth/logout', tag: 'authentification', summary: 'Déconnexion : la session prend fin aussitôt (ses jetons ne servent plus)', auth: 'none',
    body: logoutRequestSchema, response: z.undefined(), status: 204,
    handler: async ({ body, req }) => {
      await logout(ctx, req, body.refreshToken);
      return undefined;
    },
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/me', tag: 'authentification', summary: 'Le compte connecté : rôles, écoles, classes', auth: 'bearer',
    response: meResponseSchema,
    handler: async ({ principal }) => me(ctx, principal),
  });
}
