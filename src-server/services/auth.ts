/** Sign-in, refresh, sign-out; the principal of a request (Bearer access token of a live session) and its roles. */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import type { Year } from '../db/schema';
import { HttpError } from '../http/errors';
import type { MeResponse, TokenPair } from '../../src-shared/api/auth';
import type { Role } from '../../src-shared/api/common';
import { verifyPassword, verifyToken } from './crypto';
import { attempt, limitKey, type Check } from './limits';
import { closeSession, openSession, rotate, sessionIsLive } from './sessions';

export { ACCESS_TTL_S } from './sessions';

export interface Principal {
  accountId: string;
  sessionId: string;
  year: Year;
  roles: Array<{ role: Role; schoolUai: string; classId: string | null }>;
}

function bad(): HttpError {
  return new HttpError('unauthorized', { message: 'Identifiant ou mot de passe incorrect.', key: 'auth.wrong-credentials' });
}

/** The client's address (the load balancer's forwarded address when `trustProxy` is configured). */
export function clientOf(req: FastifyRequest): string {
  return req.ip || 'unknown';
}

/**
 * Sign-in. Attempts count per (login, client), per login from clients that never succeeded for it, and per
 * client, before the password is checked; a success gives them back, resets the (login, client) count and marks
 * the client as known for this login.
 */
export async function login(ctx: ServerContext, req: FastifyRequest, loginName: string, password: string): Promise<TokenPair> {
  return openSession(ctx, await checkLogin(ctx, req, loginName, password));
}

/** The password check of a sign-in (the API's and the web portal's), with its rate limits: the account's id, or 401/429. */
export async function checkLogin(ctx: ServerContext, req: FastifyRequest, loginName: string, password: string): Promise<string> {
  const account = loginName.trim().toLowerCase();
  const client = clientOf(req);
  const pairKey = limitKey(account, client);
  const known = await ctx.limits.isKnown('login', account, client);
  const checks: Check[] = [[ctx.limits.counter('loginPair'), pairKey], [ctx.limits.counter('loginClient'), limitKey(client)]];
  // The per-account throttle holds back only PCs this account never succeeded from.
  if (!known) checks.push([ctx.limits.counter('loginAccount'), limitKey(account)]);
  const succeeded = await attempt(checks, (m) => `Trop d'essais de connexion depuis ce poste. Réessayez dans ${m} minute${m > 1 ? 's' : ''}, ou utilisez « Activer mon compte » pour recevoir un code.`);
  const row = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'disabled'])
    .where('login', '=', loginName.trim())
    .where('year', '=', 'new')
    .executeTakeFirst();
  const ok = await verifyPassword(password, row && !row.disabled ? row.password_hash : null);
  if (!row || !ok) throw bad();
  await succeeded();
  await Promise.all([ctx.limits.counter('loginPair').reset(pairKey), ctx.limits.remember('login', account, client)]);
  return row.id;
}

export function refresh(ctx: ServerContext, refreshToken: string): Promise<TokenPair> {
  return rotate(ctx, refreshToken);
}

/** Ends the refresh token's session, and the access token's one when a valid bearer token comes with the request. */
export async function logout(ctx: ServerContext, req: FastifyRequest, refreshToken: string): Promise<void> {
  const payload = bearerPayload(ctx, req);
  await closeSession(ctx, refreshToken, payload && typeof payload.sid === 'string' ? payload.sid : null);
}

function bearerPayload(ctx: ServerContext, req: FastifyRequest): ReturnType<typeof verifyToken> {
  const header = req.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) return null;
  return verifyToken(ctx.keys, header.slice(7).trim(), 'access', ctx.now());
}

export async function authenticate(ctx: ServerContext, req: FastifyRequest): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) throw new HttpError('unauthorized', { message: 'Connectez-vous : cette opération demande un compte ENT.', key: 'auth.required' });
  const payload = bearerPayload(ctx, req);
  const sid = payload && typeof payload.sid === 'string' ? payload.sid : null;
  if (!payload || !sid || !(await sessionIsLive(ctx, sid, payload.sub))) throw new HttpError('unauthorized');
  return principalOf(ctx, payload.sub, sid);
}

/** The principal of a live session (checked by the caller): its account, unless disabled, and its roles. */
export async function principalOf(ctx: ServerContext, accountId: string, sessionId: string): Promise<Principal> {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'year', 'disabled']).where('id', '=', accountId).executeTakeFirst();
  if (!account || account.disabled) throw new HttpError('unauthorized');
  const roles = await ctx.db.selectFrom('roles').select(['role', 'school_uai', 'class_id']).where('account_id', '=', account.id).execute();
  return { accountId: account.id, sessionId, year: account.year, roles: roles.map((r) => ({ role: r.role as Role, schoolUai: r.school_uai, classId: r.class_id })) };
}

/** Director of the school, or referent with the school in their scope: returns the acting role, else 403. */
export function requireSchoolManager(p: Principal, uai: string): 'director' | 'referent' {
  if (p.roles.some((r) => r.role === 'director' && r.schoolUai === uai)) return 'director';
  if (p.roles.some((r) => r.role === 'referent' && r.schoolUai === uai)) return 'referent';
  throw new HttpError('forbidden');
}

/** A manager of the school, or one of its teachers this year (who may read what their own grant covers). */
export function requireSchoolStaff(p: Principal, uai: string): void {
  if (p.year === 'new' && p.roles.some((r) => r.schoolUai === uai && (r.role === 'director' || r.role === 'referent' || r.role === 'teacher'))) return;
  throw new HttpError('forbidden');
}

export function hasRole(p: Principal, role: Role): boolean {
  return p.roles.some((r) => r.role === role);
}

/** This year's parent or teacher account (their own steps); returns the school of that role. */
export function requireRole(p: Principal, role: 'parent' | 'teacher'): string {
  const r = p.roles.find((x) => x.role === role);
  if (!r || p.year !== 'new') throw new HttpError('forbidden', { message: role === 'parent' ? 'Réservé aux comptes parents de cette année.' : 'Réservé aux comptes enseignants de cette année.', key: role === 'parent' ? 'auth.parents-only' : 'auth.teachers-only' });
  return r.schoolUai;
}

/** A principal of this year with one of the roles (anywhere), else 403 with the given French reason. */
export function requireAnyRole(p: Principal, roles: readonly Role[], message: string): void {
  if (p.year !== 'new' || !p.roles.some((r) => roles.includes(r.role))) throw new HttpError('forbidden', { message });
}

export async function me(ctx: ServerContext, p: Principal): Promise<MeResponse> {
  const a = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', p.accountId).executeTakeFirstOrThrow();
  const uais = [...new Set(p.roles.map((r) => r.schoolUai))];
  const schools = uais.length ? await ctx.db.selectFrom('schools').select(['uai', 'name', 'commune']).where('uai', 'in', uais).orderBy('uai').execute() : [];
  const classIds = [...new Set([...p.roles.map((r) => r.classId), a.class_id].filter((c): c is string => c !== null))];
  const classes = classIds.length
    ? await ctx.db.selectFrom('classes').select(['id', 'label', 'school_uai']).where('id', 'in', classIds).orderBy('position').execute()
    : [];
  const isTeacher = p.roles.some((r) => r.role === 'teacher');
  return {
    id: a.id,
    login: a.login,
    nom: a.nom,
    prenom: a.prenom,
    email: a.email,
    year: a.year,
    roles: p.roles,
    schools,
    classes: classes.map((c) => ({ id: c.id, label: c.label, schoolUai: c.school_uai })),
    mustChooseClass: isTeacher && a.chosen_class_id === null,
  };
}
