import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Decision } from '../../../src-shared/domain/decisions';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../components/Alert';
import { ProgressBar } from '../../components/ProgressBar';
import { VirtualList } from '../../components/VirtualList';
import { useReferentStore } from '../../store/referent';
import { BulkDialog } from '../pupils/BulkDialog';
import type { NewPupil, OldPupil, PendingPair } from '../pupils/model';
import { WhyDialog } from '../pupils/WhyDialog';
import { queueRows, type PairItem, type QueueRow } from './model';
import { proposalOf, QUEUE_ROW_HEIGHT, QueueRowView } from './QueueRow';

type Person = PairItem['old'];
const asNew = (p: Person): NewPupil => ({ ...p, sexe: null, niveau: null });
const asOld = (p: Person): OldPupil => ({ ...p, sexe: null, niveau: null, personalData: {} });
const pendingOf = (item: PairItem): PendingPair => ({ proposal: proposalOf(item), old: asOld(item.old), new: asNew(item.new) });
const full = (p: { prenom: string; nom: string }): string => `${p.prenom} ${p.nom}`;
const EMPTY: QueueRow[] = [];
/** Rows a Page Down / Page Up moves by. */
const PAGE = 10;

/**
 * One review queue across the chosen schools, keyboard first: every undecided pair (and, on demand, every account
 * nobody was proposed for) grouped by school then class. Each decision is its school's own (`school.decide`,
 * journaled, undoable per school); « Pourquoi ? » and the class dialog are the pupils screen's own.
 */
