/**
 * What the director's decisions amount to, and how one decision changes it: the single rule book used by the
 * core's journal fold (src-main/core/journal/fold.ts) and by the screens, which apply a decision the core has
 * just journaled to their copy instead of re-reading a 1,000-pupil workspace.
 */
import type { AppTarget, Decision } from './decisions';

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
  /** Proposals refused (`pairKey`): decided, not linked. */
  refused: Set<string>;
  canUndo: boolean;
  canRedo: boolean;
  /** Number of decisions currently in effect. */
  appliedCount: number;
  lastSeq: number;
}

/** The decisions as plain lists (what the RPC workspace carries). */
export interface DecisionLists {
  links: LinkState[];
  classMap: Array<{ oldClassId: string; newClassId: string | null }>;
  apps: Array<{ target: AppTarget; appIds: string[] }>;
  classApps: Array<{ oldClassId: string; appIds: string[] }>;
  optedOut: string[];
  refused: Array<{ oldId: string; newId: string }>;
}

/** The key of a proposal (an old account and a new pupil). */
export const pairKey = (oldId: string, newId: string): string => `${oldId}\u0000${newId}`;

export function emptyState(): DecisionState {
  return { links: new Map(), classMap: new Map(), apps: new Map(), classApps: new Map(), optedOut: new Set(), refused: new Set(), canUndo: false, canRedo: false, appliedCount: 0, lastSeq: 0 };
}

export function decisionLists(state: DecisionState): DecisionLists {
  return {
    links: [...state.links.values()],
    classMap: [...state.classMap].map(([oldClassId, newClassId]) => ({ oldClassId, newClassId })),
    apps: [...state.apps].map(([target, appIds]) => ({ target, appIds })),
    classApps: [...state.classApps].map(([oldClassId, appIds]) => ({ oldClassId, appIds })),
    optedOut: [...state.optedOut],
    refused: [...state.refused].map((k) => {
      const [oldId = '', newId = ''] = k.split('\u0000');
      return { oldId, newId };
    }),
  };
}

/** The state those lists describe (the undo/redo counters are not part of them). */
export function stateFromLists(lists: DecisionLists): DecisionState {
  return {
    ...emptyState(),
    links: new Map(lists.links.map((l) => [l.newId, l])),
    classMap: new Map(lists.classMap.map((c) => [c.oldClassId, c.newClassId])),
    apps: new Map(lists.apps.map((a) => [a.target, a.appIds])),
    classApps: new Map(lists.classApps.map((c) => [c.oldClassId, c.appIds])),
    optedOut: new Set(lists.optedOut),
    refused: new Set((lists.refused ?? []).map((r) => pairKey(r.oldId, r.newId))),
  };
}

/** old account id → new pupil id of its link: keeps a link change O(1) (an accept-all holds hundreds of pairs). */
export type LinksByOld = Map<string, string>;

export function linksByOld(state: DecisionState): LinksByOld {
  return new Map([...state.links.values()].map((l) => [l.oldId, l.newId]));
}

/** A link replaces any link of either account: the association stays strictly one-to-one. */
function setLink(state: DecisionState, byOld: LinksByOld, link: LinkState): void {
  state.refused.delete(pairKey(link.oldId, link.newId));
  const previousOfNew = state.links.get(link.newId);
  if (previousOfNew) byOld.delete(previousOfNew.oldId);
  const previousNewOfOld = byOld.get(link.oldId);
  if (previousNewOfOld !== undefined) state.links.delete(previousNewOfOld);
  state.links.delete(link.newId);
  state.links.set(link.newId, link);
  byOld.set(link.oldId, link.newId);
}

/** Removing a link refuses that pair: it stays decided (not linked), never back to "undecided". */
function removeLink(state: DecisionState, byOld: LinksByOld, newId: string): void {
  const previous = state.links.get(newId);
  if (previous) {
    byOld.delete(previous.oldId);
    state.refused.add(pairKey(previous.oldId, previous.newId));
  }
  state.links.delete(newId);
}

function refuse(state: DecisionState, byOld: LinksByOld, oldId: string, newId: string): void {
  if (state.links.get(newId)?.oldId === oldId) removeLink(state, byOld, newId);
  state.refused.add(pairKey(oldId, newId));
}

/** Applies one decision (journaled as `seq`) to the state; `byOld` must index the state's links and is kept in step. */
export function applyDecision(state: DecisionState, byOld: LinksByOld, decision: Decision, seq: number): void {
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
    case 'accept-pairs':
      for (const pair of decision.pairs) setLink(state, byOld, { oldId: pair.oldId, newId: pair.newId, origin: 'proposal', seq });
      break;
    case 'refuse':
      refuse(state, byOld, decision.oldId, decision.newId);
      break;
    case 'refuse-pairs':
      for (const pair of decision.pairs) refuse(state, byOld, pair.oldId, pair.newId);
      break;
    case 'import':
      for (const pair of decision.accept) setLink(state, byOld, { oldId: pair.oldId, newId: pair.newId, origin: 'proposal', seq });
      for (const pair of decision.link) setLink(state, byOld, { oldId: pair.oldId, newId: pair.newId, origin: 'manual', seq });
      for (const pair of decision.refuse) refuse(state, byOld, pair.oldId, pair.newId);
      break;
  }
}

/** A proposal of the matching engine, as the rule book needs it. */
export interface ProposalRef { old: string; new: string; status: 'auto' | 'review' }

/**
 * Proposals nobody decided yet: neither account is linked (to anyone) and the pair was not refused. Nothing
 * undecided may reach a batch — left alone, an "à vérifier" pair would silently become a new login and a lost
 * year of work.
 */
export function undecidedProposals<P extends ProposalRef>(proposals: readonly P[], state: DecisionState): P[] {
  const linkedOld = new Set<string>();
  for (const l of state.links.values()) linkedOld.add(l.oldId);
  return proposals.filter((p) => !state.links.has(p.new) && !linkedOld.has(p.old) && !state.refused.has(pairKey(p.old, p.new)));
}
