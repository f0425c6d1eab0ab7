import { describe, expect, it } from 'vitest';
import { fold } from '../../../../src-main/core/journal/fold';
import type { JournalEntry, JournalEvent } from '../../../../src-main/core/journal/decisions';

function events(...entries: JournalEntry[]): JournalEvent[] {
  return entries.map((entry, i) => ({ seq: i + 1, uai: '0750001A', at: 't', entry }));
}

describe('fold', () => {
  it('keeps links one-to-one', () => {
    const state = fold(events({ kind: 'link', oldId: 'o1', newId: 'n1' }, { kind: 'link', oldId: 'o1', newId: 'n2' }, { kind: 'accept', oldId: 'o3', newId: 'n2' }));
    expect([...state.links.values()].map((l) => [l.oldId, l.newId, l.origin])).toEqual([['o3', 'n2', 'proposal']]);
  });

  it('stays one-to-one through accept-all, unlinks and relinks (the reverse index follows every change)', () => {
    const pairs = Array.from({ length: 300 }, (_, i) => ({ oldId: `o${i}`, newId: `n${i}` }));
    const state = fold(
      events(
        { kind: 'accept-auto', pairs },
        { kind: 'unlink', newId: 'n5' },
        { kind: 'link', oldId: 'o5', newId: 'n7' },
        { kind: 'link', oldId: 'o7', newId: 'n5' },
        { kind: 'link', oldId: 'o9', newId: 'n9' },
        { kind: 'accept', oldId: 'o1', newId: 'n2' },
      ),
    );
    const links = [...state.links.values()];
    expect(new Set(links.map((l) => l.oldId)).size).toBe(links.length);
    expect(state.links.get('n7')?.oldId).toBe('o5');
    expect(state.links.get('n5')?.oldId).toBe('o7');
    expect(state.links.get('n2')?.oldId).toBe('o1');
    expect(state.links.has('n1')).toBe(false);
    expect(links.length).toBe(299);
  });

  it('undoes and redoes decisions, a new decision clearing the redo stack', () => {
    const base: JournalEntry[] = [
      { kind: 'accept-auto', pairs: [{ oldId: 'o1', newId: 'n1' }, { oldId: 'o2', newId: 'n2' }] },
      { kind: 'unlink', newId: 'n1' },
      { kind: 'undo' },
    ];
    let state = fold(events(...base));
    expect(state.links.size).toBe(2);
    expect(state.canRedo).toBe(true);
    state = fold(events(...base, { kind: 'undo' }));
    expect(state.links.size).toBe(0);
    expect(state.canUndo).toBe(false);
    state = fold(events(...base, { kind: 'undo' }, { kind: 'redo' }, { kind: 'redo' }));
    expect([...state.links.keys()]).toEqual(['n2']);
    state = fold(events(...base, { kind: 'map-class', oldClassId: 'c1', newClassId: 'k1' }, { kind: 'redo' }));
    expect(state.canRedo).toBe(false);
    expect(state.links.size).toBe(2);
    expect(state.classMap.get('c1')).toBe('k1');
  });

  it('records apps and opt-outs', () => {
    const state = fold(
      events({ kind: 'choose-apps', target: 'school-space', appIds: ['blog', 'blog', 'media'] }, { kind: 'opt-out', oldId: 'o1', optedOut: true }, { kind: 'opt-out', oldId: 'o2', optedOut: true }, { kind: 'opt-out', oldId: 'o2', optedOut: false }),
    );
    expect(state.apps.get('school-space')).toEqual(['blog', 'media']);
    expect(state.apps.has('personal')).toBe(false);
    expect([...state.optedOut]).toEqual(['o1']);
    expect(state.lastSeq).toBe(4);
  });

  it('records apps per old class, the last choice winning, undoable', () => {
    const base: JournalEntry[] = [
      { kind: 'choose-apps', target: 'class-spaces', appIds: ['blog'] },
      { kind: 'class-apps', oldClassId: 'c1', appIds: ['media', 'media', 'calendar'] },
      { kind: 'class-apps', oldClassId: 'c2', appIds: [] },
      { kind: 'class-apps', oldClassId: 'c1', appIds: ['homework'] },
    ];
    const state = fold(events(...base));
    expect([...state.classApps]).toEqual([['c1', ['homework']], ['c2', []]]);
    expect(state.apps.get('class-spaces')).toEqual(['blog']);
    expect(fold(events(...base, { kind: 'undo' })).classApps.get('c1')).toEqual(['media', 'calendar']);
    expect(fold(events(...base, { kind: 'undo' }, { kind: 'undo' }, { kind: 'undo' })).classApps.size).toBe(0);
  });

  it('undo with nothing to undo is harmless', () => {
    expect(fold(events({ kind: 'undo' }, { kind: 'redo' })).links.size).toBe(0);
  });
});
