/** Handlers of this year's roster (ETag / If-None-Match), ONDE sync of a pupil, the school's new spaces. */
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../http/route';
import { requireSchoolManager } from '../services/auth';
import { addPupil, etagOf, newRosterJson, newSpaces, requireSchool } from '../services/roster';

export function rosterHandlers(ctx: ServerContext): Pick<RouteHandlers, 'roster' | 'addPupil' | 'spaces'> {
  return {
    roster: async ({ params, req, reply, principal }) => {
      requireSchoolManager(principal, params.uai);
      const school = await requireSchool(ctx, params.uai);
      const etag = etagOf(String(school.new_version));
      reply.header('etag', etag);
      const inm = req.headers['if-none-match'];
      if (typeof inm === 'string' && inm.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) {
        return reply.status(304).send();
      }
      // Built and checked once per version (200 concurrent pulls cost one build), sent as is.
      const cached = await newRosterJson(ctx, params.uai, String(school.new_version));
      reply.header('etag', etagOf(cached.version)).type('application/json; charset=utf-8');
      return reply.send(cached.json);
    },
    addPupil: async ({ params, body, principal }) => {
      requireSchoolManager(principal, params.uai);
      return addPupil(ctx, params.uai, body);
    },
    spaces: async ({ params, principal }) => {
      requireSchoolManager(principal, params.uai);
      return newSpaces(ctx, params.uai);
    },
  };
}
