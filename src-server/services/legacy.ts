/**
 * Last year's accounts: proving one (rate-limited per account and per client, constant-time, passwords never
 * logged) gives a grant; with it, the old roster of a school and how many items each space holds.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { LegacyGrant, LegacyRosterResponse } from '../../src-shared/api/legacy';
import type { AppCounts } from '../../src-shared/api/common';
import { verifyPassword } from './crypto';
import { signGrant, type Grant } from './grant';
import type { Principal } from './auth';
import { loadRoster } from './rosters';
import { appCountsBySpace, licencesByClass } from './counts';
import { requireSchool } from './roster';

/** Checks old credentials; 401 on failure, 429 while locked (5 failures → 15 minutes). */
export async function checkOldCredentials(ctx: ServerContext, req: FastifyRequest, login: string, password: string): Promise<{ id: string; login: string; nom: string; prenom: string; school_uai: string; base_eleves_director: number }> {
  const now = ctx.now();
  const acct = `acct:${login.trim().toLowerCase()}`;
  const client = `ip:${req.ip}`;
  const locked = Math.max(ctx.legacyLimiter.lockedFor(acct, now), ctx.legacyClientLimiter.lockedFor(client, now));
  if (locked > 0) {
    throw new HttpError('rate-limited', { message: `Trop d'essais avec les identifiants de l'an dernier. Réessayez dans ${Math.ceil(locked / 60000)} minute(s), ou utilisez « identifiants oubliés ».`, details: { retryAfterSeconds: Math.ceil(locked / 1000) } });
  }
  const old = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'login', 'nom', 'prenom', 'password_hash', 'school_uai', 'base_eleves_director', 'disabled'])
    .where('login', '=', login.trim())
    .where('year', '=', 'old')
    .executeTakeFirst();
  const ok = await verifyPassword(password, old && !old.disabled ? old.password_hash : null);
  if (!old || !ok) {
    ctx.legacyLimiter.fail(acct, now);
    ctx.legacyClientLimiter.fail(client, now);
    throw new HttpError('unauthorized', { message: "Identifiants de l'an dernier incorrects." });
  }
  ctx.legacyLimiter.succeed(acct);
  return old;
}

export async function verifyLegacy(ctx: ServerContext, req: FastifyRequest, p: Principal, login: string, password: string): Promise<LegacyGrant> {
  const old = await checkOldCredentials(ctx, req, login, password);
  const roles = await ctx.db.selectFrom('roles').select(['role', 'school_uai', 'class_id']).where('account_id', '=', old.id).execute();
  const schoolUais = new Set(roles.filter((r) => r.role === 'director' || r.role === 'referent').map((r) => r.school_uai));
  if (old.base_eleves_director) schoolUais.add(old.school_uai);
  const classIds = [...new Set(roles.filter((r) => r.role === 'teacher' && r.class_id).map((r) => r.class_id as string))];
  const schools = schoolUais.size ? await ctx.db.selectFrom('schools').select(['uai', 'name']).where('uai', 'in', [...schoolUais]).orderBy('uai').execute() : [];
  const classes = classIds.length ? await ctx.db.selectFrom('classes').select(['id', 'label', 'school_uai']).where('id', 'in', classIds).orderBy('id').execute() : [];
  const grant: Grant = { oldAccountId: old.id, by: p.accountId, schools: schools.map((s) => s.uai), classes: classes.map((c) => c.id) };
  const signed = signGrant(ctx, grant);
  return {
    grant: signed.token,
    expiresAt: signed.expiresAt,
    oldAccount: { id: old.id, login: old.login, nom: old.nom, prenom: old.prenom },
    schoolSpaces: schools.map((s) => ({ schoolUai: s.uai, name: s.name })),
    classSpaces: classes.map((c) => ({ classId: c.id, label: c.label, schoolUai: c.school_uai })),
    personalData: true,
  };
}

export async function legacyRoster(ctx: ServerContext, uai: string, grant: Grant): Promise<LegacyRosterResponse> {
  const school = await requireSchool(ctx, uai);
  const roster = await loadRoster(ctx.db, uai, 'old');
  const grantClasses = new Set(grant.classes);
  if (!grant.schools.includes(uai) && !roster.classes.some((c) => grantClasses.has(c.id))) {
    throw new HttpError('forbidden', { message: "L'ancien compte vérifié n'a aucun droit sur cette école l'an dernier." });
  }
  const counts = await appCountsBySpace(ctx.db, uai, 'old');
  const licences = await licencesByClass(ctx.db, uai);
  const schoolSpaceId = `sp-old-${uai}`;
  const personal = (id: string): AppCounts => counts.get(`sp-${id}`) ?? {};
  return {
    uai,
    name: school.name,
    year: 'old',
    version: String(school.old_version),
    schoolSpace: grant.schools.includes(uai) ? { spaceId: schoolSpaceId, apps: counts.get(schoolSpaceId) ?? {} } : null,
    classes: roster.classes.map((c) => ({ ...c, spaceId: `sp-${c.id}`, apps: counts.get(`sp-${c.id}`) ?? {}, licences: licences.get(c.id) ?? 0 })),
    teachers: roster.teachers,
    pupils: roster.pupils.map((p) => ({ ...p, personalData: personal(p.id) })),
  };
}
