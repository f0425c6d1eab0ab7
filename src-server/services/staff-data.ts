/**
 * A school adult's own personal data (messages, media library, profile), with the grant of their own old account:
 * the grant proves the old account (its old password, in this session, by this new account), so the apps chosen
 * move from it into the caller's account — once: each old account goes to one new account and each new account
 * receives one (the claim and the final decision are written first in the moving transaction, see
 * personal-data.ts). Directors, referents and teachers of this year only; parents have their own rule.
 */
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import type { PersonalApp } from '../../src-shared/api/common';
import { PERSONAL_APPS } from '../../src-shared/api/common';
import type { PersonalTransferResponse } from '../../src-shared/api/parents';
import type { PersonalDataResponse } from '../../src-shared/api/staff';
import { requireAnyRole, type Principal } from './auth';
import type { Grant } from './grant';
import { claimAndMove } from './personal-data';

const STAFF = ['director', 'referent', 'teacher'] as const;
const staffOnly = (p: Principal): void => {
  try {
    requireAnyRole(p, STAFF, '');
  } catch {
    throw new HttpError('forbidden', { message: "Cette étape est réservée à la direction, aux référents ENT et aux enseignants de cette année : les familles retrouvent leurs données sur le portail de l'ENT.", key: 'personal.staff-only' });
  }
};

/** What a move without the grant of one's old account gets: 403, nothing moved. */
export const needsProof = (what: 'personal' | 'classes'): HttpError =>
  what === 'personal'
    ? new HttpError('forbidden', { message: "Récupérer vos données personnelles demande de prouver d'abord votre ancien compte (vos identifiants de l'an dernier) : rien n'a bougé.", key: 'personal.needs-proof' })
    : new HttpError('forbidden', { message: "Récupérer les espaces de vos anciennes classes demande de prouver d'abord votre ancien compte (vos identifiants de l'an dernier) : rien n'a bougé.", key: 'classes.needs-proof' });

const isPersonalApp = (a: string): a is PersonalApp => (PERSONAL_APPS as readonly string[]).includes(a);

/** Personal items per app of one account. */
export async function personalCounts(ctx: ServerContext, accountId: string): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('items')
    .innerJoin('spaces', 'spaces.id', 'items.space_id')
    .select(['items.app', (eb) => eb.fn.countAll<number>().as('n')])
    .where('spaces.kind', '=', 'personal')
    .where('spaces.owner_id', '=', accountId)
    .groupBy('items.app')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.app, Number(r.n)]));
}

/** What the caller holds, what their proven old account still holds, and the claim already made (if any). */
export async function personalDataView(ctx: ServerContext, p: Principal, grant: Grant | null): Promise<PersonalDataResponse> {
  staffOnly(p);
  const claim = await ctx.db
    .selectFrom('personal_claims')
    .innerJoin('accounts', 'accounts.id', 'personal_claims.old_account_id')
    .select(['accounts.login', 'personal_claims.apps', 'personal_claims.created_at'])
    .where('personal_claims.new_account_id', '=', p.accountId)
    .executeTakeFirst();
  let old: PersonalDataResponse['old'] = null;
  if (grant) {
    const account = await ctx.db.selectFrom('accounts').select(['login', 'nom', 'prenom']).where('id', '=', grant.oldAccountId).executeTakeFirstOrThrow();
    const taken = await ctx.db.selectFrom('personal_claims').select('new_account_id').where('old_account_id', '=', grant.oldAccountId).executeTakeFirst();
    old = { ...account, apps: await personalCounts(ctx, grant.oldAccountId), taken: taken !== undefined && taken.new_account_id !== p.accountId };
  }
  return {
    mine: await personalCounts(ctx, p.accountId),
    old,
    claim: claim ? { oldLogin: claim.login, apps: claim.apps === null ? null : claim.apps.split(',').filter(isPersonalApp), at: claim.created_at } : null,
  };
}

/** Moves the chosen apps of the proven old account into the caller's account (final). */
export async function recoverPersonalData(ctx: ServerContext, p: Principal, grant: Grant | null, apps: readonly PersonalApp[]): Promise<PersonalTransferResponse> {
  staffOnly(p);
  if (!grant) throw needsProof('personal');
  const unique = [...new Set(apps)];
  if (unique.length !== apps.length) throw new HttpError('validation', { problems: [{ path: 'apps', message: 'application en double' }] });
  return { decision: 'linked', moved: await claimAndMove(ctx, grant.oldAccountId, p.accountId, 'password', 'linked', unique) };
}
