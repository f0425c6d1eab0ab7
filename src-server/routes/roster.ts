/** This year's roster (ETag / If-None-Match), ONDE sync of a pupil, the school's new spaces. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { defineRoute, type DocumentedRoute } from '../http/route';
import { addPupilRequestSchema, rosterResponseSchema, spacesResponseSchema } from '../../src-shared/api/roster';
import { requireSchoolManager } from '../services/auth';
import { addPupil, etagOf, newRosterJson, newSpaces, requireSchool } from '../services/roster';
import { uaiParams } from './schemas';

export function rosterRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/schools/{uai}/roster', tag: 'liste de cette année', summary: 'Liste de cette année : classes, enseignants, élèves, parents (ETag ; If-None-Match → 304)', auth: 'bearer',
    params: uaiParams, response: rosterResponseSchema, errors: { 304: 'inchangée depuis la version envoyée', 404: 'école inconnue' }, headers: { 'If-None-Match': 'ETag déjà reçu' },
    handler: async ({ params, req, reply, principal }) => {
      requireSchoolManager(principal, params.uai);
      const school = await requireSchool(ctx, params.uai);
      const etag = etagOf(String(school.new_version));
      reply.header('etag', etag);
      const inm = req.headers['if-none-match'];
      if (typeof inm === 'string' && inm.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) {
        void reply.status(304).send();
        return undefined;
      }
      const cached = await newRosterJson(ctx, params.uai, String(school.new_version));
      reply.header('etag', etagOf(cached.version)).type('application/json; charset=utf-8');
      void reply.send(cached.json);
      return undefined;
    },
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/schools/{uai}/roster/pupils', tag: 'liste de cette année', summary: "Synchronisation ONDE d'un élève (idempotente : le même élève envoyé deux fois n'est créé qu'une fois ; change la version de la liste)", auth: 'bearer',
    params: uaiParams, body: addPupilRequestSchema, response: rosterResponseSchema, status: 201,
    handler: async ({ params, body, principal }) => {
      requireSchoolManager(principal, params.uai);
      return addPupil(ctx, params.uai, body);
    },
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/schools/{uai}/spaces', tag: 'liste de cette année', summary: "Espaces de cette année de l'école et nombre d'éléments par application", auth: 'bearer',
    params: uaiParams, response: spacesResponseSchema,
    handler: async ({ params, principal }) => {
      requireSchoolManager(principal, params.uai);
      return newSpaces(ctx, params.uai);
    },
  });
}
