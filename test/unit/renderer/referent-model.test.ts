import { describe, expect, it } from 'vitest';
import type { BoardRow, QueueItem } from '../../../src-shared/rpc/referent';
import { translate } from '../../../src-renderer/i18n';
import { chunksOf } from '../../../src-renderer/store/referent';
import { applicable, applies, base64Of, confirmationTyped, countByState, queueRows, scopeOf, toggleAll, totalsOf, visibleRows } from '../../../src-renderer/screens/referent/model';

const counts = (undecided: number) => ({ newPupils: 100, oldPupils: 95, linked: 80, undecided, unmatchedNew: 10, unmatchedOld: 5 });
function row(uai: string, name: string, commune: string | null, state: BoardRow['state'], extra: Partial<BoardRow> = {}): BoardRow {
  const phase: BoardRow['phase'] = state === 'not-pulled' || state === 'pull-failed' || state === 'pulling' ? 'not-pulled' : state === 'to-review' || state === 'ready' ? 'pulled' : state === 'merging' ? 'accepted' : state === 'conflict' ? 'reconciled-elsewhere' : state === 'confirmed' ? 'confirmed' : state === 'sending' ? 'sending' : state === 'failed' ? 'failed' : 'merged';
  return { uai, name, commune, state, phase, covered: true, counts: phase === 'pulled' ? counts(state === 'to-review' ? 12 : 0) : null, progress: null, error: null, ent: null, ...extra };
}

const rows: BoardRow[] = [
  row('0840001V', 'École élémentaire Simone-Veil', 'Aix-en-Provence', 'to-review'),
  row('0840002W', 'École primaire Lucie-Aubrac', 'Arles', 'ready'),
  row('0840003X', 'Groupe scolaire Frédéric-Mistral', 'Aubagne', 'not-pulled'),
  row('0131234X', 'École primaire de Saint-Julien', null, 'not-pulled', { covered: false }),
  row('0840004Y', 'École Œuvre-de-Brême', 'Gap', 'confirmed'),
  row('0840005Z', 'École de Sisteron', 'Sisteron', 'merged'),
];
const view = { query: '', state: 'all' as const, sort: 'name' as const };

describe('the board, searched, filtered, sorted', () => {
  it('finds a school by name, UAI or commune, case and accents ignored, every word counting', () => {
    expect(visibleRows(rows, { ...view, query: 'FREDERIC' }).map((r) => r.uai)).toEqual(['0840003X']);
    // Spaces or hyphens: « aix en provence » finds Aix-en-Provence, « saint julien » Saint-Julien.
    expect(visibleRows(rows, { ...view, query: 'aix en provence' }).map((r) => r.uai)).toEqual(['0840001V']);
    expect(visibleRows(rows, { ...view, query: 'aix-en' }).map((r) => r.uai)).toEqual(['0840001V']);
    expect(visibleRows(rows, { ...view, query: 'SAINT JULIEN' }).map((r) => r.uai)).toEqual(['0131234X']);
    expect(visibleRows(rows, { ...view, query: '0840' }).length).toBe(5);
    expect(visibleRows(rows, { ...view, query: 'ARLES' }).map((r) => r.uai)).toEqual(['0840002W']);
    // Letters NFD does not decompose (Œ) fold like the engine's: « oeuvre » finds « Œuvre ».
    expect(visibleRows(rows, { ...view, query: 'oeuvre breme' }).map((r) => r.uai)).toEqual(['0840004Y']);
    expect(visibleRows(rows, { ...view, query: 'mistral aubagne' }).map((r) => r.uai)).toEqual(['0840003X']);
    expect(visibleRows(rows, { ...view, query: 'mistral arles' })).toEqual([]);
  });

  it('filters by state and sorts by name (French order), state (lifecycle order) or what is left to decide', () => {
    expect(visibleRows(rows, { ...view, state: 'not-pulled' }).map((r) => r.uai)).toEqual(['0131234X', '0840003X']);
    expect(visibleRows(rows, view).map((r) => r.name)).toEqual(['École de Sisteron', 'École élémentaire Simone-Veil', 'École Œuvre-de-Brême', 'École primaire de Saint-Julien', 'École primaire Lucie-Aubrac', 'Groupe scolaire Frédéric-Mistral']);
    expect(visibleRows(rows, { ...view, sort: 'state' }).map((r) => r.state)).toEqual(['not-pulled', 'not-pulled', 'to-review', 'ready', 'confirmed', 'merged']);
    expect(visibleRows(rows, { ...view, sort: 'undecided' })[0]?.uai).toBe('0840001V');
    expect(visibleRows(rows, { ...view, sort: 'undecided' })[1]?.uai).toBe('0840002W');
  });

  it('adds up what is shown, counts each state', () => {
    expect(totalsOf(rows)).toEqual({ schools: 6, newPupils: 200, linked: 160, undecided: 12, unmatched: 30 });
    expect(countByState(rows)).toMatchObject({ 'not-pulled': 2, 'to-review': 1, ready: 1, confirmed: 1, merged: 1, conflict: 0 });
  });
});

