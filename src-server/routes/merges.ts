/** Merge batches (Idempotency-Key), the job's state, its SSE progress stream, the once-only pupil credentials. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { authHook, defineRoute, principalOf, type DocumentedRoute } from '../http/route';
import { parseInput } from '../http/validate';
import { HttpError, errorBody } from '../http/errors';
import { idempotencyKeySchema, mergeBatchSchema, mergeReceiptSchema, mergeResponseSchema, pupilCredentialsResponseSchema, schoolMergesResponseSchema } from '../../src-shared/api/merge';
import { requireSchoolManager } from '../services/auth';
import { submitMerge } from '../services/merge';
import { fetchCredentials, mergeSchool, mergeStatus, releaseCredentials, schoolMerges } from '../services/merge-status';
import { idParams, uaiParams } from './schemas';

export function mergeRoutes(app: FastifyInstance, docs: DocumentedRoute[], ctx: ServerContext): void {
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/schools/{uai}/merges', tag: 'rapprochement', summary: "Envoie le lot de rapprochement de l'école (le premier accepté est définitif)", auth: 'bearer+grant',
    params: uaiParams, body: mergeBatchSchema, response: mergeReceiptSchema, status: 202,
    headers: { 'Idempotency-Key': 'obligatoire : même clé et même lot → même réponse', 'X-Legacy-Grant': "autorisation de l'ancien compte : obligatoire dès que le lot associe un élève ou récupère un espace ; elle doit couvrir chaque ancien compte et chaque espace" },
    errors: { 403: "sans autorisation de l'ancien compte, ou lot hors de son périmètre (problems : ce qui n'est pas couvert) : rien n'est enregistré", 409: "école déjà rapprochée (details : quand, par quel rôle)", 412: 'liste changée depuis la version de base (details : changements)', 422: 'lot invalide (tous les problèmes) ou clé réutilisée avec un autre lot' },
    handler: async ({ params, body, req, reply, principal, grant }) => {
      const role = requireSchoolManager(principal, params.uai);
      const key = parseInput(z.object({ 'idempotency-key': idempotencyKeySchema }), { 'idempotency-key': req.headers['idempotency-key'] }, 'headers')['idempotency-key'];
      const result = await submitMerge(ctx, { uai: params.uai, key, batch: body, grant, role, accountId: principal.accountId });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.header('location', result.receipt.statusUrl);
      return result.receipt;
    },
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/merges/{id}', tag: 'rapprochement', summary: 'État du rapprochement, étape par étape', auth: 'bearer',
    params: idParams, response: mergeResponseSchema,
    handler: async ({ params, principal }) => {
      requireSchoolManager(principal, await mergeSchool(ctx, params.id));
      return mergeStatus(ctx, params.id);
    },
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/schools/merges', tag: 'rapprochement', summary: "Le rapprochement de chaque école dont on est directeur ou référent : par qui, quand, où en est la fusion, lettres disponibles", auth: 'bearer',
    response: schoolMergesResponseSchema,
    handler: async ({ principal }) => schoolMerges(ctx, principal),
  });
  defineRoute(app, docs, ctx, {
    method: 'GET', url: '/v1/merges/{id}/credentials', tag: 'rapprochement', summary: "Identifiants générés des nouveaux élèves sans association, pour toute direction ou tout référent de l'école (chaque lecture est enregistrée), jusqu'à l'impression des lettres ou 30 jours", auth: 'bearer',
    params: idParams, response: pupilCredentialsResponseSchema, errors: { 409: 'rapprochement pas encore terminé', 410: 'lettres marquées imprimées, ou identifiants expirés' },
    handler: async ({ params, principal }) => fetchCredentials(ctx, params.id, principal, requireSchoolManager(principal, await mergeSchool(ctx, params.id))),
  });
  defineRoute(app, docs, ctx, {
    method: 'POST', url: '/v1/merges/{id}/credentials/printed', tag: 'rapprochement', summary: 'Les lettres sont imprimées : les mots de passe générés sont effacés, pour tous', auth: 'bearer',
    params: idParams, response: z.undefined(), status: 204, errors: { 409: 'rapprochement pas encore terminé' },
    handler: async ({ params, principal }) => {
      requireSchoolManager(principal, await mergeSchool(ctx, params.id));
      await releaseCredentials(ctx, params.id, principal);
      return undefined;
    },
  });
  docs.push({ method: 'GET', url: '/v1/merges/{id}/events', tag: 'rapprochement', summary: 'Flux SSE (text/event-stream) : événements `progress` (MergeResponse) puis `end`', auth: 'bearer', params: idParams, response: mergeResponseSchema, status: 200, errors: {}, headers: {} });
  app.get('/v1/merges/:id/events', { onRequest: authHook(ctx, 'bearer') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    requireSchoolManager(principalOf(req), await mergeSchool(ctx, id));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    let closed = false;
    req.raw.on('close', () => { closed = true; });
    let last = '';
    while (!closed && !ctx.closing.aborted) {
      let state;
      try {
        state = await mergeStatus(ctx, id);
      } catch {
        res.write(`event: error\ndata: ${JSON.stringify(errorBody(new HttpError('server')))}\n\n`);
        break;
      }
      const data = JSON.stringify(state);
      if (data !== last) res.write(`event: progress\ndata: ${data}\n\n`);
      last = data;
      if (state.status === 'done' || state.status === 'failed') {
        res.write(`event: end\ndata: ${data}\n\n`);
        break;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    res.end();
  });
}
