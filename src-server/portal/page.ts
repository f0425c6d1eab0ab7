/**
 * How a portal page is served: the session read (and the form cookie set) first, then the handler, whose outcome
 * is a page (title, body, status, extra headers) put into the one layout, or a redirection (303 after a POST).
 * POST routes take form bodies only and check the CSRF token and the origin before the handler runs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import type { MeResponse } from '../../src-shared/api/auth';
import { PORTAL_PATHS } from '../../src-shared/portal';
import { me } from '../services/auth';
import type { Principal } from '../services/auth';
import { FormBody } from './forms';
import { html, type Html } from './html';
import { layout } from './layout';
import { formCameFromUs, portalSession, type PortalSession } from './session';
import { sessionIsLive } from '../services/sessions';

export interface PageOutcome { title: string; body: Html; status?: number; headers?: Record<string, string> }
export type Outcome = PageOutcome | { redirect: string };

/** Thrown by a handler to leave for another address (e.g. the sign-in page when the session has ended). */
export class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect to ${to}`);
  }
}

export interface PageCall {
  ctx: ServerContext;
  req: FastifyRequest;
  reply: FastifyReply;
  session: PortalSession;
  /** A query parameter's first value ('' when absent), cut to 200 characters. */
  query(name: string): string;
  /** The signed-in account (else a redirection to the sign-in page). */
  signedIn(): Promise<{ principal: Principal; me: MeResponse }>;
}
export interface FormCall extends PageCall { form: FormBody }

/** The signed-in account's view, read once per request (name in the header, roles, classes). */
const accounts = new WeakMap<FastifyRequest, Promise<MeResponse>>();

function callOf(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, session: PortalSession): PageCall {
  const query = req.query as Record<string, unknown> | undefined;
  return {
    ctx,
    req,
    reply,
    session,
    query(name) {
      const v = query?.[name];
      const first = Array.isArray(v) ? (v as unknown[])[0] : v;
      return typeof first === 'string' ? first.slice(0, 200) : '';
    },
    async signedIn() {
      const p = session.principal;
      if (!p) throw new Redirect(`${PORTAL_PATHS.signIn}?message=session`);
      let account = accounts.get(req);
      if (!account) {
        account = me(ctx, p);
        accounts.set(req, account);
      }
      return { principal: p, me: await account };
    },
  };
}

async function send(call: PageCall, outcome: Outcome): Promise<void> {
  const { reply } = call;
  if ('redirect' in outcome) {
    await reply.status(303).header('location', outcome.redirect).send();
    return;
  }
  const principal = call.session.principal;
  // The session may have ended while the request ran (a password changed with a code): no name in the header then.
  const user = principal && (await sessionIsLive(call.ctx, principal.sessionId, principal.accountId)) ? (await call.signedIn()).me : null;
  const page = layout({ title: outcome.title, body: outcome.body, user: user ? { name: `${user.prenom} ${user.nom}` } : null, csrf: call.session.csrf });
  for (const [k, v] of Object.entries(outcome.headers ?? {})) void reply.header(k, v);
  await reply.status(outcome.status ?? 200).type('text/html; charset=utf-8').send(page.toString());
}

async function run(call: PageCall, handler: () => Promise<Outcome>): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await handler();
  } catch (err) {
    if (!(err instanceof Redirect)) throw err;
    outcome = { redirect: err.to };
  }
  await send(call, outcome);
}

export function getPage(portal: FastifyInstance, ctx: ServerContext, path: string, handler: (c: PageCall) => Promise<Outcome>): void {
  portal.get(path, async (req, reply) => {
    const call = callOf(ctx, req, reply, await portalSession(ctx, req, reply));
    await run(call, () => handler(call));
    return reply;
  });
}

/** The page shown for a form that did not come from one of our pages (or whose page is too old). */
function staleForm(back: string): PageOutcome {
  return {
    status: 403,
    title: 'Formulaire expiré',
    body: html`<h1>Ce formulaire a expiré</h1>
<p>Il n’a pas été envoyé depuis une page de ce site, ou la page est restée ouverte trop longtemps. Rien n’a été fait.</p>
<p><a class="button" href="${back}">Recharger la page et recommencer</a></p>`,
  };
}

/** Answer of a body that is not a form of ours (another content type). */
function notAForm(back: string): PageOutcome {
  return {
    status: 415,
    title: 'Envoi non pris en charge',
    body: html`<h1>Envoi non pris en charge</h1><p>Ce formulaire doit être envoyé depuis la page du portail.</p><p><a class="button" href="${back}">Retour au formulaire</a></p>`,
  };
}

/**
 * A POST route: form bodies only, the CSRF token and the origin checked first; `back` is the form's page.
 * `signedOut`, when given, answers a request without a live session before any check (sign-out of an ended session).
 */
export function postForm(portal: FastifyInstance, ctx: ServerContext, path: string, back: string, handler: (c: FormCall) => Promise<Outcome>, signedOut?: (c: PageCall) => Promise<Outcome>): void {
  portal.post(path, async (req, reply) => {
    const session = await portalSession(ctx, req, reply);
    const base = callOf(ctx, req, reply, session);
    if (signedOut && !session.principal) {
      await run(base, () => signedOut(base));
      return reply;
    }
    if (!(req.body instanceof FormBody)) {
      await send(base, notAForm(back));
      return reply;
    }
    const form = req.body;
    if (!formCameFromUs(ctx, req, session, form.get('_csrf', 200))) {
      await send(base, staleForm(back));
      return reply;
    }
    const call: FormCall = { ...base, form };
    await run(call, () => handler(call));
    return reply;
  });
}
