/**
 * One's own old data: the old account proven once (its credentials sent once, never kept; the grant kept encrypted in
 * the user's cache until it expires, never handed to the screens), then a teacher's old class spaces and one's
 * personal data, each a final answer of the ENT (which checks ownership, scope and first-wins again).
 */
import { z } from 'zod';
import { LEGACY_GRANT_HEADER, type LegacyGrant, type PersonalTransferResponse, type PersonalRecoverRequest, type TeacherClassSpacesRequest, type TeacherClassSpacesResult } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { keyedError } from '../../../src-shared/messages';
import { sectionsFor } from '../../../src-shared/domain/roles';
import type { OldDataStatus, ProvenOldAccount } from '../../../src-shared/rpc/roles';
import type { LegacyCredentials } from '../types';
import type { SchoolContext } from '../school/context';
import { currentAccount } from './view';

const GRANT_KEY = 'legacy.grant.own-data';
const storedSchema = z.object({
  grant: z.string(),
  expiresAt: z.string(),
  oldAccount: z.object({ login: z.string(), nom: z.string(), prenom: z.string() }),
  classSpaces: z.array(z.object({ classId: z.string(), label: z.string(), schoolUai: z.string() })),
});
type Stored = z.infer<typeof storedSchema>;

/** Sections that move one's own old data: a manager's « Mes données personnelles », a teacher's « Mes anciennes données ». */
async function requireOwnData(ctx: SchoolContext): Promise<{ teaches: boolean; manages: boolean }> {
  const { me } = await currentAccount(ctx);
  const { sections, teaches, manages } = sectionsFor(me);
  if (!sections.includes('personal-data') && !sections.includes('old-data')) {
    throw keyedError('forbidden', 'roles.families-portal', "Passerelle est l'outil des écoles : les familles retrouvent leurs données sur le portail de l'ENT.");
  }
  return { teaches: teaches && !manages, manages };
}

function stored(ctx: SchoolContext): Stored | null {
  const value = ctx.secrets.get(GRANT_KEY, storedSchema);
  if (!value) return null;
  const expires = Date.parse(value.expiresAt);
  return Number.isFinite(expires) && expires - 30_000 > ctx.o.now() ? value : null;
}

const proven = (s: Stored): ProvenOldAccount => ({ oldAccount: s.oldAccount, expiresAt: s.expiresAt, classSpaces: s.classSpaces });

export async function proveOldAccount(ctx: SchoolContext, legacy: LegacyCredentials): Promise<ProvenOldAccount> {
  await requireOwnData(ctx);
  const grant: LegacyGrant = await ctx.client.call('legacyVerify', { body: { login: legacy.login, password: legacy.password } });
  const value: Stored = { grant: grant.grant, expiresAt: grant.expiresAt, oldAccount: { login: grant.oldAccount.login, nom: grant.oldAccount.nom, prenom: grant.oldAccount.prenom }, classSpaces: grant.classSpaces };
  ctx.secrets.set(GRANT_KEY, value);
  return proven(value);
}

export function forgetOldAccount(ctx: SchoolContext): { forgotten: true } {
  ctx.secrets.delete(GRANT_KEY);
  return { forgotten: true };
}

function grantHeaders(s: Stored): Record<string, string> {
  return { [LEGACY_GRANT_HEADER]: s.grant };
}

const needsProof = () => keyedError('unauthorized', 'roles.needs-proof', "Indiquez d'abord les identifiants de votre compte de l'an dernier (l'autorisation a expiré ou n'a pas encore été donnée).");

/**
 * One call with the kept grant, if any. A grant dies with the session that proved it (another sign-in since) and
 * with a change of the old password: when the ENT refuses it while the session itself is fine, it is forgotten —
 * then the call goes on without it, or asks for the old credentials again when it needs one.
 */
async function withOwnGrant<T>(ctx: SchoolContext, required: boolean, send: (headers: Record<string, string> | undefined) => Promise<T>): Promise<T> {
  const s = stored(ctx);
  if (!s) {
    if (required) throw needsProof();
    return send(undefined);
  }
  try {
    return await send(grantHeaders(s));
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'unauthorized') throw err;
    // The session answers: the grant was refused.
    await ctx.client.call('me', {});
    ctx.secrets.delete(GRANT_KEY);
    if (required) throw needsProof();
    return send(undefined);
  }
}

const withHeaders = (headers: Record<string, string> | undefined) => (headers ? { headers } : {});

/** What the ENT says of one's own old data now: personal data, and for a teacher their classes and old class spaces. */
export async function oldDataStatus(ctx: SchoolContext): Promise<OldDataStatus> {
  const { teaches } = await requireOwnData(ctx);
  const personal = await withOwnGrant(ctx, false, (headers) => ctx.client.call('personalData', withHeaders(headers)));
  const classSpaces = teaches ? await withOwnGrant(ctx, false, (headers) => ctx.client.call('teacherClassSpaces', withHeaders(headers))) : null;
  const s = stored(ctx);
  return { proven: s ? proven(s) : null, personal, classSpaces };
}

export async function recoverClassSpaces(ctx: SchoolContext, request: TeacherClassSpacesRequest): Promise<TeacherClassSpacesResult> {
  const { teaches } = await requireOwnData(ctx);
  if (!teaches) throw keyedError('forbidden', 'roles.class-spaces-teachers', 'Réservé aux enseignants : les espaces de classe de l’école suivent le lot de rapprochement.');
  // Declining everything needs no proof; moving a space does.
  return withOwnGrant(ctx, request.classes.length > 0, (headers) => ctx.client.call('recoverTeacherClassSpaces', { body: request, ...withHeaders(headers) }));
}

export async function recoverPersonal(ctx: SchoolContext, request: PersonalRecoverRequest): Promise<PersonalTransferResponse> {
  await requireOwnData(ctx);
  return withOwnGrant(ctx, true, (headers) => ctx.client.call('recoverPersonalData', { body: request, ...withHeaders(headers) }));
}
