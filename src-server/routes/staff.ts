/** Handlers of a school adult's own old data, with the grant of their own old account: personal data, a teacher's old class spaces. */
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../http/route';
import { recoverTeacherClassSpaces, teacherClassSpaces } from '../services/class-spaces';
import { personalDataView, recoverPersonalData } from '../services/staff-data';

export function staffHandlers(ctx: ServerContext): Pick<RouteHandlers, 'personalData' | 'recoverPersonalData' | 'teacherClassSpaces' | 'recoverTeacherClassSpaces'> {
  return {
    personalData: async ({ principal, grant }) => personalDataView(ctx, principal, grant),
    recoverPersonalData: async ({ body, principal, grant }) => recoverPersonalData(ctx, principal, grant, body.apps),
    teacherClassSpaces: async ({ principal, grant }) => teacherClassSpaces(ctx, principal, grant),
    recoverTeacherClassSpaces: async ({ body, principal, grant }) => recoverTeacherClassSpaces(ctx, principal, grant, body),
  };
}
