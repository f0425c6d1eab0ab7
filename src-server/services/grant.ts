/**
 * The legacy grant: a signed token naming the old account, the new account and session that proved it, and
 * what it opens. A director's, referent's or Base élèves director's grant covers their old schools (every class
 * space and pupil of them); a teacher's grant covers the classes they taught and those classes' pupils only.
 * It dies with the session that proved it and with any change of the old account's password.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { LEGACY_GRANT_HEADER } from '../../src-shared/api/legacy';
import { signToken, verifyToken } from './crypto';
import type { Principal } from './auth';

/** A working day: the director matches offline and sends later, within the session that proved the account. */
export const GRANT_TTL_S = 8 * 3600;

export interface Grant {
  oldAccountId: string;
  /** New account and session that proved it. */
  by: string;
  sid: string;
  /** The old account's security version when proven. */
  ov: number;
  schools: string[];
  classes: string[];
}

export function signGrant(ctx: ServerContext, g: Grant): { token: string; expiresAt: string } {
  const exp = Math.floor(ctx.now() / 1000) + GRANT_TTL_S;
  const token = signToken(ctx.keys, { typ: 'grant', sub: g.oldAccountId, exp, by: g.by, sid: g.sid, ov: g.ov, schools: g.schools, classes: g.classes });
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const invalid = (): HttpError =>
  new HttpError('unauthorized', { message: "L'autorisation de l'ancien compte est expirée ou invalide : saisissez de nouveau vos identifiants de l'an dernier.", key: 'legacy.grant-expired' });

/** The grant sent with the request, if any; a forged, expired, someone else's or outdated grant → 401. */
export async function readGrant(ctx: ServerContext, req: FastifyRequest, p: Principal): Promise<Grant | null> {
  const raw = req.headers[LEGACY_GRANT_HEADER];
  if (raw === undefined) return null;
  const payload = typeof raw === 'string' ? verifyToken(ctx.keys, raw.trim(), 'grant', ctx.now()) : null;
  if (!payload || payload.by !== p.accountId || payload.sid !== p.sessionId || typeof payload.ov !== 'number') throw invalid();
  const old = await ctx.db.selectFrom('accounts').select(['security_version', 'disabled']).where('id', '=', payload.sub).where('year', '=', 'old').executeTakeFirst();
  if (!old || old.disabled || old.security_version !== payload.ov) throw invalid();
  return { oldAccountId: payload.sub, by: p.accountId, sid: p.sessionId, ov: payload.ov, schools: stringList(payload.schools), classes: stringList(payload.classes) };
}

/** What a grant opens in one school of last year: the whole school, or some of its classes. */
export interface GrantScope { wholeSchool: boolean; classIds: ReadonlySet<string> }

export function scopeOf(grant: Grant | null, uai: string, oldClassIdsOfSchool: Iterable<string>): GrantScope {
  if (!grant) return { wholeSchool: false, classIds: new Set() };
  if (grant.schools.includes(uai)) return { wholeSchool: true, classIds: new Set(oldClassIdsOfSchool) };
  const mine = new Set(grant.classes);
  return { wholeSchool: false, classIds: new Set([...oldClassIdsOfSchool].filter((id) => mine.has(id))) };
}

export const coversAnything = (s: GrantScope): boolean => s.wholeSchool || s.classIds.size > 0;
