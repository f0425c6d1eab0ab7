/** Sign-in, refresh, sign-out; the principal of a request (Bearer access token) and its roles. */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import type { Year } from '../db/schema';
import { HttpError } from '../http/errors';
import type { MeResponse, TokenPair } from '../../src-shared/api/auth';
import type { Role } from '../../src-shared/api/common';
import { randomToken, sha256, signToken, verifyPassword, verifyToken } from './crypto';

export const ACCESS_TTL_S = 15 * 60;
const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

export interface Principal {
  accountId: string;
  year: Year;
  roles: Array<{ role: Role; schoolUai: string; classId: string | null }>;
}

function bad(): HttpError {
  return new HttpError('unauthorized', { message: 'Identifiant ou mot de passe incorrect.' });
}

function clientKey(req: FastifyRequest): string {
  return req.ip || 'unknown';
}

export async function login(ctx: ServerContext, req: FastifyRequest, loginName: string, password: string): Promise<TokenPair> {
  const now = ctx.now();
  const keys = [`login:${loginName.toLowerCase()}`, `ip:${clientKey(req)}`];
  const locked = Math.max(...keys.map((k) => ctx.loginLimiter.lockedFor(k, now)));
  if (locked > 0) throw new HttpError('rate-limited', { details: { retryAfterSeconds: Math.ceil(locked / 1000) } });
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'disabled'])
    .where('login', '=', loginName)
    .where('year', '=', 'new')
    .executeTakeFirst();
  const ok = await verifyPassword(password, account && !account.disabled ? account.password_hash : null);
  if (!account || !ok) {
    for (const k of keys) ctx.loginLimiter.fail(k, now);
    throw bad();
  }
  ctx.loginLimiter.succeed(keys[0] ?? '');
  return issueTokens(ctx, account.id);
}

async function issueTokens(ctx: ServerContext, accountId: string): Promise<TokenPair> {
  const now = ctx.now();
  const accessToken = signToken(ctx.secret, { typ: 'access', sub: accountId, exp: Math.floor(now / 1000) + ACCESS_TTL_S });
  const refreshToken = randomToken();
  await ctx.db
    .insertInto('refresh_tokens')
    .values({ token_hash: sha256(refreshToken), account_id: accountId, expires_at: new Date(now + REFRESH_TTL_MS).toISOString(), revoked: 0 })
    .execute();
  return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TTL_S };
}

/** Rotates the refresh token: the old one is revoked in the same update that checks it (no double use). */
export async function refresh(ctx: ServerContext, refreshToken: string): Promise<TokenPair> {
  const hash = sha256(refreshToken);
  const row = await ctx.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!row || row.revoked || Date.parse(row.expires_at) <= ctx.now()) throw new HttpError('unauthorized');
  const res = await ctx.db.updateTable('refresh_tokens').set({ revoked: 1 }).where('token_hash', '=', hash).where('revoked', '=', 0).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new HttpError('unauthorized');
  return issueTokens(ctx, row.account_id);
}

export async function logout(ctx: ServerContext, refreshToken: string): Promise<void> {
  await ctx.db.updateTable('refresh_tokens').set({ revoked: 1 }).where('token_hash', '=', sha256(refreshToken)).execute();
}

export async function authenticate(ctx: ServerContext, req: FastifyRequest): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) throw new HttpError('unauthorized', { message: 'Connectez-vous : cette opération demande un compte ENT.' });
  const payload = verifyToken(ctx.secret, header.slice(7).trim(), 'access', ctx.now());
  if (!payload) throw new HttpError('unauthorized');
  const account = await ctx.db.selectFrom('accounts').select(['id', 'year', 'disabled']).where('id', '=', payload.sub).executeTakeFirst();
  if (!account || account.disabled) throw new HttpError('unauthorized');
  const roles = await ctx.db.selectFrom('roles').select(['role', 'school_uai', 'class_id']).where('account_id', '=', account.id).execute();
  return { accountId: account.id, year: account.year, roles: roles.map((r) => ({ role: r.role as Role, schoolUai: r.school_uai, classId: r.class_id })) };
}

/** Director of the school, or referent with the school in their scope: returns the acting role, else 403. */
export function requireSchoolManager(p: Principal, uai: string): 'director' | 'referent' {
  if (p.roles.some((r) => r.role === 'director' && r.schoolUai === uai)) return 'director';
  if (p.roles.some((r) => r.role === 'referent' && r.schoolUai === uai)) return 'referent';
  throw new HttpError('forbidden');
}

export function hasRole(p: Principal, role: Role): boolean {
  return p.roles.some((r) => r.role === role);
}

export async function me(ctx: ServerContext, p: Principal): Promise<MeResponse> {
  const a = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', p.accountId).executeTakeFirstOrThrow();
  const uais = [...new Set(p.roles.map((r) => r.schoolUai))];
  const schools = uais.length ? await ctx.db.selectFrom('schools').select(['uai', 'name']).where('uai', 'in', uais).orderBy('uai').execute() : [];
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
