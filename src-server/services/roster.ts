/** This year's roster (versioned), ONDE sync of one pupil (changes the version), the school's new spaces. */
import { randomUUID } from 'node:crypto';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { checkOutput } from '../http/validate';
import { rosterResponseSchema, type AddPupilRequest, type RosterResponse, type SpacesResponse } from '../../src-shared/api/roster';
import type { AppCounts } from '../../src-shared/api/common';
import { loadRoster } from './rosters';
import { addCounts, appCountsBySpace, licencesByClass } from './counts';
import { loginBase, uniqueLogin } from '../demo/logins';
import { isUniqueViolation } from '../db/connect';
import { foldCase } from '../../src-shared/domain/text';

export async function requireSchool(ctx: ServerContext, uai: string): Promise<{ uai: string; name: string; new_version: number; old_version: number }> {
  const school = await ctx.db.selectFrom('schools').selectAll().where('uai', '=', uai).executeTakeFirst();
  if (!school) throw new HttpError('not-found', { message: "Cette école n'existe pas dans l'ENT.", key: 'school.unknown' });
  return school;
}

export const etagOf = (version: string): string => `"${version}"`;

export async function newRoster(ctx: ServerContext, uai: string): Promise<RosterResponse> {
  const school = await requireSchool(ctx, uai);
  const roster = await loadRoster(ctx.db, uai, 'new');
  const pupilIds = roster.pupils.map((p) => p.id);
  const links = pupilIds.length
    ? await ctx.db
        .selectFrom('parent_links')
        .innerJoin('accounts', 'accounts.id', 'parent_links.parent_id')
        .select(['accounts.id', 'accounts.nom', 'accounts.prenom', 'parent_links.pupil_id'])
        .where('accounts.year', '=', 'new')
        .where('accounts.school_uai', '=', uai)
        .orderBy('accounts.id')
        .execute()
    : [];
  const parents = new Map<string, { id: string; nom: string; prenom: string; childIds: string[] }>();
  for (const l of links) {
    const p = parents.get(l.id) ?? { id: l.id, nom: l.nom, prenom: l.prenom, childIds: [] };
    p.childIds.push(l.pupil_id);
    parents.set(l.id, p);
  }
  return { uai, name: school.name, year: 'new', version: String(school.new_version), ...roster, parents: [...parents.values()] };
}

/** The new roster as validated JSON, built once per version and school. */
export async function newRosterJson(ctx: ServerContext, uai: string, version: string): Promise<{ version: string; json: Buffer }> {
  const cached = ctx.rosterCache.get(uai);
  if (cached && cached.version === version) return cached;
  const roster = checkOutput(rosterResponseSchema, await newRoster(ctx, uai));
  const entry = { version: roster.version, json: Buffer.from(JSON.stringify(roster), 'utf8') };
  ctx.rosterCache.set(uai, entry);
  return entry;
}

/** Records a change of this year's roster: new version, and what changed (reported by a 412). */
export async function bumpNewVersion(tx: Kysely<DB>, uai: string, description: string, now: number): Promise<void> {
  await tx.updateTable('schools').set((eb) => ({ new_version: eb('new_version', '+', 1) })).where('uai', '=', uai).execute();
  const s = await tx.selectFrom('schools').select('new_version').where('uai', '=', uai).executeTakeFirstOrThrow();
  await tx.insertInto('roster_changes').values({ id: randomUUID(), school_uai: uai, year: 'new', version: s.new_version, description, created_at: new Date(now).toISOString() }).execute();
}

/** The identity ONDE sends for a pupil within a school: names (case, accents, separators ignored) and birth date. */
export function ondeKey(r: Pick<AddPupilRequest, 'nom' | 'prenom' | 'dateNaissance'>): string {
  const f = (t: string) => foldCase(t).replace(/[^a-z0-9]+/g, ' ').trim();
  return `${f(r.nom)}|${f(r.prenom)}|${r.dateNaissance}`;
}

/**
 * ONDE sync of one new pupil, idempotent: the identity row is written first in the transaction, so the same pupil
 * sent again (or ten times at once) is created once; the roster version goes up and the change is recorded (what
 * a 412 reports). Two different pupils with the same name racing for one login retry with the next free one.
 */
