/**
 * What the referent's screens derive from the core's answers, pure and fast (300 schools, 5,000 pairs: a few
 * milliseconds): the board's rows searched (name, UAI or commune, case and accents ignored), filtered by state and
 * sorted; which schools an action applies to (the school lifecycle rule book decides, never re-derived here); the
 * review queue as rows grouped by school then class.
 */
import { allows, hasWorkspace } from '../../../src-shared/domain/school-lifecycle';
import { foldCase } from '../../../src-shared/domain/text';
import { BOARD_STATES, type BoardRow, type BoardState, type QueueItem } from '../../../src-shared/rpc/referent';
import type { SortKey, StateFilter } from '../../store/referent';

export type { BoardRow, BoardState, QueueItem, SortKey, StateFilter };
export type PairItem = Extract<QueueItem, { kind: 'pair' }>;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const stateRank = new Map<BoardState, number>(BOARD_STATES.map((s, i) => [s, i]));

/** The folded text a search looks into: name, UAI and commune. */
export function searchKey(row: Pick<BoardRow, 'name' | 'uai' | 'commune'>): string {
  return foldCase(`${row.name} ${row.uai} ${row.commune ?? ''}`);
}

/** Every word of the query must be found (« mistral marseille » finds the Mistral school of Marseille). */
export function matches(key: string, query: string): boolean {
  const words = foldCase(query).split(/\s+/).filter(Boolean);
  return words.every((w) => key.includes(w));
}

const byName = (a: BoardRow, b: BoardRow): number => collator.compare(a.name, b.name) || a.uai.localeCompare(b.uai);

export function sortRows(rows: readonly BoardRow[], sort: SortKey): BoardRow[] {
  const list = [...rows];
  if (sort === 'name') list.sort(byName);
  else if (sort === 'state') list.sort((a, b) => (stateRank.get(a.state) ?? 0) - (stateRank.get(b.state) ?? 0) || byName(a, b));
  // Most to decide first; schools not downloaded (nothing known yet) last.
  else list.sort((a, b) => (b.counts?.undecided ?? -1) - (a.counts?.undecided ?? -1) || byName(a, b));
  return list;
}

/** The rows shown: searched, filtered by state, sorted. */
export function visibleRows(rows: readonly BoardRow[], view: { query: string; state: StateFilter; sort: SortKey }): BoardRow[] {
  const query = view.query.trim();
  const kept = rows.filter((r) => (view.state === 'all' || r.state === view.state) && (!query || matches(searchKey(r), query)));
  return sortRows(kept, view.sort);
}

/** What the shown rows add up to (the board's own totals are for every school). */
export function totalsOf(rows: readonly BoardRow[]): { schools: number; newPupils: number; linked: number; undecided: number; unmatched: number } {
  let newPupils = 0;
  let linked = 0;
  let undecided = 0;
  let unmatched = 0;
  for (const r of rows) {
    newPupils += r.counts?.newPupils ?? 0;
    linked += r.counts?.linked ?? 0;
    undecided += r.counts?.undecided ?? 0;
    unmatched += (r.counts?.unmatchedNew ?? 0) + (r.counts?.unmatchedOld ?? 0);
  }
  return { schools: rows.length, newPupils, linked, undecided, unmatched };
}

/** Number of rows per state (for the state filter's options). */
export function countByState(rows: readonly BoardRow[]): Record<BoardState, number> {
  const counts = Object.fromEntries(BOARD_STATES.map((s) => [s, 0])) as Record<BoardState, number>;
  for (const r of rows) counts[r.state] += 1;
  return counts;
}

export type BoardAction = 'pull' | 'acceptAuto' | 'review' | 'confirm' | 'push' | 'export';

