/**
 * The ENT's small web portal, at the server's root: server-rendered French pages, plain HTML forms (POST, no
 * script), one layout and one stylesheet (`/portail.css`). Registered in its own Fastify context: its form parser,
 * security headers and HTML error pages apply to its routes only, so the `/v1` API answers exactly as before.
 * Addresses outside `/v1` that match nothing get the portal's HTML 404 page instead of the API's JSON.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { PORTAL_PATHS } from '../../src-shared/portal';
import { acceptForms } from './forms';
import { html } from './html';
import { layout } from './layout';
import { parentPages } from './pages/parent';
import { publicPages } from './pages/public';
import { spacePages } from './pages/space';
import { teacherPages } from './pages/teacher';
import { PORTAL_CSS } from './styles';

export const PORTAL_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': PORTAL_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

function errorPage(title: string, text: string): string {
  return layout({ title, csrf: '', body: html`<h1>${title}</h1><p>${text}</p><p><a class="button" href="${PORTAL_PATHS.home}">Retour à l’accueil</a></p>` }).toString();
}

const isApi = (url: string): boolean => url === '/v1' || url.startsWith('/v1/') || url.startsWith('/v1?');

export function registerPortal(app: FastifyInstance, ctx: ServerContext): void {
  // Outside the API, an unknown address is a page a person typed or followed: answer with a page. A callback hook
  // (not async): it adds no asynchronous step to the API's answers (a route that sends its reply itself and returns
  // undefined relies on the send finishing before the route helper looks at `reply.sent`).
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!req.is404 || isApi(req.url)) {
      done(null, payload);
      return;
    }
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v);
    void reply.type('text/html; charset=utf-8');
    done(null, errorPage('Page introuvable', 'Cette adresse ne correspond à aucune page de l’ENT. Vérifiez-la, ou repartez de l’accueil.'));
  });

  void app.register(async (portal) => {
    acceptForms(portal);
    portal.addHook('onSend', async (_req, reply, payload) => {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v);
      return payload;
    });
    portal.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
      // A service's refusal a page did not catch: its status and its French message.
      if (err instanceof HttpError && err.status < 500) {
        void reply.status(err.status).type('text/html; charset=utf-8').send(errorPage('Demande refusée', err.message));
        return;
      }
      const code = err instanceof HttpError ? undefined : err.code;
      const statusCode = err instanceof HttpError ? undefined : err.statusCode;
      const status = code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 413 : code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 415 : typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
      if (status >= 500) req.log.error({ err: { message: err.message, code } }, 'portal page failed');
      const [title, text] =
        status === 413
          ? ['Envoi trop volumineux', 'Le formulaire envoyé est trop volumineux : rien n’a été fait.']
          : status === 415
            ? ['Envoi non pris en charge', 'Ce formulaire doit être envoyé depuis la page du portail : rien n’a été fait.']
            : status >= 500
              ? ['Une erreur inattendue s’est produite', 'Rien n’a été perdu. Réessayez dans un instant ; si cela persiste, prévenez l’école.']
              : ['Demande incorrecte', 'Cette demande n’a pas pu être lue : repartez de la page du portail.'];
      void reply.status(status).type('text/html; charset=utf-8').send(errorPage(title, text));
    });

    portal.get(PORTAL_PATHS.stylesheet, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PORTAL_CSS));
    publicPages(portal, ctx);
    spacePages(portal, ctx);
    parentPages(portal, ctx);
    teacherPages(portal, ctx);
  });
}
