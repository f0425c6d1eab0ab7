/** Operations on a user's schools: the list, statuses, download, workspace, and the decisions (journaled). */
import type { CoreSession } from '../session';
import { acceptAuto, decide, redo, undo } from '../school/decisions';
import { pull } from '../school/pulls';
import { allStatuses, listSchools, schoolStatus, workspace } from '../school/reads';
import type { OperationTable } from './types';

type Names = 'schools.list' | 'schools.statuses' | 'school.pull' | 'school.status' | 'school.workspace' | 'school.decide' | 'school.undo' | 'school.redo' | 'school.acceptAuto';

export function schoolOperations(session: CoreSession): OperationTable<Names> {
  const ctx = () => session.current();
  return {
    'schools.list': () => listSchools(ctx()),
    'schools.statuses': () => allStatuses(ctx()),
    'school.pull': ({ uai, legacy }) => pull(ctx(), uai, legacy ?? null),
    'school.status': ({ uai }) => schoolStatus(ctx(), uai),
    'school.workspace': ({ uai }) => workspace(ctx(), uai),
    'school.decide': ({ uai, decision }) => decide(ctx(), uai, decision),
    'school.undo': ({ uai }) => undo(ctx(), uai),
    'school.redo': ({ uai }) => redo(ctx(), uai),
    'school.acceptAuto': ({ uai }) => acceptAuto(ctx(), uai),
  };
}
