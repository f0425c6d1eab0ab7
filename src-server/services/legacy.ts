/**
 * Last year's accounts: proving one (rate-limited, constant-time, passwords never logged) gives a grant; with it,
 * the old roster of a school — the whole school for a grant that covers it, a teacher's own classes otherwise —
 * and how many items each space holds.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { LegacyGrant, LegacyRosterResponse } from '../../src-shared/api/legacy';
import type { AppCounts } from '../../src-shared/api/common';
import { verifyPassword } from './crypto';
import { coversAnything, scopeOf, signGrant, type Grant } from './grant';
import { clientOf, requireAnyRole, type Principal } from './auth';
import { attempt, limitKey, type Check } from './limits';
import { loadRoster } from './rosters';
import { appCountsBySpace, licencesByClass } from './counts';
import { requireSchool } from './roster';

export interface OldAccount { id: string; login: string; nom: string; prenom: string; email: string | null; school_uai: string; base_eleves_director: number; security_version: number }

/**
 * Checks old credentials for the signed-in caller. Attempts count (before the check) per (old login, caller,
 * client), per caller, per client, and per old login from callers that never proved it (a stranger's guesses never
 * lock its owner out); a success gives them back. 401 on failure, 429 with Retry-After over a limit.
 */
export async function checkOldCredentials(ctx: ServerContext, req: FastifyRequest, p: Principal, login: string, password: string): Promise<OldAccount> {
  const oldLogin = login.trim().toLowerCase();
  const client = clientOf(req);
  const { limits } = ctx;
  const pairKey = limitKey(oldLogin, p.accountId, client);
  const known = await limits.isKnown('legacy', oldLogin, p.accountId);
  const checks: Check[] = [
    [limits.counter('legacyPair'), pairKey],
    [limits.counter('legacyCaller'), limitKey(p.accountId)],
    [limits.counter('legacyClient'), limitKey(client)],
  ];
  if (!known) checks.push([limits.counter('legacyAccount'), limitKey(oldLogin)]);
  const succeeded = await attempt(checks, (m) => `Trop d'essais avec les identifiants de l'an dernier. Réessayez dans ${m} minute${m > 1 ? 's' : ''}, ou utilisez « Je ne connais plus mes anciennes informations ».`);
  const old = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'login', 'nom', 'prenom', 'email', 'password_hash', 'school_uai', 'base_eleves_director', 'disabled', 'security_version'])
    .where('login', '=', login.trim())
    .where('year', '=', 'old')
    .executeTakeFirst();
  const ok = await verifyPassword(password, old && !old.disabled ? old.password_hash : null);
  if (!old || !ok) throw new HttpError('unauthorized', { message: "Identifiants de l'an dernier incorrects.", key: 'legacy.wrong-credentials' });
  await succeeded();
  await Promise.all([limits.counter('legacyPair').reset(pairKey), limits.remember('legacy', oldLogin, p.accountId)]);
  return old;
}

/** Roles of an old account, and whether it was an adult of the school staff (teacher, director, referent). */
export async function oldRoles(ctx: ServerContext, old: Pick<OldAccount, 'id' | 'base_eleves_director'>): Promise<{ rows: Array<{ role: string; school_uai: string; class_id: string | null }>; staff: boolean }> {
  const rows = await ctx.db.selectFrom('roles').select(['role', 'school_uai', 'class_id']).where('account_id', '=', old.id).execute();
  const staff = old.base_eleves_director === 1 || rows.some((r) => r.role === 'teacher' || r.role === 'director' || r.role === 'referent');
  return { rows, staff };
}

