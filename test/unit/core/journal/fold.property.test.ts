/**
 * Properties of the journal fold (src-main/core/journal/fold.ts) over random decision histories, undo and redo
 * included: links stay one-to-one; undoing k decisions then redoing them changes nothing; and the screens' local
 * copy (src-renderer/store/links.ts, which applies a decision the core has just journaled to the workspace it
 * holds) equals what the core folds from its journal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../../src-main/core/journal/fold';
import type { JournalEntry, JournalEvent } from '../../../../src-main/core/journal/decisions';
import { applyDecision, type Workspace } from '../../../../src-renderer/store/links';
import { decisionLists, pairKey, type DecisionState } from '../../../../src-shared/domain/decision-state';
import { APP_TARGETS, type Decision } from '../../../../src-shared/domain/decisions';

const options = { numRuns: 400, seed: 1_984 };

// Few ids, so decisions collide often: the same old account, the same pupil, the same class.
const oldId = fc.constantFrom('o1', 'o2', 'o3', 'o4');
const newId = fc.constantFrom('n1', 'n2', 'n3', 'n4');
const oldClass = fc.constantFrom('c1', 'c2');
const newClass = fc.constantFrom('k1', 'k2');
const apps = fc.array(fc.constantFrom('blog', 'media', 'calendar', 'homework'), { maxLength: 4 });

const decision: fc.Arbitrary<Decision> = fc.oneof(
  fc.record({ kind: fc.constant('accept' as const), oldId, newId }),
  fc.record({ kind: fc.constant('link' as const), oldId, newId }),
  fc.record({ kind: fc.constant('unlink' as const), newId }),
  fc.record({ kind: fc.constant('map-class' as const), oldClassId: oldClass, newClassId: fc.option(newClass, { nil: null }) }),
  fc.record({ kind: fc.constant('choose-apps' as const), target: fc.constantFrom(...APP_TARGETS), appIds: apps }),
  fc.record({ kind: fc.constant('class-apps' as const), oldClassId: oldClass, appIds: apps }),
  fc.record({ kind: fc.constant('opt-out' as const), oldId, optedOut: fc.boolean() }),
  fc.record({ kind: fc.constant('accept-auto' as const), pairs: fc.array(fc.record({ oldId, newId }), { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('refuse' as const), oldId, newId }),
  fc.record({ kind: fc.constant('accept-pairs' as const), pairs: fc.array(fc.record({ oldId, newId }), { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('refuse-pairs' as const), pairs: fc.array(fc.record({ oldId, newId }), { minLength: 1, maxLength: 5 }) }),
);
const entry: fc.Arbitrary<JournalEntry> = fc.oneof({ weight: 6, arbitrary: decision }, { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) }, { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) });
const history = fc.array(entry, { maxLength: 25 });

function events(entries: readonly JournalEntry[]): JournalEvent[] {
  return entries.map((e, i) => ({ seq: i + 1, uai: '0750001A', at: 't', entry: e }));
}

/** Everything a state says except its last seq (later events move it). */
function content(state: DecisionState) {
  return { ...decisionLists(state), canUndo: state.canUndo, canRedo: state.canRedo, appliedCount: state.appliedCount };
}

function workspaceOf(state: DecisionState): Workspace {
  const roster = { uai: '0750001A', name: 'École', version: 'v1', classes: [], teachers: [], pupils: [] };
  return {
    uai: '0750001A',
    newRoster: { ...roster, year: 'new', parents: [] },
    oldRoster: { ...roster, year: 'old', schoolSpace: null },
    matching: { pairs: [], unmatchedOld: [], unmatchedNew: [], classMappings: [] },
    ...decisionLists(state),
    flagged: [],
    canUndo: state.canUndo,
    canRedo: state.canRedo,
  };
}

describe('journal fold, properties', () => {
  it('keeps links one-to-one, whatever the history', () => {
    fc.assert(
      fc.property(history, (entries) => {
        const state = fold(events(entries));
        const links = [...state.links.entries()];
        for (const [key, link] of links) expect(key).toBe(link.newId);
        expect(new Set(links.map(([, l]) => l.oldId)).size).toBe(links.length);
        // A pair is never both linked and refused.
        for (const l of state.links.values()) expect(state.refused.has(pairKey(l.oldId, l.newId))).toBe(false);
      }),
      options,
    );
  });

  it('undo k times then redo k times is the identity (k up to the decisions in effect)', () => {
    fc.assert(
      fc.property(history, fc.nat(30), (entries, wanted) => {
        const before = fold(events(entries));
        const k = wanted % (before.appliedCount + 1);
        const undos: JournalEntry[] = Array.from({ length: k }, () => ({ kind: 'undo' }));
        const redos: JournalEntry[] = Array.from({ length: k }, () => ({ kind: 'redo' }));
        const after = fold(events([...entries, ...undos, ...redos]));
        expect(content(after)).toEqual(content(before));
        // Undoing them all (and more) leaves no decision in effect.
        const emptied = fold(events([...entries, ...Array.from({ length: before.appliedCount + 2 }, (): JournalEntry => ({ kind: 'undo' }))]));
        expect(emptied.appliedCount).toBe(0);
        expect(emptied.links.size).toBe(0);
      }),
      options,
    );
  });

  it('the screens’ local copy after a decision equals the core’s fold of the journal', () => {
    fc.assert(
      fc.property(history, decision, (entries, next) => {
        const seq = entries.length + 1;
        const core = fold(events([...entries, next]));
        const screen = applyDecision(workspaceOf(fold(events(entries))), next, seq);
        expect({ links: screen.links, classMap: screen.classMap, apps: screen.apps, classApps: screen.classApps, optedOut: screen.optedOut, refused: screen.refused }).toEqual(decisionLists(core));
      }),
      options,
    );
  });
});