describe('what the board actions work on', () => {
  it('downloads only what the proof covers and is not downloaded; reviews, confirms and sends by phase', () => {
    expect(applicable('pull', rows).map((r) => r.uai)).toEqual(['0840003X']);
    expect(applies('pull', row('0840009A', 'x', null, 'pull-failed'))).toBe(true);
    expect(applies('pull', row('0840009A', 'x', null, 'pulling'))).toBe(false);
    expect(applicable('acceptAuto', rows).map((r) => r.uai)).toEqual(['0840001V']);
    expect(applicable('review', rows).map((r) => r.uai)).toEqual(['0840001V', '0840002W']);
    expect(applicable('confirm', rows).map((r) => r.uai)).toEqual(['0840002W']);
    expect(applicable('push', rows).map((r) => r.uai)).toEqual(['0840004Y']);
    expect(applicable('export', rows).map((r) => r.uai)).toEqual(['0840001V', '0840002W', '0840004Y']);
  });

  it('acts on the selection, or on the shown rows when nothing is selected; « tout sélectionner » toggles the shown rows', () => {
    const shown = rows.slice(0, 2);
    expect(scopeOf(rows, shown, new Set()).map((r) => r.uai)).toEqual(['0840001V', '0840002W']);
    expect(scopeOf(rows, shown, new Set(['0840005Z'])).map((r) => r.uai)).toEqual(['0840005Z']);
    const all = toggleAll(new Set(['0840005Z']), shown);
    expect([...all].sort()).toEqual(['0840001V', '0840002W', '0840005Z']);
    expect([...toggleAll(all, shown)]).toEqual(['0840005Z']);
  });

  it('asks one typed confirmation: the number of schools or CONFIRMER', () => {
    expect(confirmationTyped('3', 3)).toBe(true);
    expect(confirmationTyped(' confirmer ', 3)).toBe(true);
    expect(confirmationTyped('Confirmer', 1)).toBe(true);
    expect(confirmationTyped('4', 3)).toBe(false);
    expect(confirmationTyped('', 3)).toBe(false);
    expect(confirmationTyped('0', 0)).toBe(false);
  });
});

describe('the review queue as rows', () => {
  const person = (id: string, classLabel: string) => ({ id, nom: id.toUpperCase(), prenom: 'Léa', dateNaissance: null, classId: null, classLabel });
  const pair = (uai: string, id: string, cls: string): QueueItem => ({ kind: 'pair', uai, schoolName: `École ${uai}`, status: 'review', score: 10, reasons: ['dateless'], evidence: [], old: person(`o${id}`, 'CP'), new: person(`n${id}`, cls) });
  it('heads each school and class, counts pairs per school and class, keeps a school with nothing left, waits for a school not arrived', () => {
    const bySchool = new Map<string, QueueItem[]>([
      ['A', [pair('A', '1', 'CE1'), pair('A', '2', 'CE1'), pair('A', '3', 'CE2'), { kind: 'unmatched-new', uai: 'A', schoolName: 'École A', new: person('n9', 'CE2') }, { kind: 'unmatched-old', uai: 'A', schoolName: 'École A', old: person('o9', 'CM2') }]],
      ['B', []],
    ]);
    // C's part has not arrived yet: not shown.
    const out = queueRows(['A', 'B', 'C'], bySchool, new Map([['B', 'École B'], ['C', 'École C']]));
    expect(out.map((r) => (r.kind === 'item' ? r.item.kind : `${r.kind}:${r.kind === 'school' ? r.name : r.label}`))).toEqual([
      'school:École A', 'class:CE1', 'pair', 'pair', 'class:CE2', 'pair', 'unmatched-new', 'class:CM2', 'unmatched-old', 'school:École B',
    ]);
    const school = out[0];
    expect(school?.kind === 'school' && [school.pairs, school.unmatched]).toEqual([3, 2]);
    const ce1 = out[1];
    expect(ce1?.kind === 'class' ? ce1.pairs.map((p) => p.new.id) : null).toEqual(['n1', 'n2']);
    const cm2 = out[7];
    expect(cm2?.kind === 'class' && cm2.old).toBe(true);
  });
});

describe('the queue loaded first schools first', () => {
  it('asks a small first request, then requests of about the chunk size, in order, every school once', () => {
    const weights: Record<string, number> = { a: 120, b: 150, c: 80, d: 900, e: 700, f: 10 };
    expect(chunksOf(Object.keys(weights), (u) => weights[u] ?? 0, 300, 1500)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
    expect(chunksOf(['a'], () => 5000, 300, 1500)).toEqual([['a']]);
    expect(chunksOf([], () => 1, 300, 1500)).toEqual([]);
  });
});

describe('the import file and the catalogs', () => {
  it('sends a file as base64, large files included', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 256);
    expect(Buffer.from(base64Of(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
    expect(base64Of(new TextEncoder().encode('\uFEFFecole;décision'))).toBe(Buffer.from('\uFEFFecole;décision', 'utf8').toString('base64'));
  });

  it('words the board in both languages, plurals included', () => {
    expect(translate('fr', 'board.totals', { shown: 1, all: 7, pupils: 0, linked: 1, undecided: 0, unmatched: 2 })).toBe('1 école affichée sur 7 · 0 élève · 1 associé · 0 à décider · 2 sans correspondance');
    expect(translate('fr', 'referent.notice.confirmed', { n: 2 })).toContain('leurs lots partiront');
    expect(translate('en', 'board.pending', { n: 1 })).toBe('1 download is pending: it resumes as soon as the ENT server answers, even after a restart.');
  });
});
