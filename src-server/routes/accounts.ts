/** Handlers of activation, forgotten old credentials, one-time codes and support requests (no sign-in needed). */
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../http/route';
import { activate, createSupportRequest, forgotLegacy, usePasswordCode } from '../services/activation';

export function accountHandlers(ctx: ServerContext): Pick<RouteHandlers, 'activation' | 'legacyForgot' | 'passwordReset' | 'supportRequest'> {
  return {
    activation: async ({ body, req }) => activate(ctx, req, body.email),
    legacyForgot: async ({ body, req }) => forgotLegacy(ctx, req, body.email),
    passwordReset: async ({ body, req }) => usePasswordCode(ctx, req, body),
    supportRequest: async ({ body, req }) => createSupportRequest(ctx, req, body),
  };
}
