/**
 * The current state of a school's reconciliation, derived from its journal. Undo and redo are events
 * too: the fold keeps a stack of applied decisions, so `undo` after `undo` walks back, and a new decision
 * clears what could be redone.
 */
import type { AppTarget, Decision, JournalEvent } from './decisions';

export interface LinkState {
  oldId: string;
  newId: string;
  origin: 'proposal' | 'manual';
  /** Journal seq of the decision that made it. */
  seq: number;
}

export interface DecisionState {
  /** One-to-one links, keyed by new pupil id. */
  links: Map<string, LinkState>;
  /** old class id → new class id (null: content not carried). */
  classMap: Map<string, string | null>;
  /** Apps chosen per target; a target absent from the map keeps the default (every app). */
  apps: Map<AppTarget, string[]>;
  /** Apps chosen for one old class space (overrides the `class-spaces` choice for that class). */
  classApps: Map<string, string[]>;
  /** Old account ids whose data must not follow. */
  optedOut: Set<string>;
  canUndo: boolean;
  canRedo: boolean;
  /** Number of decisions currently in effect. */
  appliedCount: number;
  lastSeq: number;
}

interface AppliedDecision {
  seq: number;
  decision: Decision;
}

export function emptyState(): DecisionState {
  return { links: new Map(), classMap: new Map(), apps: new Map(), classApps: new Map(), optedOut: new Set(), canUndo: false, canRedo: false, appliedCount: 0, lastSeq: 0 };
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

/** old account id → new pupil id of its link: keeps `setLink` O(1) (an accept-all holds hundreds of pairs). */
type LinksByOld = Map<string, string>;

function setLink(state: DecisionState, byOld: LinksByOld, link: LinkState): void {
  const previousOfNew = state.links.get(link.newId);
  if (previousOfNew) byOld.delete(previousOfNew.oldId);
  const previousNewOfOld = byOld.get(link.oldId);
  if (previousNewOfOld !== undefined) state.links.delete(previousNewOfOld);
  state.links.delete(link.newId);
  state.links.set(link.newId, link);
  byOld.set(link.oldId, link.newId);
}

function removeLink(state: DecisionState, byOld: LinksByOld, newId: string): void {
  const previous = state.links.get(newId);
  if (previous) byOld.delete(previous.oldId);
  state.links.delete(newId);
}

function applyDecision(state: DecisionState, byOld: LinksByOld, decision: Decision, seq: number): void {
  switch (decision.kind) {
    case 'accept':
      setLink(state, byOld, { oldId: decision.oldId, newId: decision.newId, origin: 'proposal', seq });
      break;
    case 'link':
      setLink(state, byOld, { oldId: decision.oldId, newId: decision.newId, origin: 'manual', seq });
      break;
    case 'unlink':
      removeLink(state, byOld, decision.newId);
      break;
    case 'map-class':
      state.classMap.set(decision.oldClassId, decision.newClassId);
      break;
    case 'choose-apps':
      state.apps.set(decision.target, [...new Set(decision.appIds)]);
      break;
    case 'class-apps':
      state.classApps.set(decision.oldClassId, [...new Set(decision.appIds)]);
      break;
    case 'opt-out':
      if (decision.optedOut) state.optedOut.add(decision.oldId);
      else state.optedOut.delete(decision.oldId);
      break;
    case 'accept-auto':
      for (const pair of decision.pairs) setLink(state, byOld, { oldId: pair.oldId, newId: pair.newId, origin: 'proposal', seq });
      break;
  }
}
