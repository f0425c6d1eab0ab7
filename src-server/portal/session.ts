/**
 * The portal's session and its forms' protection.
 *
 * - A portal session is a row of the server's `sessions` table (the API's rules: sign-out, a password change or
 *   reset end it at once), named by a cookie `portail_session` holding a token signed with the server's keys
 *   (`typ: portal`, account, session, expiry): HttpOnly, SameSite=Strict, Path=/, Secure when the request came over
 *   https. Every request checks the session is still live.
 * - Every POST form carries a CSRF token: an HMAC (key derived from the signing key) of the session id, or — before
 *   sign-in — of a random `portail_formulaire` cookie (same flags). A POST without the right token, or sent from
 *   another site (`Origin`, `Sec-Fetch-Site`), is refused before anything else is read.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { principalOf, type Principal } from '../services/auth';
import { derivedKey, signToken, verifyToken } from '../services/crypto';
import { createSession, revokeSession, sessionIsLive } from '../services/sessions';

export const SESSION_COOKIE = 'portail_session';
export const FORM_COOKIE = 'portail_formulaire';
/** A portal session lasts a working day (the API's lasts 30 days with its refresh tokens). */
export const PORTAL_SESSION_TTL_MS = 8 * 3600 * 1000;

export interface PortalSession {
  principal: Principal | null;
  /** The token every POST form of this page carries. */
  csrf: string;
}

/** The request's cookies (first value of each name; malformed pairs ignored). */
export function readCookies(req: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  const header = req.headers.cookie;
  if (typeof header !== 'string') return out;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!out.has(name) && /^[A-Za-z0-9._~-]{1,2000}$/.test(value)) out.set(name, value);
  }
  return out;
}

const isHttps = (req: FastifyRequest): boolean => req.protocol === 'https';

function setCookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeS: number): void {
  void reply.header('set-cookie', `${name}=${value}; Path=/; HttpOnly; SameSite=Strict${isHttps(req) ? '; Secure' : ''}; Max-Age=${maxAgeS}`);
}

function csrfOf(ctx: ServerContext, binding: string): string {
  return createHmac('sha256', derivedKey(ctx.keys, 'portal-csrf')).update(binding).digest('base64url');
}

async function liveSession(ctx: ServerContext, req: FastifyRequest): Promise<{ principal: Principal; sid: string } | null> {
  const token = readCookies(req).get(SESSION_COOKIE);
  if (!token) return null;
  const payload = verifyToken(ctx.keys, token, 'portal', ctx.now());
  const sid = payload && typeof payload.sid === 'string' ? payload.sid : null;
  if (!payload || !sid || !(await sessionIsLive(ctx, sid, payload.sub))) return null;
  try {
    return { principal: await principalOf(ctx, payload.sub, sid), sid };
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    throw err;
  }
}

/**
 * The request's portal session (null principal when signed out or ended), and the CSRF token of its forms. Signed
 * out, the form cookie is created when missing (set on this answer), so the page's forms can be sent.
 */
export async function portalSession(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply): Promise<PortalSession> {
  const live = await liveSession(ctx, req);
  if (live) return { principal: live.principal, csrf: csrfOf(ctx, `session:${live.sid}`) };
  let formKey = readCookies(req).get(FORM_COOKIE);
  if (!formKey) {
    formKey = randomBytes(32).toString('base64url');
    setCookie(req, reply, FORM_COOKIE, formKey, PORTAL_SESSION_TTL_MS / 1000);
  }
  return { principal: null, csrf: csrfOf(ctx, `form:${formKey}`) };
}

/**
 * Checks a POST came from one of our pages: same origin (when the browser says where it comes from) and the CSRF
 * token of the session it was sent with (or of the form cookie, signed out). False when it did not.
 */
export function formCameFromUs(ctx: ServerContext, req: FastifyRequest, session: PortalSession, sent: string): boolean {
  // With `Referrer-Policy: no-referrer` browsers send `Origin: null` on our own forms' POSTs; `Sec-Fetch-Site`
  // (computed from the page that sent the form, not the referrer) still says where they came from.
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null' && origin !== `${req.protocol}://${req.host}`) return false;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') return false;
  // Signed out, the token is bound to the form cookie the request carries: without it, nothing matches.
  if (!session.principal && !readCookies(req).get(FORM_COOKIE)) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Opens a portal session for the account (ending the one the browser had, if any) and sets its cookie. */
export async function startPortalSession(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, accountId: string, previous: Principal | null): Promise<void> {
  if (previous) await revokeSession(ctx.db, previous.sessionId, 'logout', ctx.now());
  const { id } = await createSession(ctx, accountId, PORTAL_SESSION_TTL_MS);
  const token = signToken(ctx.keys, { typ: 'portal', sub: accountId, sid: id, exp: Math.floor((ctx.now() + PORTAL_SESSION_TTL_MS) / 1000) });
  setCookie(req, reply, SESSION_COOKIE, token, PORTAL_SESSION_TTL_MS / 1000);
}

/** Sign-out: the session row is revoked (the cookie is worthless from now on, wherever it was copied) and cleared. */
export async function endPortalSession(ctx: ServerContext, req: FastifyRequest, reply: FastifyReply, principal: Principal | null): Promise<void> {
  if (principal) await revokeSession(ctx.db, principal.sessionId, 'logout', ctx.now());
  setCookie(req, reply, SESSION_COOKIE, '', 0);
}
