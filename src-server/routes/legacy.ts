/** Handlers of proving an old account (grant) and reading the old roster with it, as far as the grant reaches. */
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { RouteHandlers } from '../http/route';
import { requireSchoolStaff } from '../services/auth';
import { legacyRoster, verifyLegacy } from '../services/legacy';

export function legacyHandlers(ctx: ServerContext): Pick<RouteHandlers, 'legacyVerify' | 'legacyRoster'> {
  return {
    legacyVerify: async ({ body, req, principal }) => verifyLegacy(ctx, req, principal, body.login, body.password),
    legacyRoster: async ({ params, principal, grant }) => {
      requireSchoolStaff(principal, params.uai);
      if (!grant) throw new HttpError('forbidden', { message: "Vérifiez d'abord vos identifiants de l'an dernier (en-tête X-Legacy-Grant manquant).", key: 'legacy.grant-missing' });
      return legacyRoster(ctx, params.uai, grant);
    },
  };
}
