/**
 * The current state of a school's reconciliation, derived from its journal. Undo and redo are events
 * too: the fold keeps a stack of applied decisions, so `undo` after `undo` walks back, and a new decision
 * clears what could be redone. What each decision does is the shared rule book (src-shared/domain/decision-state).
 */
import { applyDecision, emptyState, type DecisionState, type LinksByOld } from '../../../src-shared/domain/decision-state';
import type { Decision, JournalEvent } from './decisions';

export type { DecisionState, LinkState } from '../../../src-shared/domain/decision-state';

interface AppliedDecision {
  seq: number;
  decision: Decision;
}

export function fold(events: readonly JournalEvent[]): DecisionState {
  const applied: AppliedDecision[] = [];
  const redoable: AppliedDecision[] = [];
  let lastSeq = 0;
  for (const event of events) {
    lastSeq = Math.max(lastSeq, event.seq);
    const entry = event.entry;
    if (entry.kind === 'undo') {
      const last = applied.pop();
      if (last) redoable.push(last);
    } else if (entry.kind === 'redo') {
      const next = redoable.pop();
      if (next) applied.push(next);
    } else {
      applied.push({ seq: event.seq, decision: entry });
      redoable.length = 0;
    }
  }
  const state = emptyState();
  const byOld: LinksByOld = new Map();
  for (const { seq, decision } of applied) applyDecision(state, byOld, decision, seq);
  state.canUndo = applied.length > 0;
  state.canRedo = redoable.length > 0;
  state.appliedCount = applied.length;
  state.lastSeq = lastSeq;
  return state;
}
