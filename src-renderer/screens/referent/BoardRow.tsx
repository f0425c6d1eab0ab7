import { memo } from 'react';
import { isSettled, stepReachable } from '../../../src-shared/domain/school-lifecycle';
import type { ProgressPayload } from '../../../src-shared/rpc';
import { useT, type MessageKey } from '../../i18n';
import { useEntSentence } from '../../components/EntStatement';
import { ProgressBar } from '../../components/ProgressBar';
import type { BoardRow } from './model';

/** Every row has this height (the board is windowed above 60 schools). */
export const BOARD_ROW_HEIGHT = 104;

interface RowProps {
  row: BoardRow;
  selected: boolean;
  /** `pull:<uai>` while it downloads, `merge:<uai>` while the ENT merges (live, from the core's events). */
  pull: ProgressPayload | undefined;
  merge: ProgressPayload | undefined;
  onToggle: (uai: string) => void;
  onOpen: (uai: string) => void;
  onSpaces: (uai: string) => void;
}

/** One school of the board: selection, name (opens it), state with its own progress bar, counts, the proof. */
export const BoardRowView = memo(function BoardRowView({ row, selected, pull, merge, onToggle, onOpen, onSpaces }: RowProps) {
  const t = useT();
  const sentence = useEntSentence();
  const c = row.counts;
  const label = t(`board.state.${row.state}` as MessageKey, { n: c?.undecided ?? 0 });
  const mergeDone = merge?.done ?? row.progress?.done ?? 0;
  const mergeTotal = merge?.total ?? row.progress?.total ?? 0;
  const entText = row.ent ? `${sentence(row.ent)}${row.ent.status === 'done' ? ` ${row.ent.credentialsAvailable ? t('schools.ent.letters') : t('schools.ent.nothing')}` : ''}` : t('schools.ent.none');
  return (
    <div className={`board-row state-${row.state}${selected ? ' selected' : ''}`} data-testid={`board-row-${row.uai}`} data-state={row.state}>
      <input type="checkbox" className="board-check" checked={selected} onChange={() => onToggle(row.uai)} aria-label={t('board.select', { school: row.name })} />
      <div className="board-school">
        <button type="button" className="link school-open" onClick={() => onOpen(row.uai)} data-testid={`school-${row.uai}`} title={row.name}>
          {row.name}
        </button>
        <span className="muted small">
          {row.uai}
          {row.commune ? ` · ${row.commune}` : ''}
        </span>
        {/* Once settled (merged, reconciled elsewhere), the proof no longer matters for the school. */}
        {isSettled(row.phase) ? null : (
          <span className={`small proof-mark${row.covered ? ' covered' : ''}`} data-testid={`covered-${row.uai}`}>
            {row.covered ? t('board.covered') : t('board.notCovered')}
          </span>
        )}
      </div>
      <div className="board-state">
        <span className={`badge state ${row.state}`} data-testid={`state-${row.uai}`}>
          {label}
        </span>
        {row.state === 'pulling' ? (
          <ProgressBar label={t('board.pull.school', { school: row.name, done: pull?.done ?? 0, total: pull?.total ?? 0 })} done={pull?.done} total={pull?.total} testId={`pull-progress-${row.uai}`} />
        ) : null}
        {row.state === 'pull-failed' && row.error ? <span className="small board-error">{row.error}</span> : null}
        {row.state === 'merging' && mergeTotal > 0 ? <ProgressBar label={t('ent.progress', { done: mergeDone, total: mergeTotal })} done={mergeDone} total={mergeTotal} testId={`merge-progress-${row.uai}`} /> : null}
        {row.state !== 'pulling' ? (
          <span className="small muted board-ent" data-testid={`school-ent-${row.uai}`} title={entText}>
            {entText}
          </span>
        ) : null}
      </div>
      <div className="board-counts small">
        {c ? (
          <>
            <span>
              <strong>{c.newPupils}</strong> {t('board.count.pupils', { n: c.newPupils })}
            </span>
            <span>
              <strong>{c.linked}</strong> {t('board.count.linked', { n: c.linked })}
            </span>
            <span className={c.undecided > 0 ? 'reasons' : undefined}>
              <strong>{c.undecided}</strong> {t('board.count.undecided', { n: c.undecided })}
            </span>
            <span>
              <strong>{c.unmatchedNew + c.unmatchedOld}</strong> {t('board.count.unmatched', { n: c.unmatchedNew + c.unmatchedOld })}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div className="board-actions">
        {stepReachable('spaces', row.phase, true) ? (
          <button type="button" className="secondary small" onClick={() => onSpaces(row.uai)} aria-label={t('board.spaces.aria', { school: row.name })}>
            {t('board.spaces')}
          </button>
        ) : null}
      </div>
    </div>
  );
});
