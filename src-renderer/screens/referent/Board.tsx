import { useCallback, useMemo, useState } from 'react';
import { BOARD_STATES } from '../../../src-shared/rpc/referent';
import { useT, type MessageKey } from '../../i18n';
import { ErrorAlert, Notice } from '../../components/Alert';
import { ProgressBar } from '../../components/ProgressBar';
import { VirtualList } from '../../components/VirtualList';
import { useReferentStore, type SortKey, type StateFilter } from '../../store/referent';
import { BOARD_ROW_HEIGHT, BoardRowView } from './BoardRow';
import { ConfirmSchools } from './ConfirmSchools';
import { applicable, countByState, scopeOf, toggleAll, totalsOf, visibleRows, type BoardRow } from './model';
import { Proof } from './Proof';
import { Spreadsheet } from './Spreadsheet';

const EMPTY: BoardRow[] = [];

/**
 * The board of a referent's schools: one row per school with its state (from the cache and the ENT together),
 * counts and proof; searched, filtered, sorted; actions on the selected schools (or the shown ones): download,
 * accept the sure pairs, review them in one queue, confirm the ready ones with one typed confirmation, send.
 */
export function Board() {
  const t = useT();
  const board = useReferentStore((s) => s.board);
  const loading = useReferentStore((s) => s.loading);
  const query = useReferentStore((s) => s.query);
  const stateFilter = useReferentStore((s) => s.stateFilter);
  const sort = useReferentStore((s) => s.sort);
  const selected = useReferentStore((s) => s.selected);
  const progress = useReferentStore((s) => s.progress);
  const busy = useReferentStore((s) => s.busy);
  const error = useReferentStore((s) => s.error);
  const notice = useReferentStore((s) => s.notice);
  const failures = useReferentStore((s) => s.failures);
  const store = useReferentStore.getState;
  const [confirming, setConfirming] = useState(false);

  const rows = board?.rows ?? EMPTY;
  const shown = useMemo(() => visibleRows(rows, { query, state: stateFilter, sort }), [rows, query, stateFilter, sort]);
  const byState = useMemo(() => countByState(rows), [rows]);
  const sums = useMemo(() => totalsOf(shown), [shown]);
  const scope = useMemo(() => scopeOf(rows, shown, selected), [rows, shown, selected]);
  const can = useMemo(
    () => ({
      pull: applicable('pull', scope),
      acceptAuto: applicable('acceptAuto', scope),
      review: applicable('review', scope),
      confirm: applicable('confirm', scope),
      push: applicable('push', scope),
      export: applicable('export', scope),
    }),
    [scope],
  );
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.uai));

  const onToggle = useCallback((uai: string) => {
    const next = new Set(useReferentStore.getState().selected);
    if (next.has(uai)) next.delete(uai);
    else next.add(uai);
    useReferentStore.getState().setSelected(next);
  }, []);
  const onOpen = useCallback((uai: string) => void useReferentStore.getState().openSchool(uai), []);
  const onSpaces = useCallback((uai: string) => void useReferentStore.getState().openSchool(uai, 'spaces'), []);
  const uais = (list: BoardRow[]) => list.map((r) => r.uai);
  const overall = progress['pull-many'];
  const height = Math.max(360, Math.min(760, (typeof window === 'undefined' ? 900 : window.innerHeight) - 160));

  return (
    <main className="card board" aria-labelledby="board-title">
      <h2 id="board-title">{t('board.title')}</h2>
      <p>{t('board.intro')}</p>
      <Proof rows={rows} />

      <p className="totals board-totals" data-testid="board-totals">
        {t('board.totals', { shown: sums.schools, all: rows.length, pupils: sums.newPupils, linked: sums.linked, undecided: sums.undecided, unmatched: sums.unmatched })}
      </p>
      <p className="small muted" data-testid="board-by-state">
        {BOARD_STATES.filter((s) => byState[s] > 0)
          .map((s) => `${t(`board.filter.${s}` as MessageKey)} : ${byState[s]}`)
          .join(' · ')}
      </p>

      <div className="board-filters" role="search">
        <label htmlFor="board-search">{t('board.search')}</label>
        <input id="board-search" type="search" value={query} onChange={(e) => store().setQuery(e.target.value)} placeholder={t('board.search.placeholder')} />
        <label htmlFor="board-state">{t('board.filter')}</label>
        <select id="board-state" value={stateFilter} onChange={(e) => store().setStateFilter(e.target.value as StateFilter)}>
          <option value="all">{t('board.filter.all', { n: rows.length })}</option>
          {BOARD_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`board.filter.${s}` as MessageKey)} ({byState[s]})
            </option>
          ))}
        </select>
        <label htmlFor="board-sort">{t('board.sort')}</label>
        <select id="board-sort" value={sort} onChange={(e) => store().setSort(e.target.value as SortKey)}>
          <option value="name">{t('board.sort.name')}</option>
          <option value="state">{t('board.sort.state')}</option>
          <option value="undecided">{t('board.sort.undecided')}</option>
        </select>
      </div>

      <section className="board-bar" aria-label={t('board.actions')}>
        <label className="checkbox">
          <input type="checkbox" checked={allShownSelected} onChange={() => store().setSelected(toggleAll(selected, shown))} disabled={shown.length === 0} data-testid="select-all" />
          {t('board.selectAll', { n: shown.length })}
        </label>
        <p className="small board-scope" data-testid="board-scope">
          {selected.size > 0 ? t('board.scope.selected', { n: selected.size }) : t('board.scope.shown', { n: shown.length })}
          {selected.size > 0 ? (
            <button type="button" className="link small" onClick={() => store().setSelected(new Set())}>
              {t('board.unselect')}
            </button>
          ) : null}
        </p>
        <div className="board-buttons">
          <button type="button" onClick={() => void store().pullMany(uais(can.pull))} disabled={busy !== null || can.pull.length === 0} data-testid="pull-many">
            {t('board.pull', { n: can.pull.length })}
          </button>
          <button type="button" className="secondary" onClick={() => void store().acceptAutoMany(uais(can.acceptAuto))} disabled={busy !== null || can.acceptAuto.length === 0} data-testid="accept-auto-many">
            {t('board.acceptAuto', { n: can.acceptAuto.length })}
          </button>
          <button type="button" className="secondary" onClick={() => void store().openQueue(uais(can.review))} disabled={busy !== null || can.review.length === 0} data-testid="open-queue">
            {t('board.review', { n: can.review.length })}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={busy !== null || can.confirm.length === 0} data-testid="confirm-many">
            {t('board.confirm', { n: can.confirm.length })}
          </button>
          <button type="button" className="secondary" onClick={() => void store().pushMany(uais(can.push))} disabled={busy !== null || can.push.length === 0} data-testid="push-many">
            {t('board.push', { n: can.push.length })}
          </button>
        </div>
      </section>

      {overall ? <ProgressBar label={t('board.pull.overall', { done: overall.done, total: overall.total })} done={overall.done} total={overall.total} testId="pull-many-progress" /> : null}
      {busy === 'acceptAuto' || busy === 'confirm' || busy === 'push' || busy === 'prove' ? <ProgressBar label={t(`board.busy.${busy}` as MessageKey)} /> : null}
      {board && board.pendingPulls.length > 0 && busy !== 'pull' ? (
        <Notice testId="pending-pulls">{t('board.pending', { n: board.pendingPulls.length })}</Notice>
      ) : null}
      {notice ? <Notice testId="board-notice">{t(notice.key, notice.params)}</Notice> : null}
      {failures.length > 0 ? (
        <div className="alert alert-warning" role="alert" data-testid="board-failures">
          <p>{t('board.failures', { n: failures.length })}</p>
          <ul>
            {failures.map((f) => (
              <li key={f.uai}>
                <strong>{f.name}</strong> ({f.uai}) : {f.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorAlert error={error} onClose={() => store().clearMessages()} />

      <Spreadsheet exportable={selected.size > 0 ? can.export : null} />

      {!board && loading ? <ProgressBar label={t('schools.loading')} /> : null}
      {board && rows.length === 0 ? <p>{t('schools.none')}</p> : null}
      {board && rows.length > 0 && shown.length === 0 ? <p data-testid="board-empty">{t('board.noMatch')}</p> : null}
      {shown.length > 0 ? (
        <>
          <div className="board-row board-head" aria-hidden="true">
            <span />
            <span>{t('board.col.school')}</span>
            <span>{t('board.col.state')}</span>
            <span>{t('board.col.counts')}</span>
            <span />
          </div>
          <VirtualList count={shown.length} rowHeight={BOARD_ROW_HEIGHT} height={height} label={t('board.list', { n: shown.length })} className="board-list" renderRow={(i) => {
            const row = shown[i];
            if (!row) return null;
            return <BoardRowView row={row} selected={selected.has(row.uai)} pull={progress[`pull:${row.uai}`]} merge={progress[`merge:${row.uai}`]} onToggle={onToggle} onOpen={onOpen} onSpaces={onSpaces} />;
          }} />
        </>
      ) : null}
      {board ? (
        <button type="button" className="secondary board-refresh" onClick={() => void store().loadBoard(true)} disabled={loading}>
          {t('schools.refresh')}
        </button>
      ) : null}
      {confirming ? <ConfirmSchools rows={can.confirm} onClose={() => setConfirming(false)} /> : null}
    </main>
  );
}