export async function addPupil(ctx: ServerContext, uai: string, r: AddPupilRequest): Promise<RosterResponse> {
  await requireSchool(ctx, uai);
  const cls = await ctx.db.selectFrom('classes').select(['id', 'label']).where('id', '=', r.classId).where('school_uai', '=', uai).where('year', '=', 'new').executeTakeFirst();
  if (!cls) throw new HttpError('validation', { problems: [{ path: 'classId', message: "cette classe n'existe pas dans l'école cette année" }] });
  const key = ondeKey(r);
  for (let attempt = 0; ; attempt++) {
    const known = await ctx.db.selectFrom('onde_pupils').select('account_id').where('school_uai', '=', uai).where('onde_key', '=', key).executeTakeFirst();
    if (known) return newRoster(ctx, uai);
    const id = `n-${uai}-x${randomUUID().slice(0, 8)}`;
    try {
      await ctx.db.transaction().execute(async (tx) => {
        await tx.insertInto('onde_pupils').values({ school_uai: uai, onde_key: key, account_id: id }).execute();
        const base = loginBase(r.prenom, r.nom);
        const taken = new Set((await tx.selectFrom('accounts').select('login').where('login', 'like', `${base}%`).execute()).map((a) => a.login));
        await tx.insertInto('accounts').values({
          id, year: 'new', login: uniqueLogin(base, taken), password_hash: null, email: null, nom: r.nom, prenom: r.prenom, date_naissance: r.dateNaissance,
          sexe: r.sexe, niveau: r.niveau, class_id: r.classId, school_uai: uai, base_eleves_director: 0, chosen_class_id: null, disabled: 0, merged_into: null, personal_decision: null,
        }).execute();
        await tx.insertInto('roles').values({ account_id: id, role: 'pupil', school_uai: uai, class_id: r.classId }).execute();
        await tx.insertInto('spaces').values({ id: `sp-${id}`, year: 'new', school_uai: uai, kind: 'personal', class_id: null, owner_id: id }).execute();
        await bumpNewVersion(tx, uai, `Élève ajouté par ONDE : ${r.prenom} ${r.nom.toUpperCase()} (${r.niveau}, ${cls.label})`, ctx.now());
      });
      return newRoster(ctx, uai);
    } catch (err) {
      // The same pupil committed by a concurrent sync (identity row), or a login taken meanwhile: read again.
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

export async function newSpaces(ctx: ServerContext, uai: string): Promise<SpacesResponse> {
  await requireSchool(ctx, uai);
  const counts = await appCountsBySpace(ctx.db, uai, 'new');
  const licences = await licencesByClass(ctx.db, uai);
  const spaces = await ctx.db
    .selectFrom('spaces')
    .leftJoin('classes', 'classes.id', 'spaces.class_id')
    .select(['spaces.id', 'spaces.kind', 'spaces.class_id', 'spaces.owner_id', 'classes.label'])
    .where('spaces.school_uai', '=', uai)
    .where('spaces.year', '=', 'new')
    .orderBy('spaces.id')
    .execute();
  const pupilSpaces = await ctx.db
    .selectFrom('spaces')
    .innerJoin('roles', 'roles.account_id', 'spaces.owner_id')
    .select('spaces.id')
    .where('spaces.school_uai', '=', uai)
    .where('spaces.year', '=', 'new')
    .where('roles.role', '=', 'pupil')
    .execute();
  const pupilPersonalData: AppCounts = {};
  for (const s of pupilSpaces) addCounts(pupilPersonalData, counts.get(s.id));
  return {
    uai,
    spaces: spaces
      .filter((s) => s.kind === 'school' || s.kind === 'class')
      .map((s) => ({
        id: s.id,
        kind: s.kind === 'school' ? ('school' as const) : ('class' as const),
        classId: s.class_id,
        label: s.kind === 'school' ? "Espace de l'école" : (s.label ?? ''),
        apps: counts.get(s.id) ?? {},
        licences: s.class_id ? (licences.get(s.class_id) ?? 0) : 0,
      })),
    pupilPersonalData,
  };
}