export function Queue() {
  const t = useT();
  const queue = useReferentStore((s) => s.queue);
  const board = useReferentStore((s) => s.board);
  const busy = useReferentStore((s) => s.busy);
  const error = useReferentStore((s) => s.error);
  const undoable = useReferentStore((s) => s.undoable);
  const announce = useReferentStore((s) => s.announce);
  const names = useMemo(() => new Map((board?.rows ?? []).map((r) => [r.uai, r.name])), [board]);
  const rows = useMemo(() => (queue ? queueRows(queue.order, queue.bySchool, names) : EMPTY), [queue, names]);
  const [active, setActive] = useState(0);
  const [why, setWhy] = useState<PairItem | null>(null);
  const [bulk, setBulk] = useState<{ mode: 'accept' | 'refuse'; row: Extract<QueueRow, { kind: 'class' }> } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement | null>(null);
  const wantFocus = useRef(false);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  // The first schools show while the others arrive.
  const shown = queue !== null && (queue.loaded || queue.pending < queue.order.length);
  const pairsLeft = rows.reduce((n, r) => n + (r.kind === 'school' ? r.pairs : 0), 0);
  const schoolsLeft = rows.filter((r) => r.kind === 'school' && r.pairs > 0).length;
  const height = Math.max(360, Math.min(800, (typeof window === 'undefined' ? 900 : window.innerHeight) - 240));
  const current = Math.min(active, Math.max(0, rows.length - 1));

  // The focused row follows `active` (kept in view; a windowed list is scrolled first so the row exists).
  useEffect(() => {
    if (!wantFocus.current) return;
    let tries = 0;
    let frame = 0;
    const place = () => {
      const el = wrapper.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
      if (el) {
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'nearest' });
        wantFocus.current = false;
        return;
      }
      const box = scroller.current;
      if (box && box.scrollHeight > box.clientHeight) box.scrollTop = Math.max(0, current * QUEUE_ROW_HEIGHT - box.clientHeight / 3);
      if (++tries < 6) frame = requestAnimationFrame(place);
    };
    place();
    return () => cancelAnimationFrame(frame);
  }, [current, rows]);

  const moveTo = useCallback((index: number) => {
    wantFocus.current = true;
    setActive(Math.max(0, Math.min(rowsRef.current.length - 1, index)));
  }, []);

  const decide = useCallback(
    (index: number, accept: boolean) => {
      const row = rowsRef.current[index];
      if (!row) return;
      if (row.kind === 'class') {
        if (row.pairs.length > 0) setBulk({ mode: accept ? 'accept' : 'refuse', row });
        return;
      }
      if (row.kind !== 'item' || row.item.kind !== 'pair') return;
      const item = row.item;
      const decision: Decision = { kind: accept ? 'accept' : 'refuse', oldId: item.old.id, newId: item.new.id };
      wantFocus.current = wrapper.current?.contains(document.activeElement) ?? false;
      setActive(index);
      void useReferentStore.getState().decide(item.uai, decision, { key: accept ? 'queue.done.accept' : 'queue.done.refuse', params: { old: full(item.old), name: full(item.new) } });
    },
    [],
  );
  const onWhy = useCallback((index: number) => {
    const row = rowsRef.current[index];
    if (row?.kind === 'item' && row.item.kind === 'pair') setWhy(row.item);
  }, []);
  const onUndo = useCallback((uai: string) => void useReferentStore.getState().undo(uai), []);
  const onOpen = useCallback((uai: string, step: 'spaces' | 'pupils' | null, classId: string | null) => void useReferentStore.getState().openSchool(uai, step ?? undefined, classId), []);
  const onFocusRow = useCallback((index: number) => setActive(index), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const row = rowsRef.current[current];
    if (e.ctrlKey || e.metaKey) {
      if (e.key.toLowerCase() === 'z' && !e.shiftKey && row) {
        e.preventDefault();
        // The school of the last decision taken here, else the focused row's: undo stays each school's own.
        const uai = useReferentStore.getState().lastDecided ?? (row.kind === 'item' ? row.item.uai : row.uai);
        wantFocus.current = true;
        onUndo(uai);
      }
      return;
    }
    if (e.altKey) return;
    const onRow = target.classList.contains('qrow');
    let handled = true;
    switch (e.key.length === 1 ? e.key.toLowerCase() : e.key) {
      case 'ArrowDown':
      case 'j':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        moveTo(current - 1);
        break;
      case 'PageDown':
        moveTo(current + PAGE);
        break;
      case 'PageUp':
        moveTo(current - PAGE);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rowsRef.current.length - 1);
        break;
      case 'Enter':
        // Enter on a button keeps the button's meaning.
        if (onRow) decide(current, true);
        else handled = false;
        break;
      case 'c':
        decide(current, true);
        break;
      case 'r':
        decide(current, false);
        break;
      case '?':
        onWhy(current);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  const bulkDecide = () => {
    if (!bulk) return;
    const { mode, row } = bulk;
    setBulk(null);
    wantFocus.current = true;
    void useReferentStore.getState().decide(row.uai, { kind: mode === 'accept' ? 'accept-pairs' : 'refuse-pairs', pairs: row.pairs.map((p) => ({ oldId: p.old.id, newId: p.new.id })) }, {
      key: mode === 'accept' ? 'queue.done.acceptClass' : 'queue.done.refuseClass',
      params: { n: row.pairs.length, classe: row.label },
    });
  };

  return (
    <main className="card queue" aria-labelledby="queue-title">
      <p className="no-print">
        <button type="button" className="link" onClick={() => useReferentStore.getState().showBoard()} data-testid="back-to-board">
          {t('queue.back')}
        </button>
      </p>
      <h2 id="queue-title">{t('queue.title')}</h2>
      <p className="totals" data-testid="queue-left" data-loaded={queue?.loaded ? 'true' : 'false'}>
        {shown ? (pairsLeft > 0 || !queue?.loaded ? t('queue.left', { n: pairsLeft, schools: schoolsLeft }) : t('queue.nothing')) : t('loading')}
      </p>
      {queue && !queue.loaded && shown ? (
        <ProgressBar label={t('queue.loadingMore', { done: queue.order.length - queue.pending, total: queue.order.length })} done={queue.order.length - queue.pending} total={queue.order.length} testId="queue-loading" />
      ) : null}
      <p className="hint queue-keys" id="queue-keys" data-testid="queue-keys">
        {t('queue.keys')}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={queue?.includeUnmatched ?? false} onChange={(e) => void useReferentStore.getState().setIncludeUnmatched(e.target.checked)} disabled={busy !== null} />
        {t('queue.unmatched')}
      </label>
      <p className="small queue-announce" role="status" data-testid="queue-announce">
        {announce ? `${t(announce.key, announce.params)} ${t('queue.left.short', { n: pairsLeft })}` : ''}
      </p>
      <ErrorAlert error={error} onClose={() => useReferentStore.getState().clearMessages()} />
      {busy === 'queue' ? <ProgressBar label={t('queue.loading')} /> : null}
      {rows.length > 0 ? (
        <div className="queue-list" ref={wrapper} onKeyDown={onKeyDown} aria-describedby="queue-keys">
          <VirtualList
            count={rows.length}
            rowHeight={QUEUE_ROW_HEIGHT}
            height={height}
            label={t('queue.list', { n: pairsLeft })}
            outerRef={(el) => {
              scroller.current = el;
            }}
            renderRow={(i) => {
              const row = rows[i];
              if (!row) return null;
              const uai = row.kind === 'item' ? row.item.uai : row.uai;
              return <QueueRowView row={row} index={i} active={i === current} canUndo={undoable[uai] !== false} busy={busy !== null} onDecide={decide} onWhy={onWhy} onUndo={onUndo} onOpen={onOpen} onFocusRow={onFocusRow} />;
            }}
          />
        </div>
      ) : null}
      {why ? (
        <WhyDialog
          newPupil={asNew(why.new)}
          oldPupil={asOld(why.old)}
          proposal={proposalOf(why)}
          manual={false}
          optedOut={false}
          onOptOut={null}
          onDecide={(accept) => {
            const index = rowsRef.current.findIndex((r) => r.kind === 'item' && r.item === why);
            setWhy(null);
            if (index >= 0) decide(index, accept);
          }}
          onClose={() => setWhy(null)}
        />
      ) : null}
      {bulk ? <BulkDialog mode={bulk.mode} classLabel={bulk.row.label} pairs={bulk.row.pairs.map(pendingOf)} onConfirm={bulkDecide} onClose={() => setBulk(null)} /> : null}
    </main>
  );
}
