/**
 * The account's sections after sign-in (the shared rule book `src-shared/domain/roles.ts`), from `GET /v1/me` —
 * the last account seen online when the ENT does not answer, so the app opens on the right screens offline too.
 */
import { portalSignInUrl } from '../../../src-shared/portal';
import type { MeResponse } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { keyedError } from '../../../src-shared/messages';
import { sectionsFor } from '../../../src-shared/domain/roles';
import type { RoleView } from '../../../src-shared/rpc/roles';
import type { SchoolContext } from '../school/context';

/** The account from the ENT (remembered for offline use), or the last known one with `offline` when it does not answer. */
export async function currentAccount(ctx: SchoolContext): Promise<{ me: MeResponse; offline: boolean }> {
  try {
    const me = await ctx.client.call('me', {});
    ctx.rememberAccount(me);
    return { me, offline: false };
  } catch (err) {
    const known = err instanceof AppError && err.code === 'offline' ? ctx.rememberedAccount() : null;
    if (!known) throw err;
    return { me: known, offline: true };
  }
}

/** The ENT's web portal: at the root of the server's address (where parents and pupils sign in). */
/** Where families and pupils sign in: the ENT portal's sign-in page (what the letters print too). */
export function portalUrlOf(serverUrl: string): string {
  return portalSignInUrl(new URL('/', serverUrl).toString());
}

export function viewOf(me: MeResponse, offline: boolean, serverUrl: string): RoleView {
  const { sections, home, manages, teaches } = sectionsFor(me);
  const taught = new Set(me.roles.filter((r) => r.role === 'teacher' && r.classId !== null).map((r) => r.classId));
  return {
    sections,
    home,
    manages,
    teaches,
    mustChooseClass: teaches && me.mustChooseClass,
    classes: me.classes.filter((c) => taught.has(c.id)),
    schools: me.schools,
    portalUrl: portalUrlOf(serverUrl),
    offline,
  };
}

export async function roleView(ctx: SchoolContext, serverUrl: string): Promise<RoleView> {
  const { me, offline } = await currentAccount(ctx);
  return viewOf(me, offline, serverUrl);
}

/** Refuses « Ma classe » to an account that does not teach (the screens never offer it). */
export function requireTeacher(me: MeResponse): void {
  if (sectionsFor(me).sections.includes('my-class')) return;
  throw keyedError('forbidden', 'roles.teachers-only', 'Le choix de la classe est réservé aux enseignants (et aux directeurs qui enseignent).');
}
