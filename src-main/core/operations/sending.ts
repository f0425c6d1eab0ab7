/** Operations from the batch to the merge: preview by name, confirmation, sending, following, the receipt. */
import type { CoreSession } from '../session';
import { confirm, follow, preview, push, receipt } from '../school/sending';
import type { OperationTable } from './types';

export function sendingOperations(session: CoreSession): OperationTable<'school.preview' | 'school.confirm' | 'school.push' | 'school.progress' | 'school.receipt'> {
  const ctx = () => session.current();
  return {
    'school.preview': ({ uai }) => preview(ctx(), uai),
    'school.confirm': ({ uai }) => confirm(ctx(), uai),
    'school.push': ({ uai, legacy }) => push(ctx(), uai, legacy ?? null),
    'school.progress': ({ uai }) => follow(ctx(), uai),
    'school.receipt': ({ uai }) => receipt(ctx(), uai),
  };
}
