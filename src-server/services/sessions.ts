/**
 * Sessions: one row per sign-in, the family of its refresh tokens. An access token names its session, checked on
 * every request, so sign-out, a password change and a refresh token replayed after its rotation end it at once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { DB } from '../db/schema';
import { HttpError } from '../http/errors';
import type { TokenPair } from '../../src-shared/api/auth';
import { randomToken, sha256, signToken } from './crypto';

export const ACCESS_TTL_S = 15 * 60;
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export type RevokeReason = 'logout' | 'password-change' | 'refresh-reuse';

const iso = (ms: number): string => new Date(ms).toISOString();

function accessToken(ctx: ServerContext, accountId: string, sessionId: string): string {
  return signToken(ctx.keys, { typ: 'access', sub: accountId, sid: sessionId, exp: Math.floor(ctx.now() / 1000) + ACCESS_TTL_S });
}

async function newRefreshToken(db: Kysely<DB>, sessionId: string, accountId: string, expiresAt: string): Promise<string> {
  const token = randomToken();
  await db.insertInto('refresh_tokens').values({ token_hash: sha256(token), session_id: sessionId, account_id: accountId, expires_at: expiresAt, used_at: null }).execute();
  return token;
}

/** A session row of the account (the API's sign-in, or the web portal's, which carries no refresh token). */
export async function createSession(ctx: ServerContext, accountId: string, ttlMs: number = SESSION_TTL_MS): Promise<{ id: string; expiresAt: string }> {
  const now = ctx.now();
  const id = randomUUID();
  const expiresAt = iso(now + ttlMs);
  await ctx.db.insertInto('sessions').values({ id, account_id: accountId, created_at: iso(now), expires_at: expiresAt, revoked_at: null, revoked_reason: null }).execute();
  return { id, expiresAt };
}

export async function openSession(ctx: ServerContext, accountId: string): Promise<TokenPair> {
  const { id, expiresAt } = await createSession(ctx, accountId);
  const refreshToken = await newRefreshToken(ctx.db, id, accountId, expiresAt);
  return { accessToken: accessToken(ctx, accountId, id), refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TTL_S };
}

export async function revokeSession(db: Kysely<DB>, sessionId: string, reason: RevokeReason, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: iso(now), revoked_reason: reason }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Every session of the account (a password change or reset). */
export async function revokeAllSessions(db: Kysely<DB>, accountId: string, reason: RevokeReason, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: iso(now), revoked_reason: reason }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}

const expired = (): HttpError => new HttpError('unauthorized', { message: 'Votre session a pris fin : reconnectez-vous.', key: 'auth.session-ended' });

/**
 * Rotation: the token is marked used by the same statement that checks it is unused; a token presented a second
 * time (stolen and replayed, or replayed by the thief after the owner rotated it) revokes the whole session.
 */
export async function rotate(ctx: ServerContext, refreshToken: string): Promise<TokenPair> {
  const now = ctx.now();
  const hash = sha256(refreshToken);
  const row = await ctx.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  if (!row) throw expired();
  const session = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', row.session_id).executeTakeFirst();
  if (!session || session.revoked_at !== null || Date.parse(session.expires_at) <= now || Date.parse(row.expires_at) <= now) throw expired();
  const claimed = await ctx.db.updateTable('refresh_tokens').set({ used_at: iso(now) }).where('token_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    await revokeSession(ctx.db, session.id, 'refresh-reuse', now);
    throw expired();
  }
  const next = await newRefreshToken(ctx.db, session.id, session.account_id, session.expires_at);
  return { accessToken: accessToken(ctx, session.account_id, session.id), refreshToken: next, tokenType: 'Bearer', expiresIn: ACCESS_TTL_S };
}

/** Sign-out by refresh token (and by the access token's session when one is sent). */
export async function closeSession(ctx: ServerContext, refreshToken: string, accessSessionId: string | null): Promise<void> {
  const row = await ctx.db.selectFrom('refresh_tokens').select('session_id').where('token_hash', '=', sha256(refreshToken)).executeTakeFirst();
  for (const id of new Set([row?.session_id, accessSessionId])) if (id) await revokeSession(ctx.db, id, 'logout', ctx.now());
}

/** True when the session exists, belongs to the account and is neither revoked nor expired. */
export async function sessionIsLive(ctx: ServerContext, sessionId: string, accountId: string): Promise<boolean> {
  const s = await ctx.db.selectFrom('sessions').select(['account_id', 'revoked_at', 'expires_at']).where('id', '=', sessionId).executeTakeFirst();
  return !!s && s.account_id === accountId && s.revoked_at === null && Date.parse(s.expires_at) > ctx.now();
}
