/**
 * The screen's copy of a workspace after a decision the core has already journaled: the same rule book as the
 * core's journal (src-shared/domain/decision-state), so the pupils screen updates without re-reading the whole
 * workspace. Undo and redo re-read it from the core instead.
 */
import { applyDecision as applyToState, decisionLists, linksByOld, stateFromLists } from '../../src-shared/domain/decision-state';
import type { Decision } from '../../src-shared/domain/decisions';
import type { RpcOutput } from '../../src-shared/rpc';

export type Workspace = RpcOutput<'school.workspace'>;

/** Returns the workspace with `decision` (journaled as `seq`) applied. */
export function applyDecision(ws: Workspace, decision: Decision, seq: number): Workspace {
  const state = stateFromLists(ws);
  applyToState(state, linksByOld(state), decision, seq);
  return { ...ws, ...decisionLists(state) };
}
