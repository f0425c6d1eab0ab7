/** Handlers of merge batches (Idempotency-Key), the job's state and SSE progress, the schools' merges, the letters' credentials. */
import { z } from 'zod';
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../http/route';
import { parseInput } from '../http/validate';
import { HttpError, errorBody } from '../http/errors';
import { idempotencyKeySchema } from '../../src-shared/api/merge';
import { sseWriter } from '../../src-shared/sse';
import { requireSchoolManager } from '../services/auth';
import { submitMerge } from '../services/merge';
import { fetchCredentials, mergeSchool, mergeStatus, releaseCredentials, schoolMerges } from '../services/merge-status';

const POLL_MS = 150;

export function mergeHandlers(ctx: ServerContext): Pick<RouteHandlers, 'postMerge' | 'merge' | 'mergeEvents' | 'schoolMerges' | 'mergeCredentials' | 'releaseCredentials'> {
  return {
    postMerge: async ({ params, body, req, reply, principal, grant }) => {
      const role = requireSchoolManager(principal, params.uai);
      const key = parseInput(z.object({ 'idempotency-key': idempotencyKeySchema }), { 'idempotency-key': req.headers['idempotency-key'] }, 'headers')['idempotency-key'];
      const result = await submitMerge(ctx, { uai: params.uai, key, batch: body, grant, role, accountId: principal.accountId });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.header('location', result.receipt.statusUrl);
      return result.receipt;
    },
    merge: async ({ params, principal }) => {
      requireSchoolManager(principal, await mergeSchool(ctx, params.id));
      return mergeStatus(ctx, params.id);
    },
    mergeEvents: async ({ params, req, reply, principal }) => {
      requireSchoolManager(principal, await mergeSchool(ctx, params.id));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
      const sse = sseWriter((chunk) => res.write(chunk), { setInterval, clearInterval: (h) => clearInterval(h as NodeJS.Timeout) });
      let closed = false;
      req.raw.on('close', () => {
        closed = true;
      });
      let last = '';
      try {
        while (!closed && !ctx.closing.aborted) {
          let state;
          try {
            state = await mergeStatus(ctx, params.id);
          } catch {
            sse.send('error', errorBody(new HttpError('server')));
            break;
          }
          const data = JSON.stringify(state);
          if (data !== last) sse.send('progress', state);
          last = data;
          if (state.status === 'done' || state.status === 'failed') {
            sse.send('end', state);
            break;
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } finally {
        sse.close();
        res.end();
      }
      return undefined;
    },
    schoolMerges: async ({ principal }) => schoolMerges(ctx, principal),
    mergeCredentials: async ({ params, principal }) => fetchCredentials(ctx, params.id, principal, requireSchoolManager(principal, await mergeSchool(ctx, params.id))),
    releaseCredentials: async ({ params, principal }) => {
      requireSchoolManager(principal, await mergeSchool(ctx, params.id));
      await releaseCredentials(ctx, params.id, principal);
      return undefined;
    },
  };
}
