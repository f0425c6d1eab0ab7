/** Handlers of parents' and teachers' own steps: their own old parent account, teacher class choice and old account link. */
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../http/route';
import { chooseClass, classChoices } from '../services/people';
import { linkTeacherOldAccount, parentCandidates, parentDecision, teacherOldAccount } from '../services/personal-data';

export function peopleHandlers(ctx: ServerContext): Pick<RouteHandlers, 'parentCandidates' | 'parentDecision' | 'classChoices' | 'chooseClass' | 'teacherOldAccount' | 'linkTeacherOldAccount'> {
  return {
    parentCandidates: async ({ principal }) => parentCandidates(ctx, principal),
    parentDecision: async ({ body, req, principal }) => parentDecision(ctx, req, principal, body),
    classChoices: async ({ principal }) => classChoices(ctx, principal),
    chooseClass: async ({ body, principal }) => chooseClass(ctx, principal, body.classId),
    teacherOldAccount: async ({ principal }) => teacherOldAccount(ctx, principal),
    linkTeacherOldAccount: async ({ body, req, principal }) => linkTeacherOldAccount(ctx, req, principal, body),
  };
}
