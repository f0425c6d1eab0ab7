/** Operations of each role's own steps after sign-in: the account's sections, « Ma classe », one's own old data. */
import type { CoreSession } from '../session';
import { chooseClass, classChoices } from '../roles/class-choice';
import { forgetOldAccount, oldDataStatus, proveOldAccount, recoverClassSpaces, recoverPersonal } from '../roles/old-data';
import { roleView } from '../roles/view';
import type { OperationTable } from './types';

type Names = 'roles.view' | 'myClass.choices' | 'myClass.choose' | 'oldData.prove' | 'oldData.forget' | 'oldData.status' | 'oldData.recoverClassSpaces' | 'oldData.recoverPersonal';

export function roleOperations(session: CoreSession): OperationTable<Names> {
  const ctx = () => session.current();
  return {
    'roles.view': () => roleView(ctx(), session.serverUrl()),
    'myClass.choices': () => classChoices(ctx()),
    'myClass.choose': ({ classId }) => chooseClass(ctx(), classId, session.serverUrl()),
    'oldData.prove': (legacy) => proveOldAccount(ctx(), legacy),
    'oldData.forget': () => forgetOldAccount(ctx()),
    'oldData.status': () => oldDataStatus(ctx()),
    'oldData.recoverClassSpaces': (request) => recoverClassSpaces(ctx(), request),
    'oldData.recoverPersonal': (request) => recoverPersonal(ctx(), request),
  };
}