/** Whether an action of the board applies to this school (its phase's rules, from the shared rule book). */
export function applies(action: BoardAction, row: BoardRow): boolean {
  switch (action) {
    case 'pull':
      // Only what the proof covers: the board never asks for someone else's password.
      return row.covered && allows(row.phase, 'pull') && (row.state === 'not-pulled' || row.state === 'pull-failed');
    case 'acceptAuto':
      return allows(row.phase, 'decide') && row.state === 'to-review';
    case 'review':
      return allows(row.phase, 'decide') && (row.state === 'to-review' || row.state === 'ready');
    case 'confirm':
      return allows(row.phase, 'confirm') && row.state === 'ready';
    case 'push':
      return allows(row.phase, 'push') && (row.state === 'confirmed' || row.state === 'sending');
    case 'export':
      return hasWorkspace(row.phase);
  }
}

/** The schools an action works on: the selected ones, or (no selection) the ones shown. */
export function scopeOf(all: readonly BoardRow[], shown: readonly BoardRow[], selected: ReadonlySet<string>): BoardRow[] {
  return selected.size > 0 ? all.filter((r) => selected.has(r.uai)) : [...shown];
}

export function applicable(action: BoardAction, scope: readonly BoardRow[]): BoardRow[] {
  return scope.filter((r) => applies(action, r));
}

/** « Tout sélectionner » of the shown rows: selects them all, or (all already selected) unselects them. */
export function toggleAll(selected: ReadonlySet<string>, shown: readonly BoardRow[]): Set<string> {
  const next = new Set(selected);
  const all = shown.length > 0 && shown.every((r) => next.has(r.uai));
  for (const r of shown) {
    if (all) next.delete(r.uai);
    else next.add(r.uai);
  }
  return next;
}

/** The typed confirmation of « Confirmer les écoles prêtes »: the number of schools, or the word CONFIRMER. */
export function confirmationTyped(typed: string, count: number): boolean {
  const t = foldCase(typed.trim());
  return count > 0 && (t === String(count) || t === 'confirmer');
}

// ——— The review queue ———

export type QueueRow =
  | { kind: 'school'; uai: string; name: string; pairs: number; unmatched: number }
  | { kind: 'class'; uai: string; schoolName: string; key: string; label: string; old: boolean; pairs: PairItem[] }
  | { kind: 'item'; item: QueueItem };

const classOf = (item: QueueItem): { key: string; label: string; old: boolean } =>
  item.kind === 'unmatched-old' ? { key: `old:${item.old.classLabel}`, label: item.old.classLabel, old: true } : { key: `new:${item.new.classLabel}`, label: item.new.classLabel, old: false };

/**
 * The queue as rows: each school of the queue whose part has arrived (in the given order, kept even when nothing is
 * left to decide there, so its undo stays at hand) with its heading, each class's heading (with its pairs, for « tout confirmer »), then
 * the class's items (already grouped by school then class by the core).
 */
export function queueRows(order: readonly string[], bySchool: ReadonlyMap<string, readonly QueueItem[]>, names: ReadonlyMap<string, string>): QueueRow[] {
  const rows: QueueRow[] = [];
  for (const uai of order) {
    // A school whose part has not arrived yet is not shown (one with nothing left is: its undo stays at hand).
    const items = bySchool.get(uai);
    if (!items) continue;
    const school: Extract<QueueRow, { kind: 'school' }> = { kind: 'school', uai, name: items[0]?.schoolName ?? names.get(uai) ?? uai, pairs: 0, unmatched: 0 };
    rows.push(school);
    let cls: Extract<QueueRow, { kind: 'class' }> | null = null;
    for (const item of items) {
      const c = classOf(item);
      if (!cls || cls.key !== c.key) {
        cls = { kind: 'class', uai, schoolName: school.name, ...c, pairs: [] };
        rows.push(cls);
      }
      if (item.kind === 'pair') {
        school.pairs += 1;
        cls.pairs.push(item);
      } else school.unmatched += 1;
      rows.push({ kind: 'item', item });
    }
  }
  return rows;
}

/** Base64 of a file's bytes (the import's transport), in chunks so a large file does not overflow the call stack. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