export async function verifyLegacy(ctx: ServerContext, req: FastifyRequest, p: Principal, login: string, password: string): Promise<LegacyGrant> {
  requireAnyRole(p, ['director', 'referent', 'teacher'], "La vérification d'un ancien compte est réservée à la direction, aux référents ENT et aux enseignants.");
  const old = await checkOldCredentials(ctx, req, p, login, password);
  const { rows: roles, staff } = await oldRoles(ctx, old);
  if (!staff) {
    throw new HttpError('forbidden', { message: "Cet ancien compte n'était pas celui d'un enseignant ou d'une direction : il ne donne accès à aucune donnée d'école.", key: 'legacy.not-staff' });
  }
  const schoolUais = new Set(roles.filter((r) => r.role === 'director' || r.role === 'referent').map((r) => r.school_uai));
  if (old.base_eleves_director) schoolUais.add(old.school_uai);
  const classIds = [...new Set(roles.filter((r) => r.role === 'teacher' && r.class_id).map((r) => r.class_id as string))];
  const schools = schoolUais.size ? await ctx.db.selectFrom('schools').select(['uai', 'name']).where('uai', 'in', [...schoolUais]).orderBy('uai').execute() : [];
  const classes = classIds.length ? await ctx.db.selectFrom('classes').select(['id', 'label', 'school_uai']).where('id', 'in', classIds).orderBy('id').execute() : [];
  const grant: Grant = { oldAccountId: old.id, by: p.accountId, sid: p.sessionId, ov: old.security_version, schools: schools.map((s) => s.uai), classes: classes.map((c) => c.id) };
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

/** The old roster as far as the grant reaches: every class and pupil of a covered school, else the grant's classes. */
export async function legacyRoster(ctx: ServerContext, uai: string, grant: Grant): Promise<LegacyRosterResponse> {
  const school = await requireSchool(ctx, uai);
  const roster = await loadRoster(ctx.db, uai, 'old');
  const scope = scopeOf(grant, uai, roster.classes.map((c) => c.id));
  if (!coversAnything(scope)) throw new HttpError('forbidden', { message: "L'ancien compte vérifié n'a aucun droit sur cette école l'an dernier.", key: 'legacy.no-right' });
  const classes = roster.classes.filter((c) => scope.classIds.has(c.id));
  const teacherIds = new Set(classes.flatMap((c) => c.teacherIds));
  const counts = await appCountsBySpace(ctx.db, uai, 'old');
  const licences = await licencesByClass(ctx.db, uai);
  const schoolSpaceId = `sp-old-${uai}`;
  const personal = (id: string): AppCounts => counts.get(`sp-${id}`) ?? {};
  // Class spaces a teacher already took into their own class: the school's batch no longer moves them.
  const taken = classes.length
    ? await ctx.db
        .selectFrom('class_space_claims')
        .leftJoin('classes', 'classes.id', 'class_space_claims.new_class_id')
        .select(['class_space_claims.old_class_id', 'class_space_claims.new_class_id', 'class_space_claims.created_at', 'classes.label'])
        .where('class_space_claims.kind', '=', 'teacher')
        .where('class_space_claims.old_class_id', 'in', classes.map((c) => c.id))
        .execute()
    : [];
  const takenBy = new Map(taken.map((t) => [t.old_class_id, { newClassId: t.new_class_id, newClassLabel: t.label ?? '', at: t.created_at }]));
  return {
    uai,
    name: school.name,
    year: 'old',
    version: String(school.old_version),
    schoolSpace: scope.wholeSchool ? { spaceId: schoolSpaceId, apps: counts.get(schoolSpaceId) ?? {} } : null,
    classes: classes.map((c) => ({ ...c, spaceId: `sp-${c.id}`, apps: counts.get(`sp-${c.id}`) ?? {}, licences: licences.get(c.id) ?? 0, takenByTeacher: takenBy.get(c.id) ?? null })),
    teachers: scope.wholeSchool ? roster.teachers : roster.teachers.filter((t) => teacherIds.has(t.id)),
    pupils: roster.pupils.filter((p) => scope.wholeSchool || (p.classId !== null && scope.classIds.has(p.classId))).map((p) => ({ ...p, personalData: personal(p.id) })),
  };
}
