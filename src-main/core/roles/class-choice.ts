/** « Ma classe »: the school's classes with their first pupils (`GET /v1/teachers/me/class-choices`), then the choice. */
import type { ClassChoicesResponse, ChooseClassResponse } from '../../../src-shared/api';
import type { RoleView } from '../../../src-shared/rpc/roles';
import type { SchoolContext } from '../school/context';
import { currentAccount, requireTeacher, viewOf } from './view';

export async function classChoices(ctx: SchoolContext): Promise<ClassChoicesResponse & { current: string[] }> {
  const { me } = await currentAccount(ctx);
  requireTeacher(me);
  const choices = await ctx.client.call('classChoices', {});
  const current = me.roles.filter((r) => r.role === 'teacher' && r.classId !== null).map((r) => r.classId as string);
  return { ...choices, current: [...new Set(current)] };
}

/** Chooses the class, then reads the account again (its classes and whether a choice is still due). */
export async function chooseClass(ctx: SchoolContext, classId: string, serverUrl: string): Promise<{ chosen: ChooseClassResponse; view: RoleView }> {
  const { me } = await currentAccount(ctx);
  requireTeacher(me);
  const chosen = await ctx.client.call('chooseClass', { body: { classId } });
  const after = await currentAccount(ctx);
  return { chosen, view: viewOf(after.me, after.offline, serverUrl) };
}
