/** Handlers of `health`, sign-in, token refresh, sign-out and `me` (routes: src-shared/api/routes.ts). */
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../http/route';
import { SERVER_NAME, SERVER_VERSION } from '../config';
import { login, logout, me, refresh } from '../services/auth';

export function authHandlers(ctx: ServerContext): Pick<RouteHandlers, 'health' | 'login' | 'refresh' | 'logout' | 'me'> {
  return {
    health: async () => ({ status: 'ok' as const, name: SERVER_NAME, version: SERVER_VERSION }),
    login: async ({ body, req }) => login(ctx, req, body.login, body.password),
    refresh: async ({ body }) => refresh(ctx, body.refreshToken),
    logout: async ({ body, req }) => {
      await logout(ctx, req, body.refreshToken);
      return undefined;
    },
    me: async ({ principal }) => me(ctx, principal),
  };
}
