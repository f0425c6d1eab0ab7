/** The legacy grant: a signed token naming the old account, who proved it, and which old spaces it opens. */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { LEGACY_GRANT_HEADER } from '../../src-shared/api/legacy';
import { signToken, verifyToken } from './crypto';
import type { Principal } from './auth';

export const GRANT_TTL_S = 2 * 3600;

export interface Grant { oldAccountId: string; by: string; schools: string[]; classes: string[] }

export function signGrant(ctx: ServerContext, g: Grant): { token: string; expiresAt: string } {
  const exp = Math.floor(ctx.now() / 1000) + GRANT_TTL_S;
  return { token: signToken(ctx.secret, { typ: 'grant', sub: g.oldAccountId, exp, by: g.by, schools: g.schools, classes: g.classes }), expiresAt: new Date(exp * 1000).toISOString() };
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The grant sent with the request, if any; a forged, expired or someone else's grant → 401. */
export function readGrant(ctx: ServerContext, req: FastifyRequest, p: Principal): Grant | null {
  const raw = req.headers[LEGACY_GRANT_HEADER];
  if (raw === undefined) return null;
  const payload = typeof raw === 'string' ? verifyToken(ctx.secret, raw.trim(), 'grant', ctx.now()) : null;
  if (!payload || payload.by !== p.accountId) {
    throw new HttpError('unauthorized', { message: "L'autorisation de l'ancien compte est expirée ou invalide : saisissez de nouveau vos identifiants de l'an dernier." });
  }
  return { oldAccountId: payload.sub, by: p.accountId, schools: stringList(payload.schools), classes: stringList(payload.classes) };
}
